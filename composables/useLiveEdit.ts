// Live editing of one block, for the interviewer's "what if…" (`npm start -- --allow-edits`): edit the text in place,
// run it, put the deck's text back. Without the opt-in the block stays read-only and says how to enable editing.
import { computed, ref } from 'vue';
import { useSidecarSettings } from './useSidecarSettings';

export const EDIT_HINT = 'Read-only. To edit blocks live, start the deck with `npm start -- --allow-edits`.';

export function useLiveEdit(deckText: () => string) {
  const { allowEdits } = useSidecarSettings();
  const editing = ref(false);
  const draft = ref('');
  /** a try to change a read-only block: it says how to enable editing */
  const hint = ref(false);

  function edit(): void {
    if (!allowEdits.value) {
      hint.value = true;
      return;
    }
    if (!draft.value) draft.value = deckText();
    editing.value = true;
  }

  function putBack(): void {
    draft.value = deckText();
    editing.value = false;
  }

  return {
    allowEdits,
    editing,
    draft,
    hint,
    edit,
    putBack,
    /** the text to run: the draft while editing, when it differs from the deck's; else undefined (the deck's own) */
    editedText: computed(() => (editing.value && draft.value !== deckText() ? draft.value : undefined)),
  };
}
