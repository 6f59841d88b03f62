// What build, reset and reattach end with: every node brought up, upstreams first, and the wait for the pair.
import type { ClusterDriver } from '../driver';
import { standbysNotStreaming, upstreamsFirst, type NodeStream } from './streams';

/** Thaws what is frozen and starts what is stopped, upstreams first; says what it did. */
export async function bringUp(driver: ClusterDriver, streams: readonly NodeStream[]): Promise<string[]> {
  const done: string[] = [];
  for (const node of upstreamsFirst(streams)) {
    let { state } = await driver.processState(node);
    if (state === 'frozen') {
      await driver.thaw(node);
      done.push(`thawed ${node}`);
      ({ state } = await driver.processState(node));
    }
    if (state === 'stopped') {
      await driver.start(node);
      done.push(`started ${node}`);
    }
  }
  return done;
}

/** Each standby streams from its upstream and has sent its first feedback; else the first one's TIMEOUT. */
export async function waitForPair(driver: ClusterDriver, streams: readonly NodeStream[], timeoutMs = 30_000): Promise<void> {
  const [failure] = await standbysNotStreaming(driver, streams, { timeoutMs, withReplay: true });
  if (failure) throw failure.error;
}
