// Whether an element is on screen. Slidev mounts every slide of the deck in the background and hides all but the
// shown one, so a component that redraws on each status snapshot (~4 Hz) would otherwise keep drawing on slides no one
// sees: ten lag charts and ~90 status bars and pictures cost the page ~90 ms of main thread a second, beside the
// sidecar and PostgreSQL on the same cores. A hidden slide is display:none, which IntersectionObserver reports as not
// intersecting — but only after the frame in which a slide shows again, so the slide Slidev is about to show counts as
// on screen from the navigation on: its first frame already shows the present, not what it showed when last seen.
import { useSlideContext } from '@slidev/client';
import { computed, onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import { isPrintMode } from './printMode';

export function useOnScreen(el: Ref<HTMLElement | undefined>): Readonly<Ref<boolean>> {
  // an export lays every slide out at once, mostly below the fold: draw them all, as before
  if (isPrintMode || typeof IntersectionObserver === 'undefined') return ref(true);
  const { $page, $nav } = useSlideContext();
  const intersecting = ref(false);
  let observer: IntersectionObserver | undefined;
  onMounted(() => {
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) intersecting.value = entry.isIntersecting;
    });
    if (el.value) observer.observe(el.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return computed(() => intersecting.value || $page.value === $nav.value.currentSlideNo);
}
