// What the audience sees on the slide on screen, checked like a person at the back of the room would: text too small
// to read, content cut off without a sign that there is more, and boxes drawn over each other. Works on any page that
// shows the deck (live cluster or, later, recordings): it reads only the DOM.
import type { Page } from '@playwright/test';

export interface LayoutRules {
  /** smallest font size, in px of the slide canvas (980 px wide), for any text on a slide */
  minFontPx: number;
  /** px two boxes may share (borders of neighbouring table cells, anti-aliasing) */
  tolerancePx: number;
}

export const LAYOUT_RULES: LayoutRules = { minFontPx: 14, tolerancePx: 1.5 };

export interface LayoutProblem {
  kind: 'small-text' | 'overflow' | 'overlap' | 'off-slide';
  what: string;
}

export interface SlideMetrics {
  /** smallest font size (canvas px) per kind of text: code, result, body, status */
  fonts: Record<string, number>;
  problems: LayoutProblem[];
}

/**
 * Measures the slide on screen (the audience view, `/N`). An element that scrolls or clips its content must say so
 * with a visible `[data-overflow-cue]` inside it or beside it (same parent); text drawn on a canvas declares its size
 * in `data-min-font-px` on the canvas' container.
 */
export async function measureSlide(page: Page, rules: LayoutRules = LAYOUT_RULES): Promise<SlideMetrics> {
  return page.evaluate((r) => {
    const slide = [...document.querySelectorAll<HTMLElement>('.slidev-page')].find((e) => e.checkVisibility());
    if (!slide) return { fonts: {}, problems: [{ kind: 'off-slide' as const, what: `no slide on screen at ${location.href}` }] };
    const slideRect = slide.getBoundingClientRect();
    const scale = slideRect.width / slide.offsetWidth;

    const describe = (el: Element): string => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
      const block = el.closest('[data-snippet]')?.getAttribute('data-snippet');
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${block ? `[${block}] ` : ''}${el.tagName.toLowerCase()}${cls}${text ? ` "${text}"` : ''}`;
    };
    const visible = (el: Element) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');

    /** the scale of an element relative to the slide canvas (transforms or zoom between them) */
    const ownScale = (el: Element): number => {
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        return m ? Math.hypot(m.a, m.b) / scale : 1;
      }
      let s = 1;
      for (let a: Element | null = el; a && a !== slide; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.transform !== 'none') {
          const m = new DOMMatrix(style.transform);
          s *= Math.hypot(m.a, m.b);
        }
        if (style.zoom && style.zoom !== '1') s *= Number(style.zoom);
        if (style.scale !== 'none') s *= Number(style.scale.split(' ')[0]);
      }
      return s;
    };

    type Box = { left: number; top: number; right: number; bottom: number; empty: boolean };
    const clip = (a: { left: number; top: number; right: number; bottom: number }, c: { left: number; top: number; right: number; bottom: number }): Box => {
      const left = Math.max(a.left, c.left);
      const top = Math.max(a.top, c.top);
      const right = Math.min(a.right, c.right);
      const bottom = Math.min(a.bottom, c.bottom);
      return { left, top, right, bottom, empty: right - left < 1 || bottom - top < 1 };
    };
    /** the part of an element not hidden by an ancestor that clips (scroll boxes, overflow hidden), up to the slide */
    const clippedRect = (el: Element): Box => {
      let box: Box = { ...el.getBoundingClientRect().toJSON(), empty: false };
      for (let a = el.parentElement; a && a !== slide.parentElement; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        box = clip(box, a.getBoundingClientRect());
      }
      return box;
    };

    const kindOf = (el: Element): string => {
      if (el.closest('.run-block__code')) return 'code';
      if (el.closest('.run-result, .zoom')) return 'result';
      if (el.closest('.status-bar')) return 'status';
      if (el.closest('.topology, .lag-chart')) return 'picture';
      return 'text';
    };

    const problems: { kind: 'small-text' | 'overflow' | 'overlap' | 'off-slide'; what: string }[] = [];
    const fonts: Record<string, number> = {};
    const boxes: { el: Element; rects: { left: number; top: number; right: number; bottom: number }[] }[] = [];
    const all = [...slide.querySelectorAll('*')].filter(visible);

    for (const el of all) {
      const style = getComputedStyle(el);
      const drawnText = el.getAttribute('data-min-font-px');
      if (ownText(el) || drawnText) {
        const px = (drawnText ? Number(drawnText) : parseFloat(style.fontSize)) * ownScale(el);
        const kind = kindOf(el);
        fonts[kind] = Math.min(fonts[kind] ?? Infinity, Math.round(px * 10) / 10);
        if (px < r.minFontPx - 0.05) problems.push({ kind: 'small-text', what: `${describe(el)}: ${px.toFixed(1)} px < ${r.minFontPx} px` });
      }

      if (!(el instanceof SVGElement) || el instanceof SVGSVGElement) {
        const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
        const more = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (clips && more && el.clientHeight > 0) {
          const cue = [...(el.parentElement ?? el).querySelectorAll('[data-overflow-cue]')].some(visible);
          if (!cue) {
            problems.push({ kind: 'overflow', what: `${describe(el)}: content ${el.scrollWidth}×${el.scrollHeight} in a ${el.clientWidth}×${el.clientHeight} box, no visible cue` });
          }
        }
      }

      const draws = ownText(el) || drawnText || ['CANVAS', 'IMG', 'BUTTON', 'INPUT', 'TEXTAREA'].includes(el.tagName)
        || el instanceof SVGSVGElement || (style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0)
        || (style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent');
      if (!draws || (el instanceof SVGElement && !(el instanceof SVGSVGElement))) continue;
      const rect = clippedRect(el);
      if (rect.empty) continue;
      const t = r.tolerancePx;
      if (rect.left < slideRect.left - t || rect.top < slideRect.top - t || rect.right > slideRect.right + t || rect.bottom > slideRect.bottom + t) {
        problems.push({ kind: 'off-slide', what: `${describe(el)} reaches past the slide's edge` });
      }
      // an inline element broken over two lines is two boxes, not the rectangle around both
      const rects = style.display === 'inline' ? [...el.getClientRects()].map((f) => clip(f, rect)) : [rect];
      boxes.push({ el, rects: rects.filter((f) => !f.empty) });
    }

    const t = r.tolerancePx * scale;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const hit = a.rects.flatMap((ra) => b.rects.map((rb) => clip(ra, rb))).find((c) => c.right - c.left > t && c.bottom - c.top > t);
        if (hit) problems.push({ kind: 'overlap', what: `${describe(a.el)} and ${describe(b.el)} overlap by ${((hit.right - hit.left) / scale).toFixed(0)}×${((hit.bottom - hit.top) / scale).toFixed(0)} px` });
      }
    }
    return { fonts, problems };
  }, rules);
}

export interface SlideReport extends SlideMetrics { slide: string; screenshot: string }

/** "/12?clicks=1" → "12-c1"; the first slide's heading makes the file name readable. */
async function slideLabel(page: Page): Promise<string> {
  const clicks = new URL(page.url()).searchParams.get('clicks');
  const [no, heading] = await page.evaluate(() => {
    const slide = [...document.querySelectorAll<HTMLElement>('.slidev-page')].find((e) => e.checkVisibility());
    return [slide?.dataset.slidevNo ?? '0', slide?.querySelector('h1')?.textContent ?? ''];
  });
  const slug = heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `${no.padStart(2, '0')}${clicks && clicks !== '0' ? `-click${clicks}` : ''}-${slug}`;
}

/** Waits until the slide on screen is drawn: its heading, web fonts, and the end of Slidev's click transitions. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => { await document.fonts.ready; });
  await page.waitForTimeout(400);
}

/**
 * Every slide and every click of the deck from `from` to the last slide, as the audience view shows it: measured, and
 * a screenshot of each under `dir`. Given a page on which every demo's runs have happened (live or recorded), this
 * is the whole layout check.
 */
export async function checkEverySlide(page: Page, dir: string, from = '/1', rules: LayoutRules = LAYOUT_RULES): Promise<SlideReport[]> {
  const { mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  mkdirSync(dir, { recursive: true });
  await page.goto(from);
  await page.locator('.slidev-page h1:visible').first().waitFor();
  const reports: SlideReport[] = [];
  for (let i = 0; i < 400; i++) {
    await settle(page);
    const slide = await slideLabel(page);
    const screenshot = join(dir, `${slide}.png`);
    await page.screenshot({ path: screenshot });
    reports.push({ slide, screenshot, ...await measureSlide(page, rules) });
    const url = page.url();
    await page.keyboard.press('ArrowRight');
    const moved = await page.waitForURL((u) => u.toString() !== url, { timeout: 3000 }).then(() => true, () => false);
    if (!moved) return reports;
  }
  throw new Error('more than 400 slides and clicks: the walk did not reach the end');
}

/** The numbers of the slides that hold any of these elements (Slidev mounts every slide a few seconds after the first). */
export async function slidesShowing(page: Page, selector: string): Promise<number[]> {
  await page.goto('/1');
  await page.locator('.slidev-page h1:visible').first().waitFor();
  // every slide has a heading: all are rendered once each mounted page holds one (each loads its own chunk, late on a
  // busy machine); should one have none, once the rendered ones have not grown for 10 s
  const rendered = () => page.locator('.slidev-page').evaluateAll((all) => [all.length, all.filter((p) => p.querySelector('h1')).length]);
  for (let i = 0, last = -1, same = 0; i < 120; i++) {
    const [mounted, done] = await rendered();
    if (mounted! > 2 && done === mounted) break;
    same = done === last ? same + 1 : 0;
    if (done! > 2 && same >= 10) break;
    last = done!;
    await page.waitForTimeout(1000);
  }
  return page.locator('.slidev-page').evaluateAll((slides, sel) => slides
    .filter((s) => s.querySelector(sel))
    .map((s) => Number((s as HTMLElement).dataset.slidevNo ?? /slidev-page-(\d+)/.exec(s.className)?.[1])), selector);
}

/** These slides (their first click), measured and saved under `dir` as `<name>-<slide>.png`, as checkEverySlide does. */
export async function checkSlides(page: Page, slides: readonly number[], dir: string, name: string, rules: LayoutRules = LAYOUT_RULES): Promise<SlideReport[]> {
  const { mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  mkdirSync(dir, { recursive: true });
  const reports: SlideReport[] = [];
  for (const no of slides) {
    await page.goto(`/${no}`);
    await page.locator(`.slidev-page-${no} h1:visible`).first().waitFor();
    await settle(page);
    const screenshot = join(dir, `${name}-${await slideLabel(page)}.png`);
    await page.screenshot({ path: screenshot });
    reports.push({ slide: `${name} ${no}`, screenshot, ...await measureSlide(page, rules) });
  }
  return reports;
}
