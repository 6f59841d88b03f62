// What Demo 7's blocks print, read back for the RPO script (bench/rpo.ts) and test (server/rehearse/rpo.test.ts): the figures
// come from the very runs the slides show.
export interface RpoRun {
  /** the standby's sync_state on the primary before the load: async, sync, or "not streaming" */
  standby: string;
  acknowledged: number;
  survived: number;
  lost: number;
  /** the first lost ids (at most five) */
  lostIds: number[];
  /** the writer's last words (the connection loss) */
  told: string;
}

export function parseRpoRun(stdout: string): RpoRun {
  const field = (label: string) => {
    const match = new RegExp(`^${label}:\\s*(.*)$`, 'm').exec(stdout);
    if (!match) throw new Error(`no "${label}:" line in the run's output:\n${stdout.slice(-1500)}`);
    return match[1]!.trim();
  };
  const number = (label: string) => Number(/^(\d+)/.exec(field(label))?.[1] ?? Number.NaN);
  const lostLine = field('lost');
  return {
    standby: field('the standby during the load'),
    acknowledged: number('acknowledged commits'),
    survived: number('on the promoted standby'),
    lost: number('lost'),
    lostIds: lostLine.split(/\s+/).slice(1).filter(Boolean).map(Number),
    told: field('the application was told'),
  };
}
