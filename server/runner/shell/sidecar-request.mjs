// Asks the sidecar for a cluster operation from inside a shell snippet (the docker shim's `docker pause`, the
// deck's `pgdemo-net cut`): POST /api/cluster/<operation> with the token the snippet's environment carries.
// Plain JavaScript with no dependencies, so a command built on it starts in a few tens of milliseconds.

// the sidecar gives a cluster operation up to 90 s
const REQUEST_TIMEOUT_MS = 100_000;

/** Resolves with the operation's report; rejects with a one-line reason (and the sidecar's detail) otherwise. */
export async function askSidecar(operation, body) {
  const url = process.env.PGDEMO_CONTROL_URL;
  const token = process.env.PGDEMO_CONTROL_TOKEN ?? '';
  if (!url) throw new Error('no sidecar to ask (PGDEMO_CONTROL_URL is not set); run this snippet from the deck or `pgdemo serve`.');
  let response;
  try {
    response = await fetch(`${url.replace(/\/$/, '')}/api/cluster/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new Error(`could not reach the sidecar at ${url} (${err?.cause?.code ?? err?.message ?? err}).`);
  }
  const text = await response.text().catch(() => '');
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const message = parsed?.message ?? (text.trim() || `HTTP ${response.status}`);
    throw new Error(`${message}${parsed?.detail ? `\n${parsed.detail}` : ''}`);
  }
  // a 200 can still say the operation ran without reaching its goal (e.g. a node that does not stream)
  if (parsed?.ok === false) throw new Error(`${operation} did not reach its goal: ${parsed.detail ?? 'no detail'}`);
  return parsed ?? {};
}
