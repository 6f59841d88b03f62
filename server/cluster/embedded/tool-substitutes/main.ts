// One entry point for the project's substitutes of PostgreSQL's client tools, bundled into one file (build.ts) so a
// call starts in a few tens of milliseconds: `node tools.cjs <tool> ARGS…`. The launchers in bin/ pass the tool name.
import { psql } from './psql/main';
import { pgBasebackup } from './server-tools/pg-basebackup';
import { pgControldata } from './server-tools/pg-controldata';
import { pgRewind } from './server-tools/pg-rewind';

const TOOLS: Record<string, (args: string[]) => Promise<number>> = {
  psql: (args) => psql(args),
  pg_rewind: (args) => pgRewind(args),
  pg_basebackup: (args) => pgBasebackup(args),
  pg_controldata: (args) => pgControldata(args),
};

async function main(): Promise<number> {
  const [tool, ...args] = process.argv.slice(2);
  const run = tool ? TOOLS[tool] : undefined;
  if (!run) {
    process.stderr.write(`usage: tools <${Object.keys(TOOLS).join('|')}> ARGS…\n`);
    return 1;
  }
  return run(args);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
