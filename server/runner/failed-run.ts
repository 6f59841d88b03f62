// The result of a run that the sidecar could not carry out (the executor threw): an error result of the request's own
// kind, so every view shows it where the run's output would be, with the reason and its code.
import { DemoError, isDemoError, messageOf } from '../../shared/errors';
import type { RunResponse, ShellRunResponse, SqlRunResponse } from '../../shared/types';
import type { RunRequest } from './run-request';

export function failedRun(request: RunRequest, err: unknown, durationMs: number, output = ''): Omit<RunResponse, 'runId'> {
  const error = isDemoError(err) ? err : new DemoError('INTERNAL', `The sidecar failed to run this: ${messageOf(err)}`);
  const message = error.detail ? `${error.message} ${error.detail}` : error.message;
  const duration = Math.round(durationMs);
  if (request.kind === 'sql') {
    const sql: Omit<SqlRunResponse, 'runId'> = {
      ok: false, kind: 'sql', node: request.node, durationMs: duration, results: [], notices: [],
      error: { code: error.code, message },
    };
    return sql;
  }
  const shell: Omit<ShellRunResponse, 'runId'> = {
    ok: false, kind: 'shell', exitCode: null, signal: null, stdout: output, stderr: `${message}\n`, durationMs: duration,
    error: { code: error.code, message },
  };
  return shell;
}
