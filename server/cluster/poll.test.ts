// Waiting ends for the right reason: "not yet" is retried until the deadline, a bug in the check is reported at once.
import { expect, it } from 'vitest';
import { DemoError } from '../../shared/errors';
import { pollUntil } from './poll';

it('reports a programming error in the check at once, as itself, not as a TIMEOUT after the deadline', async () => {
  const started = performance.now();
  const broken = pollUntil(async () => (undefined as unknown as { ready: boolean }).ready, { timeoutMs: 5_000, what: 'x' });
  await expect(broken).rejects.toBeInstanceOf(TypeError);
  expect(performance.now() - started).toBeLessThan(1_000);
});

it('retries "not yet" (a node that refuses connections) until the deadline, then says what it waited for and why', async () => {
  let attempts = 0;
  const waiting = pollUntil(async () => { attempts++; throw new DemoError('NODE_DOWN', 'postgres-standby does not accept connections.'); },
    { timeoutMs: 300, intervalMs: 20, what: 'postgres-standby to stream' });
  await expect(waiting).rejects.toMatchObject({ code: 'TIMEOUT', message: 'Gave up waiting for postgres-standby to stream after 0.3 s.',
    detail: 'postgres-standby does not accept connections.' });
  expect(attempts).toBeGreaterThan(3);
});

it('ends the wait at once for an error of ours that says the goal cannot be reached', async () => {
  await expect(pollUntil(async () => { throw new DemoError('INVALID_STATE', 'no cluster'); }, { timeoutMs: 5_000, what: 'x' }))
    .rejects.toMatchObject({ code: 'INVALID_STATE' });
});
