// Every sentence that tells the audience what a block's output shows is backed by a rehearse check (note-claims.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMOS } from './checks';
import { NOTE_CLAIMS } from './note-claims';
import { PROJECT_ROOT } from './slide-order';

const flat = (text: string) => text.replace(/\s+/g, ' ');
const pageText = async (page: string) => flat(await readFile(join(PROJECT_ROOT, page), 'utf8'));
const demoOf = (page: string) => /pages\/(demo\d+)\.md$/.exec(page)?.[1];
const PAGES = ['demo1', 'demo2', 'demo3', 'demo4', 'demo5', 'demo6', 'demo7', 'demo8'].map((demo) => `pages/${demo}.md`);

/** The sentences of a page's presenter notes (<!-- … -->). */
async function noteSentences(page: string): Promise<string[]> {
  const text = await readFile(join(PROJECT_ROOT, page), 'utf8');
  return [...text.matchAll(/<!--([\s\S]*?)-->/g)]
    .flatMap((note) => note[1]!.split(/\n\s*\n/))
    .flatMap((paragraph) => flat(paragraph).trim().split(/(?<=[.!?])\s+(?=["A-Z(])/));
}

/** A sentence that says what this run showed: it starts with "Here", or speaks of this run or of what the output says. */
const aboutTheRun = (sentence: string) => /^"?Here\b|\bthis run\b|\bthe output (says|shows)\b/.test(sentence);
/** …or one that does not need a check: a figure quoted from the run itself, a typical case, or a named source. */
const needsNoCheck = (sentence: string) => /<RunFigure|\btypically\b|\((PostgreSQL docs|[\w-]+\.c\b)/.test(sentence);

describe('what the notes say a block shows', () => {
  it.each(NOTE_CLAIMS.map((c) => [`${c.page}: "${c.says}"`, c] as const))('%s is on its page and backed by a check', async (_, claim) => {
    expect(await pageText(claim.page), 'the sentence is no longer on its page').toContain(flat(claim.says));
    const demo = demoOf(claim.page);
    expect(DEMOS[demo ?? '']?.checks.map((c) => c.claim), `${demo}'s checks`).toContain(claim.check);
  });

  it('lists every sentence of the notes that speaks of this run', async () => {
    const unlisted: string[] = [];
    for (const page of PAGES) {
      const listed = NOTE_CLAIMS.filter((c) => c.page === page).map((c) => flat(c.says));
      for (const sentence of await noteSentences(page)) {
        if (aboutTheRun(sentence) && !needsNoCheck(sentence) && !listed.some((says) => sentence.includes(says))) {
          unlisted.push(`${page}: ${sentence}`);
        }
      }
    }
    expect(unlisted, 'back these with a check in note-claims.ts, or say "typically" or the source').toEqual([]);
  });
});
