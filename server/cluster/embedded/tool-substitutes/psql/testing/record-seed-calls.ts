// Every psql call of the seed's shell snippets, exactly as psql would receive it — taken by running the snippets
// themselves through bash with record-shim.bash, not copied by hand: arguments, stdin, and the files they name.
import { spawn } from 'node:child_process';
import { chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSnippets } from '../../../../../snippets/load';

const SHIM = fileURLToPath(new URL('./record-shim.bash', import.meta.url));

export interface PsqlCall {
  /** "demo5": the snippets of one demo share a database, in order */
  demo: string;
  snippet: string;
  args: string[];
  stdin: string;
  /** argument index → the file's contents at the time of the call */
  files: Record<number, string>;
}

function runBash(text: string, env: Record<string, string>, user?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    // its own process group, so the calls it left running in the background (setsid … &) can be waited for;
    // the snippets' own errors (no such file, unset LOG …) do not matter here, only the psql calls do
    const child = spawn('/bin/bash', ['--noprofile', '--norc', '-c', text], {
      env, cwd: env.HOME, stdio: 'ignore', detached: true, ...(user ?? {}),
    });
    child.on('error', reject);
    child.on('exit', () => resolve(groupGone(child.pid!)));
  });
}

async function groupGone(pgid: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await sleep(20);
  }
}

/** The calls in snippet order, duplicates (loops, watch) kept once per demo. `user`: run as the server's OS user. */
export async function recordSeedCalls(user?: { uid: number; gid: number }): Promise<PsqlCall[]> {
  const root = await mkdtemp(join(tmpdir(), 'pgdemo-record-'));
  const calls: PsqlCall[] = [];
  try {
    // Demos 7 and 8 are beyond the seed: Demo 7's writer reaches the primary by container name from the standby (-h
    // postgres-primary), which only a node's environment resolves; Demo 8's blocks wait (until loops) for what only
    // replication to a second and third node brings, which this recorder's one data folder never does. The demo-flow
    // test runs both (also with only Node, through this psql)
    const beyondTheSeed = /^demo[78]\//;
    const snippets = [...(await loadSnippets()).values()].filter((s) => s.kind === 'shell' && !beyondTheSeed.test(s.id));
    const demos = [...new Set(snippets.map((s) => s.id.split('/')[0]!))];
    for (const demo of demos) {
      const home = join(root, demo, 'home');
      const data = join(root, demo, 'data');
      const log = join(root, demo, 'node.log');
      await mkdir(home, { recursive: true });
      await mkdir(data, { recursive: true });
      await writeFile(log, '');
      if (user) for (const path of [root, join(root, demo), home, data, log]) await chown(path, user.uid, user.gid);
      const seen = new Set<string>();
      for (const snippet of snippets.filter((s) => s.id.startsWith(`${demo}/`))) {
        const records = join(root, demo, snippet.id.split('/')[1]!);
        await mkdir(records);
        if (user) await chown(records, user.uid, user.gid);
        await runBash(snippet.text, {
          PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', HOME: home, BASH_ENV: SHIM,
          PGDEMO_RECORD_DIR: records, PGDEMO_RECORD_DATA: data,
          PGDEMO_NODES: 'postgres-primary postgres-standby',
          PGDEMO_NODE_PRIMARY_LOG: log, PGDEMO_NODE_STANDBY_LOG: log,
        }, user);
        const entries = await readdir(records);
        for (const name of entries.filter((e) => e.endsWith('.args')).sort()) {
          const base = join(records, name.slice(0, -'.args'.length));
          const args = (await readFile(`${base}.args`, 'utf8')).split('\0').slice(0, -1);
          const stdin = await readFile(`${base}.stdin`, 'utf8').catch(() => '');
          const files: Record<number, string> = {};
          for (const entry of entries) {
            const index = new RegExp(`^${name.slice(0, -'.args'.length)}\\.file-(\\d+)$`).exec(entry)?.[1];
            if (index !== undefined) files[Number(index)] = await readFile(join(records, entry), 'utf8');
          }
          const key = JSON.stringify([args, stdin, files]);
          if (seen.has(key)) continue;
          seen.add(key);
          calls.push({ demo, snippet: snippet.id, args, stdin, files });
        }
      }
    }
    return calls;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
