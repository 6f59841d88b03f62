// The deck's own snippet files: complete, in order, and using only what the shell runner maps onto local nodes.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_NAMES, type Snippet } from '../../shared/types';
import { loadSnippets } from './load';

let snippets: Snippet[];

const SEED_BLOCKS = [
  'demo1/01-healthy-state', 'demo1/02-pause-standby', 'demo1/03-generate-load', 'demo1/04-wal-retention',
  'demo1/05-resume-standby', 'demo1/06-verify-consistency',
  'demo2/01-monitoring-dashboard', 'demo2/02-high-volume-writes', 'demo2/04-throughput', 'demo2/05-sustained-load',
  'demo3/01-pre-disaster-state', 'demo3/02-final-transaction', 'demo3/03-primary-fails', 'demo3/04-verify-standby',
  'demo3/05-promote-standby', 'demo3/06-verify-writes', 'demo3/07-data-integrity', 'demo3/08-dr-report',
  'demo4/01-confirm-problem', 'demo4/02-primary-activity', 'demo4/03-standby-blocking-queries',
  'demo4/04-standby-resources', 'demo4/05-network', 'demo4/06-wal-generation-rate', 'demo4/07a-kill-blocking-queries',
  'demo4/07b-reduce-standby-delay', 'demo4/07c-hot-standby-feedback', 'demo4/08-verify-fix',
  'demo5/01-normal-timeline', 'demo5/02-promote-standby', 'demo5/03-conflicting-data', 'demo5/04-reconnect-attempt',
  'demo5/05-demonstrate-rejection', 'demo5/06-pg-rewind',
  'demo6/01-pre-failover-checklist', 'demo6/02-enable-sync', 'demo6/04-in-flight-transactions',
  'demo6/05-promote-standby', 'demo6/06-verify-zero-loss', 'demo6/07-demote-old-primary',
  'demo6/08-verify-new-replication', 'demo6/09-switch-back-async',
];

beforeAll(async () => {
  snippets = [...(await loadSnippets()).values()];
});

const shell = () => snippets.filter((s) => s.kind === 'shell');
/** 1 … 7, and the drill's toolkit after them (8) */
const demoOf = (s: Snippet) => (s.id.startsWith('drill/') ? 8 : Number(s.id.slice(4, 5)));
const fileNumber = (s: Snippet) => Number(s.id.split('/')[1]!.slice(0, 2));

/** Shell lines that run, i.e. not comment lines (comments may mention e.g. `docker logs` as the Docker equivalent). */
const codeLines = (s: Snippet) => s.text.split('\n').filter((line) => !/^\s*#/.test(line));

describe('the deck\'s snippets', () => {
  it('cover the six demos, Demo 7 and the drill\'s toolkit (the deck\'s own), in order of demo and file name', () => {
    expect(new Set(snippets.map(demoOf))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
    const ids = snippets.map((s) => s.id);
    const sorted = [...ids].sort((a, b) => demoOf({ id: a } as Snippet) - demoOf({ id: b } as Snippet) || (a < b ? -1 : 1));
    expect(ids).toEqual(sorted);
    // every command block of the seed's "Demonstration Steps" (Demo 2 step 3 has none; Demo 6 step 3 is plain text)
    expect(ids).toEqual(expect.arrayContaining(SEED_BLOCKS));
    expect(ids.filter((id) => SEED_BLOCKS.includes(id))).toEqual(SEED_BLOCKS);
  });

  it('name the seed step in the header, and the file number is that step', () => {
    for (const snippet of snippets.filter((s) => SEED_BLOCKS.includes(s.id))) {
      expect(snippet.step, snippet.id).toBeDefined();
      expect(fileNumber(snippet), snippet.id).toBe(snippet.step);
    }
  });

  it('give every SQL snippet a node, and no shell snippet one', () => {
    for (const snippet of snippets) {
      if (snippet.kind === 'sql') expect(NODE_NAMES, snippet.id).toContain(snippet.node);
      else expect(snippet.node, snippet.id).toBeUndefined();
    }
  });

  it('keep headers out of the bodies and shell out of the SQL', () => {
    for (const snippet of snippets) {
      expect(snippet.title.length, snippet.id).toBeGreaterThan(3);
      expect(snippet.text, snippet.id).not.toMatch(/^(--|#) ?(title|node|step|timeout|note):/m);
      expect(snippet.text, snippet.id).toBe(snippet.text.trim());
      if (snippet.kind === 'sql') {
        expect(snippet.text, snippet.id).not.toMatch(/\bdocker\b|psql -U|^"$/m);
      }
    }
  });

  it('use only the docker forms the embedded shim maps: exec [-i] (psql, pg_ctl, pg_rewind, pg_controldata, bash -c), cp, pause, unpause, stop, start, kill', () => {
    // or a variable holding one of them: Demo 8 picks the standby to promote at run time (`docker exec $NEW …`)
    const containers = [...NODE_NAMES, String.raw`\$[A-Z0-9_]+`, String.raw`\$[1-9]`].join('|');
    const exec = new RegExp(`^docker exec (-i )?(${containers}) (psql|pg_ctl|pg_rewind|pg_controldata|bash -c)\\b`);
    const control = new RegExp(`^docker (pause|unpause|stop|start|kill) (${containers})\\s*$`);
    const copy = new RegExp(`^docker cp \\S+ (${containers}):\\S+\\s*$`);
    let seen = 0;
    for (const snippet of shell()) {
      for (const line of codeLines(snippet)) {
        for (const match of line.matchAll(/\bdocker\b.*/g)) {
          seen++;
          expect(exec.test(match[0]) || control.test(match[0]) || copy.test(match[0]), `${snippet.id}: ${line.trim()}`).toBe(true);
        }
      }
    }
    expect(seen).toBeGreaterThan(30);
  });

  it('are valid bash (bash -n)', () => {
    for (const snippet of shell()) {
      const check = spawnSync('bash', ['-n'], { input: snippet.text, encoding: 'utf8' });
      expect(check.stderr, snippet.id).toBe('');
      expect(check.status, snippet.id).toBe(0);
    }
  });

  it('reach other nodes only as host=postgres-X port=5432 and data only under /var/lib/postgresql/data', () => {
    for (const snippet of shell()) {
      for (const line of codeLines(snippet)) {
        for (const host of line.matchAll(/\bhost=(\S+)(?: (\S+))?/g)) {
          expect(NODE_NAMES, `${snippet.id}: ${line.trim()}`).toContain(host[1]);
          expect(host[2], `${snippet.id}: ${line.trim()}`).toBe('port=5432');
        }
        for (const path of line.matchAll(/\/var\/lib\/postgresql\S*/g)) {
          expect(path[0], snippet.id).toMatch(/^\/var\/lib\/postgresql\/data(\/|\\|$|"|')/);
        }
      }
    }
  });

  it('say why wherever they differ from the seed', () => {
    const changed = [
      'demo2/01-monitoring-dashboard', 'demo2/02-high-volume-writes', 'demo2/04-throughput', 'demo2/05-sustained-load',
      'demo3/03-primary-fails', 'demo3/05-promote-standby', 'demo3/06-verify-writes', 'demo3/07-data-integrity',
      'demo3/08-dr-report', 'demo3/09-rebuild-old-primary', 'demo4/01-confirm-problem', 'demo4/07b-reduce-standby-delay',
      'demo4/07c-hot-standby-feedback', 'demo5/02-promote-standby', 'demo5/05-demonstrate-rejection', 'demo5/06-pg-rewind',
      'demo6/02-enable-sync', 'demo6/04-in-flight-transactions', 'demo6/04b-stop-old-primary', 'demo6/05-promote-standby',
      'demo6/06-verify-zero-loss', 'demo6/07-demote-old-primary', 'demo6/09-switch-back-async', 'demo6/10-quorum-sync',
      'demo6/11-seed-order-diverges', 'demo6/12-seed-order-pg-rewind', 'demo7/01-crash-async', 'demo7/02-crash-sync',
      ...['01-read-scaling', '02-lag-side-by-side', '03-quorum-any1', '04-freeze-one', '05-freeze-both', '06-first-1',
        '07-cascade-walsenders', '08-middle-link-latency', '09-freeze-middle', '10-failover-by-lsn', '11-follow-new-primary']
        .map((name) => `demo8/${name}`),
    ];
    for (const id of changed) {
      const note = snippets.find((s) => s.id === id)?.note;
      expect(note, id).toBeTruthy();
    }
    // the fixes themselves
    const text = (id: string) => snippets.find((s) => s.id === id)!.text;
    expect(text('demo2/04-throughput')).not.toMatch(/8\.2|234/);
    expect(text('demo5/05-demonstrate-rejection')).not.toMatch(/protection_message/);
    // the switchover in the right order rejoins the old primary without pg_rewind; the seed's order needs it, and
    // writes the standby settings after it (pg_rewind deletes standby.signal and overwrites postgresql.auto.conf)
    expect(text('demo6/07-demote-old-primary')).not.toMatch(/pg_rewind/);
    expect(text('demo6/04b-stop-old-primary')).toMatch(/pg_ctl stop/);
    const rewind = text('demo6/12-seed-order-pg-rewind');
    expect(rewind.indexOf('pg_rewind')).toBeLessThan(rewind.indexOf('standby.signal'));
    expect(text('demo6/04-in-flight-transactions')).toMatch(/backend_type = 'client backend'/);
    expect(text('demo3/08-dr-report')).not.toMatch(/2025-11-21/);
    expect(text('demo6/02-enable-sync')).not.toMatch(/pg_sleep\(5\)/);
    expect(text('demo2/05-sustained-load')).toMatch(/SAMPLER/);
    // the Q&A blocks also run on a real Docker engine: nothing but the seed's container names and data directory
    for (const id of ['demo3/09-rebuild-old-primary', 'demo6/10-quorum-sync', 'demo7/01-crash-async', 'demo7/02-crash-sync']) {
      expect(text(id)).not.toMatch(/PGDEMO_/);
    }
  });
});
