// The deck's code font, Iosevka, cut down to the characters a deck about PostgreSQL shows. @fontsource's "latin" Iosevka
// is ~1 MB per weight (every glyph variant of the family), and Chromium decodes it on the page's main thread each time a
// page first draws code: ~110 ms on these machines, right after a demo slide renders. The cut is ~60 KB and decodes in a
// few ms. Built with harfbuzz (subset-font) when the deck is built or served, and cached.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

/**
 * Every character a code block, a result table or a recorded terminal may show: ASCII and Latin-1, punctuation (… — ·),
 * arrows, maths (≤ ≠), box drawing and blocks (psql's and the report scripts' frames), shapes and dingbats (● ✓ ✗).
 * Broader than what the deck holds today, so an edited snippet or a new result rarely falls back to another font. (One
 * difference remains: a character that no font on the machine has is drawn blank, where the whole font drew its hatched
 * box — harfbuzz keeps the "missing glyph" glyph without its outline.)
 */
export const CODE_FONT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x20, 0x7e], [0xa0, 0xff], [0x2010, 0x205e], [0x2190, 0x21ff], [0x2200, 0x22ff], [0x2500, 0x25ff], [0x2700, 0x27bf],
];

/**
 * The OpenType features kept, with the glyphs they reach: harfbuzz's defaults for text shaping, and NWID, the narrow
 * ✓ ✗ → that styles/index.css turns on. Without the list every glyph of every variant feature (cv01…, ss01…) stays.
 */
export const CODE_FONT_FEATURES = ['ccmp', 'locl', 'mark', 'mkmk', 'calt', 'liga', 'clig', 'rlig', 'rvrn', 'kern', 'NWID'];

export const CODE_FONT_WEIGHTS = [400, 700] as const;

const require = createRequire(import.meta.url);

/** @fontsource's woff2 of one weight: the font the deck used whole before. */
export function originalCodeFont(weight: number): string {
  return join(dirname(require.resolve('@fontsource/iosevka/package.json')), 'files', `iosevka-latin-${weight}-normal.woff2`);
}

function characters(): string {
  let text = '';
  for (const [from, to] of CODE_FONT_RANGES) for (let c = from; c <= to; c++) text += String.fromCodePoint(c);
  return text;
}

/** One weight, cut: from the cache when the same font was cut the same way before (harfbuzz takes ~1 s a weight). */
export async function codeFontSubset(weight: number, cacheDir: string): Promise<Buffer> {
  const original = await readFile(originalCodeFont(weight));
  const version = (require('subset-font/package.json') as { version: string }).version;
  const key = createHash('sha256').update(original).update(JSON.stringify([CODE_FONT_RANGES, CODE_FONT_FEATURES, version]))
    .digest('hex').slice(0, 16);
  const cached = join(cacheDir, `iosevka-code-${weight}-${key}.woff2`);
  const hit = await readFile(cached).catch(() => undefined);
  if (hit) return hit;
  const cut = await subsetFont(original, characters(), { targetFormat: 'woff2', keepFeatures: CODE_FONT_FEATURES });
  await mkdir(cacheDir, { recursive: true });
  // two builds at once: each writes its own file, the rename is atomic, and both cut the same font
  const partial = `${cached}.${process.pid}.partial`;
  await writeFile(partial, cut);
  await rename(partial, cached);
  return cut;
}

/** A font's `src` value, the font inlined. */
export const woff2Source = (woff2: Buffer): string => `url(data:font/woff2;base64,${woff2.toString('base64')}) format('woff2')`;

/** The @font-face rules of the cut font, each weight inlined (a data: URL works alike in the dev server and the build). */
export async function codeFontCss(cacheDir: string): Promise<string> {
  const faces = await Promise.all(CODE_FONT_WEIGHTS.map(async (weight) => {
    const woff2 = await codeFontSubset(weight, cacheDir);
    return `@font-face {\n  font-family: 'Iosevka';\n  font-style: normal;\n  font-display: swap;\n  font-weight: ${weight};\n`
      + `  src: ${woff2Source(woff2)};\n}\n`;
  }));
  return `/* Iosevka (SIL OFL 1.1), cut to the deck's characters by server/deck/code-font.ts */\n${faces.join('')}`;
}
