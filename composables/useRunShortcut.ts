// Ctrl+Enter (Cmd+Enter) runs a block of the current slide without the mouse: the focused block if focus is in one,
// otherwise the next block of this slide that this page has not run yet. One key listener for the whole page.
import { onBeforeUnmount, onMounted, type Ref } from 'vue';

export const RUN_SHORTCUT = 'Control+Enter Meta+Enter';

interface Entry { id: string; el: Ref<HTMLElement | undefined>; active: () => boolean; start: () => void }

const entries = new Set<Entry>();
const startedHere = new Set<string>();
let listening = false;

function onKeydown(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  const onSlide = [...entries].filter((e) => e.active() && e.el.value)
    .sort((a, b) => (a.el.value!.compareDocumentPosition(b.el.value!) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const focused = onSlide.find((e) => e.el.value!.contains(document.activeElement));
  const target = focused ?? onSlide.find((e) => !startedHere.has(e.id)) ?? onSlide[0];
  if (!target) return;
  event.preventDefault();
  target.start();
}

/** A block takes part in the shortcut while it is on the slide being shown. */
export function useRunShortcut(entry: Entry): { noteStarted: (id: string) => void } {
  onMounted(() => {
    entries.add(entry);
    if (!listening && typeof window !== 'undefined') {
      listening = true;
      window.addEventListener('keydown', onKeydown, { capture: true });
    }
  });
  onBeforeUnmount(() => entries.delete(entry));
  return { noteStarted: (id) => startedHere.add(id) };
}

/** After a reset every block of the demo counts as not run yet. */
export function forgetStartedRuns(): void {
  startedHere.clear();
}
