// The deck's look before any slide renders: its fonts, bundled so every machine lays the slides out alike (no font
// from the internet, none left to the system), and the palette's colours as CSS variables (--pg-…) for both variants;
// an export in the variant it asked for (light unless `palette=dark`: composables/printMode.ts).
// Then Slidev's own download button (navigation bar) offers the PDF `npm run export` made, when there is one: the build
// cannot know, so the deck asks its server once (a HEAD request) — beside mounting, not before it: a deck that waited
// for the answer would miss the keys pressed as soon as the page loaded.
import '@fontsource/atkinson-hyperlegible-next/latin-400.css';
import '@fontsource/atkinson-hyperlegible-next/latin-400-italic.css';
import '@fontsource/atkinson-hyperlegible-next/latin-700.css';
// the code font, cut to the deck's characters at build time (server/deck/code-font.ts)
import 'virtual:pgdemo-code-font.css';
import { configs } from '@slidev/client';
import { defineAppSetup } from '@slidev/types';
import { ref } from 'vue';
import { isPrintMode, printVariant } from '../composables/printMode';
import { retryLoad } from '../composables/retryLoad';
import { retryDroppedViews } from '../composables/retryRoute';
import { PALETTES, paletteStyleSheet } from '../styles/palette';

const EXPORTED_PDF = '/exports/slides.pdf';

function addPalette(): void {
  if (typeof document === 'undefined' || document.getElementById('pg-palette')) return;
  const style = document.createElement('style');
  style.id = 'pg-palette';
  style.textContent = paletteStyleSheet();
  document.head.prepend(style);
}

/**
 * Slidev sets html.dark from slides.md's colorSchema once, as it loads (a configured schema never changes after): an
 * export sets the variant it prints in after that. Slidev's own classes (its backgrounds, the code's --shiki-dark) and
 * the palette's variables follow the class.
 */
function applyPrintVariant(): void {
  const html = document.documentElement;
  html.classList.add('pg-print'); // the slides' and the notes' print views alike (styles/index.css)
  html.classList.toggle('dark', printVariant === 'dark');
  html.classList.toggle('light', printVariant === 'light');
  // a page's margins (the notes' A4 @page) are Chromium's canvas, in the dark variant its own #121212 (color-scheme
  // dark): they take the palette's background too
  const page = document.createElement('style');
  page.textContent = `@page { background: ${PALETTES[printVariant].background}; }`;
  document.head.append(page);
}

/**
 * configs is a plain object that Slidev's navigation bar reads as it renders: its `download` becomes a getter over a ref,
 * so the button appears when the answer comes, whenever that is.
 */
function offerExportedPdf(): void {
  const offered = ref<boolean | string>(configs.download);
  Object.defineProperty(configs, 'download', { get: () => offered.value, configurable: true, enumerable: true });
  retryLoad(() => fetch(EXPORTED_PDF, { method: 'HEAD' })).then((answer) => {
    // a dev server answers a missing file with its index.html: only a PDF counts
    if (answer.ok && answer.headers.get('content-type')?.startsWith('application/pdf')) offered.value = EXPORTED_PDF;
  }, () => {
    // no answer: no download button, as before
  });
}

export default defineAppSetup(({ router }) => {
  retryDroppedViews(router);
  addPalette();
  if (isPrintMode) applyPrintVariant();
  else offerExportedPdf();
});
