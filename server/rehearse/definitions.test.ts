// The demos' checks and figures name blocks that exist, in the demo they belong to, and every block of the deck is
// on a slide once: rehearse runs exactly what a presenter clicks.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSnippets } from '../snippets/load';
import { DEMOS } from './checks';
import { blocksInSlideOrder, demoBlocks } from './slide-order';

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
});
