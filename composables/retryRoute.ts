// The views (the audience's play view, the presenter's, the overview) are pieces fetched when first opened, as the
// slides are (composables/retryLoad.ts says why such a fetch can be dropped on a machine running Docker). A view whose
// piece was dropped leaves the whole page blank: the navigation is tried again, as retryLoad would try a load.
import type { AppContext } from '@slidev/types';
import { retryDelayMs } from './retryLoad';

type Router = AppContext['router'];

/**
 * A piece that did not arrive: a failed dynamic import, in Chromium's, Firefox's and Safari's words, or the stylesheet
 * Vite fetches beside it (its own error).
 */
export function isDroppedImport(error: unknown): boolean {
  return (error instanceof TypeError && /dynamically imported module|Importing a module script failed/i.test(error.message))
    || (error instanceof Error && error.message.startsWith('Unable to preload CSS'));
}

export function retryDroppedViews(router: Router): void {
  const failures = new Map<string, number>();
  router.onError((error, to) => {
    if (!isDroppedImport(error)) return;
    const failed = (failures.get(to.fullPath) ?? 0) + 1;
    failures.set(to.fullPath, failed);
    const delay = retryDelayMs(failed);
    if (delay === undefined) return; // the router has said it in the console
    setTimeout(() => void router.replace(to.fullPath), delay);
  });
  router.afterEach((to, _from, failure) => { if (!failure) failures.delete(to.fullPath); });
}
