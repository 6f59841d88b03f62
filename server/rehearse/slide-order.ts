// The demos' blocks in slide order: the <RunBlock id="…"> of slides.md and the pages it includes (`src:`), in the
// order a presenter meets them. Rehearse runs them in this order, as the browser tests click them.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function blocksOf(file: string, seen: Set<string>): Promise<string[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = await readFile(file, 'utf8');
  const ids: string[] = [];
  // a slide that includes another file (`src: ./pages/demo1.md` in its frontmatter), or a block
  for (const match of text.matchAll(/^src:\s*(\S+)\s*$|<RunBlock\b[^>]*\bid="([^"]+)"/gm)) {
    if (match[1]) ids.push(...await blocksOf(join(dirname(file), match[1]), seen));
    else ids.push(match[2]!);
  }
  return ids;
}

/** Every block of the deck, in slide order. */
export async function blocksInSlideOrder(root = PROJECT_ROOT): Promise<string[]> {
  return blocksOf(join(root, 'slides.md'), new Set());
}

/** `demo3` → its blocks in slide order. */
export async function demoBlocks(root = PROJECT_ROOT): Promise<Map<string, string[]>> {
  const demos = new Map<string, string[]>();
  for (const id of await blocksInSlideOrder(root)) {
    const demo = id.split('/')[0]!;
    demos.set(demo, [...(demos.get(demo) ?? []), id]);
  }
  return demos;
}
