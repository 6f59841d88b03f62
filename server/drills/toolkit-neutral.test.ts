// The drill's toolkit is on screen before the reveal: its slides and its blocks (titles, notes, code) must name no
// fault, or a candidate reads the answer off the deck instead of finding it in the output.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSnippets } from '../snippets/load';
import { FAULTS } from './catalog';
import { giveaways } from './giveaways';

const DRILL_PAGE = fileURLToPath(new URL('../../pages/drill.md', import.meta.url));

/** The toolkit's slides as Markdown (the page's slides whose heading starts "Drill toolkit"). */
async function toolkitSlides(): Promise<string[]> {
  const slides = (await readFile(DRILL_PAGE, 'utf8')).split(/^---$/m);
  return slides.filter((s) => /^# Drill toolkit/m.test(s));
}

describe('the drill toolkit names no fault', () => {
  it('its slides and its blocks carry none of any fault\'s giveaway words', async () => {
    const slides = await toolkitSlides();
    const blocks = [...(await loadSnippets()).values()].filter((s) => s.id.startsWith('drill/'));
    expect(slides.length).toBeGreaterThanOrEqual(4);
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    const texts = [...slides, ...blocks.map((b) => [b.title, b.note ?? '', b.text].join('\n'))];
    for (const fault of FAULTS) {
      for (const word of giveaways(fault)) {
        for (const text of texts) expect(text.toLowerCase(), `"${word}" (${fault.name})`).not.toContain(word.toLowerCase());
      }
    }
  });
});
