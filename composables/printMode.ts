// Whether this page is being exported (PDF): Slidev's own rule (useNav().isPrintMode) — the exporter opens the deck with
// `?print`, or its browser exporter at /export — and the notes' print page; read once here, where module-level code has
// no component to ask. An export prints in the light palette (paper, a screen in daylight) unless the page was opened
// with `palette=dark` (`npm run export -- --dark`); the room's choice (slides.md's colorSchema) is for the projector.
import type { Variant } from '../styles/palette';

const where = typeof location === 'undefined' ? undefined : location;

export const isPrintMode: boolean = where !== undefined
  && (new URLSearchParams(where.search).has('print') || /\/(export|presenter\/print)\/?$/.test(where.pathname));

export const printVariant: Variant = where && new URLSearchParams(where.search).get('palette') === 'dark' ? 'dark' : 'light';

/**
 * The exporter's last look before it prints (a window event): each printed block measures and hides again what its
 * frames cut off, as laid out by then; what changes, it continues after its slide (usePrintContinuation.ts).
 */
export const PRINT_SETTLE = 'pgdemo:print-settle';
