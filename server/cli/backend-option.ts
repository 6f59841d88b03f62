import { Option } from 'commander';
import { BACKEND_KINDS } from '../cluster/factory';

/**
 * `--backend embedded|docker`, the same as PGDEMO_BACKEND. It is put into the environment before the command runs,
 * so every process the command starts (the deck server, a shell snippet) sees the same backend.
 */
export function backendOption(): Option {
  return new Option('--backend <kind>', 'cluster backend (default: env PGDEMO_BACKEND, else embedded)')
    .choices([...BACKEND_KINDS])
    .argParser((value: string) => {
      process.env.PGDEMO_BACKEND = value;
      return value;
    });
}
