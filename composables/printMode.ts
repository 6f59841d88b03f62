// Whether this page is being exported (PDF): Slidev's own rule (useNav().isPrintMode) — the exporter opens the deck with
// `?print`, or its browser exporter at /export — read once here, where module-level code has no component to ask.
export const isPrintMode: boolean = typeof location !== 'undefined'
  && (new URLSearchParams(location.search).has('print') || /\/export\/?$/.test(location.pathname));
