// subset-font ships no types: the part of its API that server/deck/code-font.ts uses.
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: 'sfnt' | 'woff' | 'woff2'; keepFeatures?: string[]; noLayoutClosure?: boolean },
  ): Promise<Buffer>;
}
