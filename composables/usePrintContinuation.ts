// A PDF cannot scroll, unfold or open a block full-screen: what a printed block cuts off (lines, columns, folded code)
// is printed whole on pages of its own right after its slide — its continuation — and the slide's cues say so
// ("in full after this slide"). Slidev's print view lays the slides out one after another, a page each; a
// continuation is an element between two of them (`.print-continuation`, styles/index.css), so a reader meets it
// where the slide is, and the next slide still starts on a page of its own.
import { computed, nextTick, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { isPrintMode } from './printMode';
import { isHidden, type Hidden } from './useOverflow';

/** A FitBox, as RunBlock holds it (its exposed state). */
export interface Frame { hidden: Hidden; pin(): void; settle(): void }

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
 * Once the block shows its recording and the fonts are in, pins its frames at their size (the printed page keeps the
 * screen's layout); from then on, whenever a frame cuts something off (or the code is folded), makes its continuation's
 * place (`target`) and says which part it continues. `ready`: pinned, and continued if cut — what the exporter waits
 * for (the block's data-print-ready), until nothing changes any more.
 */
export function usePrintContinuation(block: Ref<HTMLElement | undefined>, parts: {
  shown: () => boolean;
  code: Ref<Frame | undefined>;
  result: Ref<Frame | undefined>;
  folded: () => boolean;
}) {
  const target = ref<HTMLElement>();
  const pinned = ref(false);
  const cut = (frame: Frame | null | undefined) => frame != null && isHidden(frame.hidden);
  const codeCut = computed(() => pinned.value && (parts.folded() || cut(parts.code.value)));
  const resultCut = computed(() => pinned.value && cut(parts.result.value));
  const ready = computed(() => pinned.value && (!(codeCut.value || resultCut.value) || target.value !== undefined));
  if (!isPrintMode) return { target, codeCut, resultCut, ready };
  watch(parts.shown, async (shown) => {
    if (!shown || pinned.value) return;
    await nextTick();
    await document.fonts.ready;
    await frame();
    await frame();
    const frames = [parts.code.value, parts.result.value];
    for (const f of frames) f?.pin();
    await frame();
    for (const f of frames) f?.settle();
    pinned.value = true;
  }, { immediate: true });
  watch([codeCut, resultCut], ([code, result]) => {
    if ((code || result) && !target.value && block.value) target.value = sectionAfterSlide(block.value);
  });
  onBeforeUnmount(() => target.value?.remove());
  return { target, codeCut, resultCut, ready };
}
