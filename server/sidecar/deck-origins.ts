/** The deck's own origins: where `npm start` serves it (both loopback spellings), plus PGDEMO_DECK_ORIGINS. */
export function deckOrigins(deckPorts: number[], extra = process.env.PGDEMO_DECK_ORIGINS ?? ''): string[] {
  const fromPorts = deckPorts.flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  const fromEnv = extra.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean);
  return [...new Set([...fromPorts, ...fromEnv])];
}
