// Rehearse's output: a table per demo (steps, checks passed, wall time, the figures it measured) and the totals.
import type { DemoReport } from './rehearse';

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - text.length)) + text;

export function wallTime(ms: number): string {
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;
}

const checksPassed = (r: DemoReport) => `${r.checks.filter((c) => c.passed).length}/${r.checks.length}`;

/** One demo: its line, why it stopped or which checks failed, and its figures. */
export function demoTable(report: DemoReport): string {
  const lines = [
    `${report.demo}  ${report.blocks.length} steps · ${checksPassed(report)} checks passed · ${wallTime(report.wallMs)} `
      + `(reset ${wallTime(report.resetMs)}) · ${report.passed ? 'PASSED' : 'FAILED'}`,
  ];
  if (report.stopped) lines.push(`  stopped: ${report.stopped.split('\n')[0]}`);
  for (const check of report.checks.filter((c) => !c.passed)) {
    lines.push(`  ✗ ${check.claim}: ${check.message}`);
  }
  const width = Math.max(0, ...report.figures.map((f) => f.label.length));
  for (const figure of report.figures) lines.push(`  ${pad(figure.label, width)}  ${figure.value ?? '—'}`);
  return lines.join('\n');
}

/** Every demo's steps, checks and wall time, and the totals. */
export function totalsTable(reports: readonly DemoReport[]): string {
  const rows = reports.map((r) => [r.demo, String(r.blocks.length), checksPassed(r), wallTime(r.wallMs), r.passed ? 'passed' : 'FAILED']);
  const all = reports.flatMap((r) => r.checks);
  rows.push(['total', String(reports.reduce((n, r) => n + r.blocks.length, 0)),
    `${all.filter((c) => c.passed).length}/${all.length}`, wallTime(reports.reduce((n, r) => n + r.wallMs, 0)),
    reports.every((r) => r.passed) ? 'passed' : 'FAILED']);
  const head = ['demo', 'steps', 'checks', 'wall time', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 1 || i === 3 ? padStart(cell, widths[i]!) : pad(cell, widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
