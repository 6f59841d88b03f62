// A PDF cannot scroll, unfold or open a block full-screen: what a printed block cuts off (lines, columns, folded code)
// is printed whole on pages of its own right after its slide — its continuation — and the slide's cues say so
// ("in full after this slide"). Slidev's print view lays the slides out one after another, a page each; a
// continuation is an element between two of them (`.print-continuation`, styles/index.css), so a reader meets it
// where the slide is, and the next slide still starts on a page of its own.
import { nextTick, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { isPrintMode } from './printMode';
import { isHidden, type Hidden } from './useOverflow';

/** A FitBox, as RunBlock holds it (its exposed state). */
export interface Frame { hidden: Hidden; update(): void; pin(): void }

const GROUP = 'print-continuation';
/** which block each section continues: sections stand in the order of their blocks on the slide */
const owners = new WeakMap<Element, Element>();

/** A new section after the block's slide, before the sections of the blocks that follow it on the slide. */
function sectionAfterSlide(block: HTMLElement): HTMLElement | undefined {
  const slide = block.closest('.print-slide-container');
  if (!slide) return undefined;
  let group = slide.nextElementSibling;
  if (!group?.classList.contains(GROUP)) {
    group = document.createElement('div');
    group.className = GROUP;
    slide.after(group);
  }
  const section = document.createElement('section');
  const next = [...group.children].find((s) => block.compareDocumentPosition(owners.get(s)!) & Node.DOCUMENT_POSITION_FOLLOWING);
  group.insertBefore(section, next ?? null);
  owners.set(section, block);
  return section;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/**
 * Once the block shows its recording and the fonts are in, measures what its frames cut off and pins them at that size
 * (the printed page keeps the screen's layout); if anything is cut, makes its continuation's place (`target`) and says
 * which part it continues. `ready`: measured (and, if cut, continued) — what
 * the exporter waits for (the block's data-print-ready).
 */
export function usePrintContinuation(block: Ref<HTMLElement | undefined>, parts: {
  shown: () => boolean;
  code: Ref<Frame | undefined>;
  result: Ref<Frame | undefined>;
  folded: () => boolean;
}) {
  const target = ref<HTMLElement>();
  const codeCut = ref(false);
  const resultCut = ref(false);
  const ready = ref(false);
  if (!isPrintMode) return { target, codeCut, resultCut, ready };
  watch(parts.shown, async (shown) => {
    if (!shown || ready.value) return;
    await nextTick();
    await document.fonts.ready;
    await frame();
    await frame();
    for (const frame of [parts.code.value, parts.result.value]) {
      frame?.update();
      frame?.pin();
    }
    codeCut.value = parts.folded() || (parts.code.value != null && isHidden(parts.code.value.hidden));
    resultCut.value = parts.result.value != null && isHidden(parts.result.value.hidden);
    if ((codeCut.value || resultCut.value) && block.value) {
      target.value = sectionAfterSlide(block.value);
      await nextTick();
    }
    ready.value = true;
  }, { immediate: true });
  onBeforeUnmount(() => target.value?.remove());
  return { target, codeCut, resultCut, ready };
}
