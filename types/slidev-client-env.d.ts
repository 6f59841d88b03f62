// The part of `@slidev/client/env` the deck uses (setup/main.ts), for the type-check only (see slidev-client.d.ts).
export declare const configs: {
  /** the navigation bar's download button: off, Slidev's own export, or the URL of a PDF */
  download: boolean | string
  title: string
}
