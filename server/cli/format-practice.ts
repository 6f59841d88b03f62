// The practice log as `pgdemo practice` prints it: one line per drill or timed demo run, oldest first.
import type { PracticeEntry } from '../../shared/drills';

const minutes = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}`;

export function formatPractice(entries: readonly PracticeEntry[]): string {
  if (entries.length === 0) return 'The practice log is empty: run a drill (`pgdemo drill`) or time a demo in the presenter view.';
  return entries.map((e) => {
    const when = e.at.slice(0, 16).replace('T', ' ');
    if (e.kind === 'demo') {
      return `${when}  demo ${e.demo}  ${minutes(e.ms)} of ${minutes(e.budgetMs)}  ${e.ms <= e.budgetMs ? 'within budget' : 'over budget'}`;
    }
    const verdict = e.right === null ? 'not diagnosed' : e.right ? 'right' : `wrong (picked ${e.picked!.join(', ')})`;
    const time = e.timeToDiagnosisMs === null ? '-' : minutes(e.timeToDiagnosisMs);
    return `${when}  drill  ${e.faults.join(' + ')}  ${time}  ${verdict}  hints ${e.hintsUsed}`;
  }).join('\n');
}
