// One cluster + sidecar + built-deck server for the whole e2e run; the returned function tears it all down.
import type { FullConfig } from '@playwright/test';
import { startStack } from './support/stack';

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  const port = Number(process.env.E2E_DECK_PORT ?? 3038);
  const stack = await startStack({ deckPort: port, clusterPort: Number(process.env.PGDEMO_PORT ?? 55800) });
  return () => stack.stop();
}
