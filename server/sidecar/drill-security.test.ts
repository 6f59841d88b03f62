// The drill as a security feature: until Reveal no answer a page can get — the drill's state, the status, the events
// stream — names the fault; the interviewer's answer only for a drill that opted in; the console only with
// `--allow-edits`, and then read-only: every statement that would leave a trace is refused, and the trace is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillState, PracticeEntry, RevealedFault } from '../../shared/drills';
import { faultNamed, FAULTS } from '../drills/catalog';
import type { Fault } from '../drills/types';
import { sql, tableExists } from '../cluster/test-support';
import { http } from '../system/http';
import { testStack, type TestStack } from '../testing/test-stack';
import { startSidecar, type RunningSidecar } from './start-sidecar';
import { DECK_ORIGIN, openChannel } from '../testing/channel-client';

let stack: TestStack;
let locked: RunningSidecar;

const api = (path: string, body?: unknown) => stack.api(path, body === undefined ? {} : { body });
const lockedApi = (path: string, body?: unknown) =>
  http(`${locked.url}${path}`, { ...(body === undefined ? {} : { body }), headers: { authorization: `Bearer ${locked.token}` } });
const consoleRun = (node: string, text: string) => api('/api/drill/console', { node, sql: text });

/** What would give the fault away. */
const giveaways = (fault: Fault) => [fault.name, fault.title, fault.cause.slice(0, 40)];

/** The page's view without the diagnosis list (which is the whole catalog, the same for every fault). */
const withoutChoices = (state: DrillState) => JSON.stringify({ ...state, choices: [] });

/** The events stream's text for `ms`, as a page receives it. */
async function eventsFor(ms: number): Promise<string> {
  const res = await fetch(`${stack.sidecar.url}/api/events`, {
    headers: { authorization: `Bearer ${stack.sidecar.token}` }, signal: AbortSignal.timeout(ms),
  });
  let text = '';
  const decoder = new TextDecoder();
  const reader = res.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
  } catch {
    // the timeout ends the read
  }
  return text;
}

beforeAll(async () => {
  stack = await testStack({ snippets: new Map(), sidecar: { allowEdits: true, allowedOrigins: [DECK_ORIGIN] } });
  locked = await startSidecar({ cluster: stack.cluster, snippets: new Map(), statusFeed: { log: () => undefined } });
});

afterAll(async () => {
  await locked?.close();
  await stack?.cleanup();
});

describe('a drill hides its fault until Reveal', () => {
  const fault = faultNamed('link-cut');

  it('state, status and events name nothing; the answer is refused; Reveal shows it all', async () => {
    const started = await api('/api/drill/start', { faults: [fault.name] });
    expect(started.status).toBe(200);
    const state = started.json<DrillState>();
    expect(state).toMatchObject({ active: true, faultCount: 1, revealed: null, interviewerMayPeek: false });
    expect(state.choices.map((c) => c.name)).toEqual(FAULTS.map((f) => f.name));
    for (const word of giveaways(fault)) expect(withoutChoices(state)).not.toContain(word);

    // the cluster cut the link itself, and says so — to the sidecar, not to a page
    expect((await stack.cluster.status()).link.partitioned).toEqual(['postgres-standby']);
    const status = (await api('/api/cluster')).body;
    expect(JSON.parse(status).link).toEqual({ partitioned: [], latencyMs: 0 });
    const events = await eventsFor(1_500);
    expect(events).toContain('"partitioned":[]');
    expect(events).not.toContain('"partitioned":["');
    for (const word of giveaways(fault)) {
      expect(status).not.toContain(word);
      expect(events).not.toContain(word);
    }

    const answer = await api('/api/drill/answer');
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({ code: 'ANSWER_HIDDEN' });

    const hint = (await api('/api/drill/hint', {})).json<DrillState>();
    expect(hint.hints).toEqual([fault.hints[0]]);

    const wrong = await api('/api/drill/diagnose', { faults: ['replay-paused'] });
    expect(wrong.json<DrillState>()).toMatchObject({ right: false });
    expect(wrong.json<DrillState>().timeToDiagnosisMs).toBeGreaterThan(0);
    expect((await api('/api/drill/diagnose', { faults: [fault.name] })).status).toBe(409);

    const revealed = (await api('/api/drill/reveal', {})).json<DrillState>();
    expect(revealed.revealed![0]).toMatchObject({ name: fault.name, cause: fault.cause });
    expect(JSON.parse((await api('/api/cluster')).body).link.partitioned).toEqual(['postgres-standby']);

    const fixed = (await api('/api/drill/fix', {})).json<DrillState>();
    expect(fixed.fixed).toMatchObject({ ok: true, healthy: true });

    const log = (await api('/api/practice')).json<PracticeEntry[]>();
    expect(log.at(-1)).toMatchObject({ kind: 'drill', faults: [fault.name], picked: ['replay-paused'], right: false, hintsUsed: 1 });
  });

  it('an interviewer\'s drill (opted in) gives the answer; the page\'s state still does not', async () => {
    const drill = faultNamed('replay-paused');
    const state = (await api('/api/drill/start', { faults: [drill.name], interviewerMayPeek: true })).json<DrillState>();
    for (const word of giveaways(drill)) expect(withoutChoices(state)).not.toContain(word);
    const answer = await api('/api/drill/answer');
    expect(answer.status).toBe(200);
    expect(answer.json<RevealedFault[]>()[0]).toMatchObject({ name: drill.name });
    expect(answer.json<RevealedFault[]>()[0]!.evidence.some((e) => e.showsSymptom)).toBe(true);
    expect((await api('/api/drill')).json<DrillState>().revealed).toBeNull();
  });

  it('Reset (the cluster\'s own) ends any drill', async () => {
    expect((await api('/api/drill')).json<DrillState>().active).toBe(true);
    expect((await api('/api/cluster/reset', {})).status).toBe(200);
    expect((await api('/api/drill')).json<DrillState>().active).toBe(false);
    const [paused] = await sql<{ s: string }>(stack.cluster, 'postgres-standby', 'SELECT pg_get_wal_replay_pause_state() AS s');
    expect(paused!.s).toBe('not paused');
  });
});

describe('over the page\'s channel', () => {
  it('a presenter\'s page starts a drill; every page hears it, and no message names the fault before Reveal', async () => {
    const fault = faultNamed('replay-paused');
    const presenter = await openChannel(stack.sidecar.url, stack.sidecar.token);
    const audience = await openChannel(stack.sidecar.url, stack.sidecar.token);
    try {
      const started = await presenter.ask('drill', { verb: 'start', body: { faults: [fault.name] } });
      expect(started).toMatchObject({ to: 'drill', value: { active: true, faultCount: 1 } });
      await audience.next('drill', (m) => m.state.active);
      expect((await audience.ask('drill-answer', {}))).toMatchObject({ error: { code: 'ANSWER_HIDDEN' } });
      const evidence = await audience.ask('drill-console', { node: 'postgres-standby', sql: 'SELECT pg_get_wal_replay_pause_state() AS s' });
      expect(evidence).toMatchObject({ value: { ok: true, rows: [['paused']] } });
      expect(await audience.ask('drill', { verb: 'diagnose', body: { faults: [fault.name] } })).toMatchObject({ value: { right: true } });
      // everything the audience page received until now (parsed by the wire's schema as it came), less the catalog list
      const beforeReveal = JSON.stringify(audience.received.map((m) => (m.type === 'drill' ? { ...m, state: { ...m.state, choices: [] } }
        : m.type === 'reply' && 'value' in m && m.to === 'drill' ? { ...m, value: { ...m.value, choices: [] } } : m)));
      for (const word of giveaways(fault)) expect(beforeReveal).not.toContain(word);
      await presenter.ask('drill', { verb: 'reveal' });
      const revealed = await audience.next('drill', (m) => m.state.revealed !== null);
      expect(revealed.state.revealed![0]!.name).toBe(fault.name);
      expect(await presenter.ask('drill', { verb: 'fix' })).toMatchObject({ value: { fixed: { ok: true, healthy: true } } });
      const practice = await audience.ask('practice', {});
      expect(practice).toMatchObject({ to: 'practice' });
      expect(JSON.stringify(practice)).toContain(`"faults":["${fault.name}"],"picked":["${fault.name}"],"right":true`);
    } finally {
      await presenter.close();
      await audience.close();
    }
  });
});

describe('the console', () => {
  beforeAll(async () => {
    expect((await api('/api/drill/start', { faults: ['abandoned-slot'] })).status).toBe(200);
  });

  it('is refused without --allow-edits, and nothing runs', async () => {
    const refused = await lockedApi('/api/drill/console', { node: 'postgres-primary', sql: 'CREATE TABLE console_locked (id int)' });
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'EDIT_NOT_ENABLED' });
    expect(await tableExists(stack.cluster, 'postgres-primary', 'console_locked')).toBe(false);
  });

  it('shows the evidence a candidate asks for', async () => {
    const run = (await consoleRun('postgres-primary', 'SELECT slot_name, active FROM pg_replication_slots ORDER BY 1')).json<{ ok: boolean; rows: string[][] }>();
    expect(run.ok).toBe(true);
    expect(run.rows).toContainEqual(['analytics_cdc', 'f']);
  });

  const refusals: [string, string, string, RegExp, () => Promise<boolean>][] = [
    ['a write', 'postgres-primary', 'CREATE TABLE console_trace (id int)', /read-only/,
      () => tableExists(stack.cluster, 'postgres-primary', 'console_trace')],
    ['a second statement after COMMIT', 'postgres-primary', 'COMMIT; CREATE TABLE console_trace2 (id int)', /multiple commands/,
      () => tableExists(stack.cluster, 'postgres-primary', 'console_trace2')],
    ['a superuser function (the fix itself)', 'postgres-primary', "SELECT pg_drop_replication_slot('analytics_cdc')", /permission denied|must be superuser|replication role/,
      async () => (await sql(stack.cluster, 'postgres-primary', "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'analytics_cdc'")).length === 0],
    ['pausing replay on the standby', 'postgres-standby', 'SELECT pg_wal_replay_pause()', /permission denied/,
      async () => (await sql<{ s: string }>(stack.cluster, 'postgres-standby', 'SELECT pg_get_wal_replay_pause_state() AS s'))[0]!.s !== 'not paused'],
    ['becoming the superuser', 'postgres-primary', "SELECT set_config('role', 'postgres', false), pg_reload_conf()", /permission denied/,
      async () => false],
  ];

  it.each(refusals)('refuses %s clearly, and leaves no trace', async (_what, node, text, message, traced) => {
    const answer = await consoleRun(node, text);
    expect(answer.status).toBe(200);
    const run = answer.json<{ ok: boolean; error?: { message: string } }>();
    expect(run.ok).toBe(false);
    expect(run.error!.message).toMatch(message);
    expect(await traced()).toBe(false);
  });

  it('cancels a long statement at its limit, and answers', async () => {
    const started = performance.now();
    const run = (await consoleRun('postgres-primary', 'SELECT pg_sleep(30)')).json<{ ok: boolean; error?: { message: string } }>();
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(run).toMatchObject({ ok: false });
    expect(run.error!.message).toMatch(/limit/);
  });

  it('says clearly when the node is down', async () => {
    await stack.cluster.stop('postgres-standby');
    const answer = await consoleRun('postgres-standby', 'SELECT 1');
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({ code: 'NODE_DOWN' });
    expect((await api('/api/drill/reset', {})).json<DrillState>().active).toBe(false);
  });

  it('bad input gets a clear error', async () => {
    expect((await consoleRun('postgres-elsewhere', 'SELECT 1')).status).toBe(400);
    expect((await api('/api/drill/start', { faults: ['no-such-fault'] })).json()).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await api('/api/drill/start', { faults: ['replay-paused', 'apply-delay'] })).json()).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await api('/api/drill/console', { node: 'postgres-primary', sql: 'SELECT 1' })).json()).toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('the practice log', () => {
  it('keeps a timed demo run against the seed\'s budget; refuses nonsense and keeps what it had', async () => {
    const before = (await api('/api/practice')).json<PracticeEntry[]>().length;
    expect((await api('/api/practice/demo', { demo: 3, ms: 1_000 })).json()).toMatchObject({ demo: 3, budgetMs: 20 * 60_000 });
    expect((await api('/api/practice/demo', { demo: 9, ms: 1 })).status).toBe(400);
    const after = (await api('/api/practice')).json<PracticeEntry[]>();
    expect(after).toHaveLength(before + 1);
  });
});
