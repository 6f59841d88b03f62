// Which blocks each slide holds, as the blocks on it say (RunBlock registers itself): a lag chart offline and in the PDF
// draws the lag recorded while its slide's blocks ran. Slides are numbered as Slidev numbers them ($page).
import { reactive } from 'vue';

const bySlide = reactive(new Map<number, string[]>());

export function addSlideBlock(slide: number, id: string): void {
  const ids = bySlide.get(slide) ?? [];
  if (!ids.includes(id)) bySlide.set(slide, [...ids, id]);
}

/** The slide's blocks in the order they registered (the order on the slide); reactive. */
export function slideBlocks(slide: number): readonly string[] {
  return bySlide.get(slide) ?? [];
}
