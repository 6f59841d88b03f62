// Slidev ignores its navigation keys (arrows, space, a presenter's clicker) while a <button> has focus. A Run or Reset
// clicked with the mouse would keep focus and stall the talk, so a pointer click hands focus back to the page.
// Keyboard activation (Tab + Enter, detail 0) keeps focus where the user put it.
export function keepSlideKeys(event: MouseEvent): void {
  if (event.detail > 0 && event.currentTarget instanceof HTMLElement) event.currentTarget.blur()
}
