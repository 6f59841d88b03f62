// One cluster + sidecar + built-deck server for the whole e2e run; the returned function tears it all down.
// E2E_BASE_URL=http://… skips that and tests a deck that is already running (e.g. the dev server while writing tests).
import type { FullConfig } from '@playwright/test';
import { startStack } from '../server/testing/start-stack';

export default async function globalSetup(_config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  if (process.env.E2E_BASE_URL) return undefined;
  // reserved by playwright.config.ts
  // E2E_ALLOW_EDITS=1 (npm run e2e:docker): the drill's console on this pair (e2e/drill-docker.e2e.ts)
  const stack = await startStack({ deckPort: Number(process.env.E2E_DECK_PORT), clusterPort: Number(process.env.E2E_CLUSTER_PORT),
    args: process.env.E2E_ALLOW_EDITS ? ['--allow-edits'] : [] });
  // the test workers inherit it: checks that query a node reach the stack's pair through its state folder
  process.env.E2E_STATE_DIR = stack.stateDir;
  return () => stack.stop();
}
