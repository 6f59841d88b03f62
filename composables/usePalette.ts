// The colours of the variant on screen, for what cannot use CSS variables (the lag chart draws on a canvas).
import { useDarkMode } from '@slidev/client';
import { computed } from 'vue';
import { PALETTES } from '../styles/palette';

export function usePalette() {
  const { isDark } = useDarkMode();
  return computed(() => PALETTES[isDark.value ? 'dark' : 'light']);
}
