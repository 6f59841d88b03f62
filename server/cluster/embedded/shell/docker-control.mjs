// docker-control.mjs <pause|unpause|stop|start|restart|kill> <container>
// The seed's `docker pause postgres-standby` & co., called by docker-shim.bash: asks the sidecar to do the cluster
// operation. Plain JavaScript (no tsx, no imports) so it starts in a few tens of milliseconds.
// Prints the container name on success like Docker; on failure the sidecar's message on stderr and exit 1.

const OPERATIONS = {
  pause: ['freeze'],
  unpause: ['thaw'],
  stop: ['stop'],
  start: ['start'],
  restart: ['stop', 'start'],
  kill: ['crash'],
};
// the sidecar gives a cluster operation up to 90 s
const REQUEST_TIMEOUT_MS = 100_000;

const [action, container] = process.argv.slice(2);
const url = process.env.PGDEMO_CONTROL_URL;
const token = process.env.PGDEMO_CONTROL_TOKEN ?? '';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (!OPERATIONS[action] || !container) fail('usage: docker-control.mjs <pause|unpause|stop|start|restart|kill> <container>');
if (!url) fail(`docker ${action} ${container}: no sidecar to ask (PGDEMO_CONTROL_URL is not set).`);

for (const operation of OPERATIONS[action]) {
  let response;
  try {
    response = await fetch(`${url.replace(/\/$/, '')}/api/cluster/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ node: container }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    fail(`docker ${action} ${container}: could not reach the sidecar at ${url} (${err?.cause?.code ?? err?.message ?? err}).`);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const message = body?.message ?? (text.trim() || `HTTP ${response.status}`);
    fail(`Error response from daemon: ${message}${body?.detail ? `\n${body.detail}` : ''}`);
  }
  // a 200 can still say the operation ran without reaching its goal (e.g. a node that does not stream)
  const report = await response.json().catch(() => ({}));
  if (report?.ok === false) fail(`Error response from daemon: ${operation} ${container} did not reach its goal: ${report.detail ?? 'no detail'}`);
}
process.stdout.write(`${container}\n`);
