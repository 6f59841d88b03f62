// Reading a backend's own record in the state folder (cluster.json, docker.json): absent is a fact ("not built yet"),
// but a record that exists and cannot be read or understood is a problem to report as such — never taken for
// absence, and never papered over with default ports that may belong to someone else's servers.
import { readFileSync } from 'node:fs';
import { DemoError, messageOf } from '../../shared/errors';

const isAbsent = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export function unreadableRecord(path: string, err: unknown, recovery: string): DemoError {
  return new DemoError('INVALID_STATE', `${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? messageOf(err)}).`,
    { detail: recovery, cause: err });
}

export function damagedRecord(path: string, err: unknown, recovery: string): DemoError {
  return new DemoError('INVALID_STATE', `${path} is damaged (${messageOf(err)}).`, { detail: recovery, cause: err });
}

/** The record parsed by `parse` (which throws on a bad shape); null when it does not exist; INVALID_STATE otherwise. */
export function readRecordSync<T>(path: string, parse: (text: string) => T, recovery: string): T | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (isAbsent(err)) return null;
    throw unreadableRecord(path, err, recovery);
  }
  try {
    return parse(text);
  } catch (err) {
    throw damagedRecord(path, err, recovery);
  }
}
