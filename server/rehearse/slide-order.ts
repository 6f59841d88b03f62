// The demos' blocks in slide order: the <RunBlock id="…"> of slides.md and the pages it includes (`src:`), in the
// order a presenter meets them. Rehearse runs them in this order, as the browser tests click them.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A markdown file of the deck: its blocks in order, and how many lag charts it draws. */
interface DeckFile { blocks: string[]; lagCharts: number }

async function filesOf(file: string, seen: Set<string>): Promise<DeckFile[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = await readFile(file, 'utf8');
  const files: DeckFile[] = [];
  let own: DeckFile = { blocks: [], lagCharts: 0 };
  // a slide that includes another file (`src: ./pages/demo1.md` in its frontmatter), a block or a chart
  for (const match of text.matchAll(/^src:\s*(\S+)\s*$|<RunBlock\b[^>]*\bid="([^"]+)"|<LagChart\b/gm)) {
    if (match[1]) {
      files.push(own, ...await filesOf(join(dirname(file), match[1]), seen));
      own = { blocks: [], lagCharts: 0 };
    } else if (match[2]) own.blocks.push(match[2]);
    else own.lagCharts++;
  }
  return [...files, own];
}

const deckFiles = (root: string) => filesOf(join(root, 'slides.md'), new Set());
const demoOf = (id: string) => id.split('/')[0]!;

/** Every block of the deck, in slide order. */
export async function blocksInSlideOrder(root = PROJECT_ROOT): Promise<string[]> {
  return (await deckFiles(root)).flatMap((f) => f.blocks);
}

/** `demo3` → its blocks in slide order. */
export async function demoBlocks(root = PROJECT_ROOT): Promise<Map<string, string[]>> {
  const demos = new Map<string, string[]>();
  for (const id of await blocksInSlideOrder(root)) {
    const demo = demoOf(id);
    demos.set(demo, [...(demos.get(demo) ?? []), id]);
  }
  return demos;
}

/** The demos whose pages draw a lag chart (a demo's page holds its blocks). */
export async function demosWithLagCharts(root = PROJECT_ROOT): Promise<string[]> {
  return [...new Set((await deckFiles(root)).filter((f) => f.lagCharts > 0 && f.blocks.length > 0).map((f) => demoOf(f.blocks[0]!)))];
}
