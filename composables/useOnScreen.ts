// Whether an element is on screen. Slidev mounts every slide of the deck in the background and hides all but the
// shown one, so a component that redraws on each status snapshot (~4 Hz) would otherwise keep drawing on slides no one
// sees: ten lag charts cost the page ~15 ms of main thread every 250 ms, beside the sidecar and PostgreSQL on the same
// cores. A hidden slide is display:none, which IntersectionObserver reports as not intersecting.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { isPrintMode } from './printMode';

export function useOnScreen(el: Ref<HTMLElement | undefined>): Ref<boolean> {
  // an export lays every slide out at once, mostly below the fold: draw them all, as before
  const onScreen = ref(isPrintMode || typeof IntersectionObserver === 'undefined');
  if (onScreen.value) return onScreen;
  let observer: IntersectionObserver | undefined;
  onMounted(() => {
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) onScreen.value = entry.isIntersecting;
    });
    if (el.value) observer.observe(el.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return onScreen;
}
