// The psql meta-commands the seed's scripts use. Anything else stops the run with a message naming the command, so a
// snippet never half-works silently.
import type { SqlError, SqlResult } from '../../../shared/types';
import { demoSqlError } from './sql-errors';
import type { MetaCommand } from './split-script';

export const SUPPORTED_META_COMMANDS = ['timing', 'echo'] as const;

export interface MetaOutcome {
  timing: boolean;
  result?: SqlResult;
  error?: SqlError;
}

const TRUE_WORDS = new Set(['on', 'true', 'yes', '1']);
const FALSE_WORDS = new Set(['off', 'false', 'no', '0']);

export function runMetaCommand(meta: MetaCommand, timing: boolean): MetaOutcome {
  const withPosition = (error: SqlError): SqlError => ({ ...error, position: meta.offset + 1 });
  switch (meta.name) {
    case 'timing': {
      const value = meta.args[0]?.toLowerCase();
      if (value === undefined) return { timing: !timing };
      if (TRUE_WORDS.has(value)) return { timing: true };
      if (FALSE_WORDS.has(value)) return { timing: false };
      return {
        timing,
        error: withPosition(demoSqlError('BAD_REQUEST', `unrecognized value "${meta.args[0]}" for "\\timing": Boolean expected`)),
      };
    }
    case 'echo':
      return { timing, result: { command: 'ECHO', rowCount: null, fields: [], rows: [[meta.args.join(' ')]] } };
    default:
      return {
        timing,
        error: withPosition(demoSqlError(
          'BAD_REQUEST',
          `The psql meta-command \\${meta.name} is not supported here; nothing after it ran.`,
          `Supported: ${SUPPORTED_META_COMMANDS.map((name) => `\\${name}`).join(', ')}. Use a shell snippet with psql for the others.`,
        )),
      };
  }
}
