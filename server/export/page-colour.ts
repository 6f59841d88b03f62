// The colour a PDF page is printed on, by pdftoppm (poppler-utils): the export tests check the palette an export used.
import { execFileSync } from 'node:child_process';

/** #rrggbb of one pixel of `page` (1-based) rendered at a low resolution; `at`: where, as fractions of the page (default: near its top-left corner). */
export function pageColour(file: string, page: number, at = { x: 0.01, y: 0.01 }): string {
  const ppm = execFileSync('pdftoppm', ['-r', '20', '-f', String(page), '-l', String(page), file]);
  // "P6\n<width> <height>\n255\n" then RGB triplets, row by row
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PPM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const offset = header[0].length + 3 * (Math.floor(at.y * height) * width + Math.floor(at.x * width));
  return `#${[...ppm.subarray(offset, offset + 3)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
