// Which backends the contract suite runs against: PGDEMO_TEST_BACKENDS (comma-separated), else embedded only. CI
// sets `embedded,docker`. Every contract test asserts only what the Cluster interface shows, so the same file runs
// against each backend unchanged (Patroni's behave features do the same per DCS).
import { BACKEND_KINDS } from '../factory';
import type { BackendKind } from '../../../shared/types';

export function testBackends(): BackendKind[] {
  const wanted = (process.env.PGDEMO_TEST_BACKENDS ?? 'embedded').split(',').map((b) => b.trim()).filter(Boolean);
  for (const kind of wanted) {
    if (!(BACKEND_KINDS as readonly string[]).includes(kind)) {
      throw new Error(`PGDEMO_TEST_BACKENDS names "${kind}"; valid: ${BACKEND_KINDS.join(', ')}`);
    }
  }
  return wanted as BackendKind[];
}
