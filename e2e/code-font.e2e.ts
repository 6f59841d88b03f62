// The cut code font draws what the whole one draws: every character of the deck's snippets, recordings and slides, in
// both weights, with the deck's NWID feature on and the character pairs Iosevka joins (<= != ->), compared in Chromium
// as closely as its antialiasing allows. A glyph, a feature or a ligature lost in the cut shows as a difference here,
// and a character the deck holds outside the cut's ranges is named. (No deck needed: the page is written by the test.)
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { CODE_FONT_RANGES, CODE_FONT_WEIGHTS, codeFontSubset, originalCodeFont, woff2Source } from '../server/deck/code-font';

/** What the deck shows in its code font: ASCII, and every other character of its snippets, recordings and slides. */
async function deckText(): Promise<string> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files = (await Promise.all(['snippets', 'recordings'].map((dir) => readdir(join(root, dir), { recursive: true, withFileTypes: true }))))
    .flat().filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const texts = await Promise.all([...files, join(root, 'slides.md')].map((file) => readFile(file, 'utf8')));
  let ascii = '';
  for (let c = 0x21; c <= 0x7e; c++) ascii += String.fromCharCode(c);
  const others = [...new Set([...texts.join('')].filter((ch) => ch.codePointAt(0)! > 0x7e && !/\s/.test(ch)))].join('');
  return [ascii, others].join('');
}

function sampleLines(text: string): string[] {
  const lines = text.match(/[\s\S]{1,48}/g) ?? [];
  // pairs Iosevka joins into one glyph (calt), and the marks that NWID narrows
  return [...lines, 'WHERE lag <= 16 AND state != \'streaming\' -> ok => || :: >= <> === !== <-- --> ✓ ✗ →'];
}

/**
 * How far two screenshots of the same text differ, as the largest difference in ink between two 8×8-pixel squares at
 * the same place (0: none, 1: one all black where the other is all white). The cut glyphs' contours are stored anew by
 * harfbuzz, so the rasteriser's antialiasing of an edge may move a little; another glyph, or one drawn by another font,
 * moves a square's ink by far more.
 */
async function largestInkDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(async ([a64, b64]) => {
    const pixels = async (png: string) => {
      const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
      const context = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
      context.drawImage(image, 0, 0);
      return context.getImageData(0, 0, image.width, image.height);
    };
    const [pa, pb] = [await pixels(a64), await pixels(b64)];
    if (pa.width !== pb.width || pa.height !== pb.height) return 1;
    const square = 8;
    let largest = 0;
    for (let y0 = 0; y0 < pa.height; y0 += square) {
      for (let x0 = 0; x0 < pa.width; x0 += square) {
        let difference = 0;
        for (let y = y0; y < Math.min(y0 + square, pa.height); y++) {
          for (let x = x0; x < Math.min(x0 + square, pa.width); x++) difference += pa.data[(y * pa.width + x) * 4]! - pb.data[(y * pa.width + x) * 4]!;
        }
        largest = Math.max(largest, Math.abs(difference) / (255 * square * square));
      }
    }
    return largest;
  }, [a.toString('base64'), b.toString('base64')] as const);
}

test('every character the deck holds is one the cut keeps', async () => {
  const outside = [...await deckText()].filter((ch) => !CODE_FONT_RANGES.some(([from, to]) => ch.codePointAt(0)! >= from && ch.codePointAt(0)! <= to));
  expect(outside, 'add their range to CODE_FONT_RANGES (server/deck/code-font.ts)').toEqual([]);
});

for (const weight of CODE_FONT_WEIGHTS) {
  test(`the cut Iosevka ${weight} draws the deck's characters as the whole font does`, async ({ page }) => {
    const whole = await readFile(originalCodeFont(weight));
    const cut = await codeFontSubset(weight, join(tmpdir(), 'pgdemo-code-font-test'));
    expect(cut.length).toBeLessThan(whole.length / 8);
    const text = sampleLines(await deckText()).map((l) => l.replaceAll('&', '&amp;').replaceAll('<', '&lt;')).join('<br>');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.setContent(`<style>
      @font-face { font-family: Whole; font-weight: ${weight}; src: ${woff2Source(whole)}; }
      @font-face { font-family: Cut; font-weight: ${weight}; src: ${woff2Source(cut)}; }
      :root { font-feature-settings: "NWID" 1; }
      div { font-size: 30px; line-height: 40px; font-weight: ${weight}; white-space: pre; width: 1280px; }
      #whole { font-family: Whole, monospace; } #cut { font-family: Cut, monospace; }
    </style><div id="whole">${text}</div><div id="cut">${text}</div>`);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.status}`).sort()))
      .toEqual(['Cut loaded', 'Whole loaded']);
    const [drawnWhole, drawnCut] = [await page.locator('#whole').screenshot(), await page.locator('#cut').screenshot()];
    const difference = await largestInkDifference(page, drawnWhole, drawnCut);
    expect(difference, 'the cut font draws something the whole font does not').toBeLessThan(0.15); // the cut as it is: 0.06–0.07; without NWID: 0.57
  });
}
