// The deck's look before any slide renders: its fonts, bundled so every machine lays the slides out alike (no font
// from the internet, none left to the system), and the palette's colours as CSS variables (--pg-…) for both variants.
import '@fontsource/atkinson-hyperlegible-next/latin-400.css';
import '@fontsource/atkinson-hyperlegible-next/latin-400-italic.css';
import '@fontsource/atkinson-hyperlegible-next/latin-700.css';
import '@fontsource/iosevka/latin-400.css';
import '@fontsource/iosevka/latin-700.css';
import { defineAppSetup } from '@slidev/types';
import { paletteStyleSheet } from '../styles/palette';

export default defineAppSetup(() => {
  if (typeof document === 'undefined' || document.getElementById('pg-palette')) return;
  const style = document.createElement('style');
  style.id = 'pg-palette';
  style.textContent = paletteStyleSheet();
  document.head.prepend(style);
});
