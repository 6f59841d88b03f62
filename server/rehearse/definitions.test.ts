// The demos' checks and figures name blocks that exist, in the demo they belong to, and every block of the deck is
// on a slide once: rehearse runs exactly what a presenter clicks.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MID_DEMO_RESETS } from '../../shared/demo-topology';
import { loadSnippets } from '../snippets/load';
import { DEMOS } from './checks';
import { blocksInSlideOrder, demoBlocks, PROJECT_ROOT } from './slide-order';

let blocks: Map<string, string[]>;

beforeAll(async () => {
  blocks = await demoBlocks();
});

describe('the demos rehearse knows', () => {
  it('are the deck\'s demos, and every snippet is on a slide exactly once', async () => {
    expect([...blocks.keys()]).toEqual(Object.keys(DEMOS));
    const onSlides = await blocksInSlideOrder();
    expect(onSlides.filter((id, i) => onSlides.indexOf(id) !== i)).toEqual([]);
    expect([...onSlides].sort()).toEqual([...(await loadSnippets()).keys()].sort());
  });

  it('check after blocks of their own demo, and read figures from them', () => {
    for (const [demo, definition] of Object.entries(DEMOS)) {
      const own = blocks.get(demo)!;
      for (const check of definition.checks) if (check.after) expect(own, check.claim).toContain(check.after);
      for (const figure of definition.figures) expect(own, figure.label).toContain(figure.snippet);
      expect(definition.checks.filter((c) => !c.after).length, `${demo} has checks at its end`).toBeGreaterThan(0);
    }
  });

  it('reset mid-demo exactly where shared/demo-topology.ts says: a <ResetDemo before> on the slide of that block', async () => {
    const onSlides = await blocksInSlideOrder();
    const buttons: string[] = [];
    for (const demo of blocks.keys()) {
      const page = await readFile(join(PROJECT_ROOT, 'pages', `${demo}.md`), 'utf8').catch(() => '');
      for (const slide of page.split(/^---$/m)) {
        const before = /<ResetDemo\b[^>]*\bbefore="([^"]+)"/.exec(slide)?.[1];
        if (!before) continue;
        buttons.push(before);
        // the block it names is on the same slide, so the presenter meets the button before that block's Run
        expect(slide, before).toContain(`<RunBlock id="${before}"`);
      }
    }
    expect(buttons.sort()).toEqual(Object.keys(MID_DEMO_RESETS).sort());
    for (const block of buttons) expect(onSlides).toContain(block);
  });
});
