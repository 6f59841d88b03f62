// The colours of the variant on screen (or printed: composables/printMode.ts), for what cannot use CSS variables (the
// lag chart draws on a canvas).
import { useDarkMode } from '@slidev/client';
import { computed } from 'vue';
import { PALETTES } from '../styles/palette';
import { isPrintMode, printVariant } from './printMode';

export function usePalette() {
  if (isPrintMode) return computed(() => PALETTES[printVariant]);
  const { isDark } = useDarkMode();
  return computed(() => PALETTES[isDark.value ? 'dark' : 'light']);
}
