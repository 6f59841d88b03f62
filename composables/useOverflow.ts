// What a scroll box hides right now — columns to the right, lines below, content above — so the slide can say so
// instead of cutting it off silently. Follows size changes, new content and scrolling.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export interface Hidden { above: boolean; below: number; columns: number; wide: boolean }

const NONE: Hidden = { above: false, below: 0, columns: 0, wide: false };

/** what a box's content is made of, line by line */
const LINES = 'tr, .shell-output__line, .code-line, .sql-result__tag, pre';

/** Lines (table rows, output lines, code lines) and table columns that lie outside the box's visible part. */
function measure(box: HTMLElement): Hidden {
  const overflowsX = box.scrollWidth > box.clientWidth + 1;
  const overflowsY = box.scrollHeight > box.clientHeight + 1;
  if (!overflowsX && !overflowsY) return NONE;
  // in screen px, like the rects compared with them (a slide is scaled: clientWidth is not)
  const { bottom, right } = box.getBoundingClientRect();
  const lines = box.querySelectorAll(LINES);
  const below = overflowsY ? [...lines].filter((l) => l.getBoundingClientRect().bottom > bottom + 1).length || 1 : 0;
  const heads = [...box.querySelectorAll('th')].filter((th) => th.getBoundingClientRect().right > right + 1).length;
  return { above: box.scrollTop > 1, below, columns: overflowsX ? heads : 0, wide: overflowsX };
}

export function useOverflow(box: Ref<HTMLElement | undefined>) {
  const hidden = ref<Hidden>(NONE);
  const update = () => {
    const next = box.value ? measure(box.value) : NONE;
    const now = hidden.value;
    if (next.above !== now.above || next.below !== now.below || next.columns !== now.columns || next.wide !== now.wide) hidden.value = next;
  };
  let resize: ResizeObserver | undefined;
  let mutation: MutationObserver | undefined;
  let frame = 0;
  const soon = () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(update); };
  onMounted(() => {
    const el = box.value;
    if (!el) return;
    resize = new ResizeObserver(soon);
    resize.observe(el);
    mutation = new MutationObserver(soon);
    mutation.observe(el, { childList: true, subtree: true, characterData: true });
    el.addEventListener('scroll', soon, { passive: true });
    update();
  });
  onBeforeUnmount(() => {
    resize?.disconnect();
    mutation?.disconnect();
    box.value?.removeEventListener('scroll', soon);
    cancelAnimationFrame(frame);
  });
  return { hidden, update };
}

/**
 * Hides (visibility) the lines and cells a box does not show whole. A PDF keeps the text a box clips, where no reader
 * sees it but a search finds it (and mixes a half-shown line into the words under it): printed, the page's text is then
 * what the page shows, and what it cuts off follows it whole.
 */
export function hideUnseen(box: HTMLElement): void {
  // again from the start: the layout may have changed since (a late font, the highlighted code)
  for (const el of box.querySelectorAll<HTMLElement>('[data-unseen]')) {
    el.style.visibility = '';
    delete el.dataset.unseen;
  }
  const { top, bottom, left, right } = box.getBoundingClientRect();
  const hide = (el: HTMLElement) => {
    el.style.visibility = 'hidden';
    el.dataset.unseen = '';
  };
  for (const el of box.querySelectorAll<HTMLElement>(LINES)) {
    const r = el.getBoundingClientRect();
    if (r.top < top - 1 || r.bottom > bottom + 1) hide(el);
  }
  for (const el of box.querySelectorAll<HTMLElement>('td, th')) {
    const r = el.getBoundingClientRect();
    if (r.left < left - 1 || r.right > right + 1) hide(el);
  }
}

/** Where a PDF prints what a block cuts off: pages of its own right after the slide (composables/printContinuation.ts). */
export const IN_FULL_AFTER_THIS_SLIDE = 'in full after this slide';

/**
 * "3 more columns → · 12 more lines ↓ · more above ↑", or "" when nothing is hidden. Printed, where nothing scrolls,
 * the same without arrows, and where the whole is: "3 more columns · 12 more lines · in full after this slide".
 */
export function describeHidden(h: Hidden, printed = false): string {
  const parts = [
    h.columns ? `${h.columns} more column${h.columns === 1 ? '' : 's'} →` : h.wide ? 'more to the right →' : '',
    h.below ? `${h.below} more line${h.below === 1 ? '' : 's'} ↓` : '',
    h.above ? 'more above ↑' : '',
  ].filter(Boolean);
  if (!printed || !parts.length) return parts.join(' · ');
  return [...parts.map((p) => p.replace(/ [→↓↑]$/, '')), IN_FULL_AFTER_THIS_SLIDE].join(' · ');
}

export const isHidden = (h: Hidden) => h.above || h.below > 0 || h.columns > 0 || h.wide;
