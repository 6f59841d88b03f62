// Markdown code on the slides (not run blocks) in the same high-contrast themes as the run blocks
// (composables/useHighlight.ts): the default themes' grey comments fade on a projector.
import { defineShikiSetup } from '@slidev/types';

export default defineShikiSetup(() => ({
  themes: { dark: 'github-dark-high-contrast', light: 'github-light-high-contrast' },
}));
