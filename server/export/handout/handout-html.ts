// The handout as one HTML document, from the deck's own sources: every shown slide in reading order (its Markdown, a
// Q&A slide's answer included), each block as its whole command and whole recorded output (handout-block.ts), each
// figure quoted from its recording, the presenter notes under their slide; a chapter per page of slides.md (a demo),
// and a table of contents with the page each entry starts on (found by export-handout.ts after a first printing).
import { join } from 'node:path';
import { load } from '@slidev/parser/fs';
import MarkdownIt from 'markdown-it';
import { figureValue } from '../../../shared/figure-value';
import type { Recording, Snippet } from '../../../shared/types';
import { plainTitleOf, qaAnswerOf } from '../../../setup/qa-answer';
import { PROJECT_ROOT } from '../../rehearse/slide-order';
import { blockHtml, escapeHtml } from './handout-block';

export interface HandoutEntry {
  /** "2.3": chapter and slide; the chapter's own entry is "2" */
  number: string;
  title: string;
  /** the element's id */
  id: string;
}

export interface HandoutSlide extends HandoutEntry {
  html: string;
  notes: string;
  /** the presenter notes' Markdown, and a Q&A slide's answer (both in `html`/`notes` too) */
  note?: string;
  answer?: string;
}

export interface HandoutChapter extends HandoutEntry { slides: HandoutSlide[] }

const markdown = new MarkdownIt({ html: true });
const attributes = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

/** A slide's Markdown with the deck's components in paper form: blocks whole, figures quoted, pictures and buttons gone. */
function paperMarkdown(content: string, snippets: ReadonlyMap<string, Snippet>, recordings: ReadonlyMap<string, Recording>): string {
  return content
    .replace(/^#\s+.*$/m, '') // the title is the section's heading
    .replace(/<RunBlock\b[^>]*\/>/g, (tag) => {
      const id = attributes(tag).id!;
      const snippet = snippets.get(id);
      return snippet ? blockHtml(snippet, recordings.get(id)) : `<p class="missing">no snippet ${escapeHtml(id)}</p>`;
    })
    .replace(/<RunFigure\b[^>]*\/>/g, (tag) => {
      const { snippet, column, pattern, unit } = attributes(tag);
      const value = figureValue(recordings.get(snippet!)?.result, { column, pattern });
      return `<b class="figure">${escapeHtml(value ?? `(no recording of ${snippet})`)}${unit ? `&#8239;${escapeHtml(unit)}` : ''}</b>`;
    })
    // the live cluster's picture, its chart, the reset button and the click that reveals an answer: nothing on paper
    .replace(/<(TopologyPicture|LagChart|ResetDemo)\b[^>]*\/>|<\/?v-click>/g, '');
}

const titleOf = (slide: { title?: string; content: string }) => plainTitleOf(slide.content) ?? slide.title ?? '';

/** The deck's shown slides, grouped in chapters: the slides of slides.md itself, then each page it includes. */
export async function handoutChapters(snippets: ReadonlyMap<string, Snippet>, recordings: ReadonlyMap<string, Recording>): Promise<HandoutChapter[]> {
  const { slides } = await load({ roots: [PROJECT_ROOT], userRoot: PROJECT_ROOT } as never, join(PROJECT_ROOT, 'slides.md'));
  const chapters: HandoutChapter[] = [];
  let file: string | undefined;
  for (const slide of slides.filter((s) => !s.frontmatter?.hide && !s.frontmatter?.disabled)) {
    if (slide.source.filepath !== file) {
      file = slide.source.filepath;
      const number = String(chapters.length + 1);
      const alias = slide.frontmatter?.routeAlias as string | undefined;
      chapters.push({ number, id: alias ?? `chapter-${number}`, title: chapters.length ? titleOf(slide) : 'Introduction', slides: [] });
    }
    const chapter = chapters.at(-1)!;
    const number = `${chapter.number}.${chapter.slides.length + 1}`;
    // a demo's first slide is the chapter's title: under it, it is the demo's overview
    const title = titleOf(slide) === chapter.title ? 'Overview' : titleOf(slide);
    chapter.slides.push({
      number,
      id: `slide-${number.replace('.', '-')}`,
      title,
      html: markdown.render(paperMarkdown(slide.content, snippets, recordings)),
      notes: slide.note?.trim() ? markdown.render(slide.note) : '',
      note: slide.note?.trim() || undefined,
      answer: qaAnswerOf(slide.content),
    });
  }
  return chapters;
}

/** The table of contents: each entry with its page, or an unprinted placeholder as wide before the pages are known. */
function contents(chapters: HandoutChapter[], pages: ReadonlyMap<string, number> | undefined): string {
  const page = (e: HandoutEntry) => (pages?.has(e.id) ? `<span class="p">${pages.get(e.id)}</span>` : '<span class="p" style="visibility: hidden">000</span>');
  const entry = (e: HandoutEntry, cls: string) => `<li class="${cls}"><a href="#${e.id}"><span class="n">${e.number}</span> `
    + `<span class="t">${escapeHtml(e.title)}</span>${page(e)}</a></li>`;
  return `<nav class="toc"><h1>Contents</h1><ol>${chapters.map((c) => entry(c, 'toc__chapter') + c.slides.map((s) => entry(s, 'toc__slide')).join('')).join('')}</ol></nav>`;
}

export function handoutHtml(chapters: HandoutChapter[], options: { title: string; subtitle: string; css: string; pages?: ReadonlyMap<string, number> }): string {
  const body = chapters.map((c) => `<section class="chapter" id="${c.id}"><h1><span class="n">${c.number}</span> ${escapeHtml(c.title)}</h1>${
    c.slides.map((s) => `<section class="slide" id="${s.id}"><h2><span class="n">${s.number}</span> ${escapeHtml(s.title)}</h2>${s.html}${
      s.notes ? `<aside class="notes"><p class="notes__label">Presenter notes</p>${s.notes}</aside>` : ''}</section>`).join('')}</section>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title><style>${options.css}</style></head>`
    + `<body><header class="cover"><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.subtitle)}</p></header>`
    + `${contents(chapters, options.pages)}<main>${body}</main></body></html>`;
}
