// pgdemo-net cut <node> [<peer>] | heal <node> [<peer>] | delay <ms> [<node> <peer>] — the deck's network between the
// nodes, for the slides that show a partition or a slow link: a whole node, or with a peer the one replication link
// between the two. Docker has no command that drops only the traffic between two containers (`docker network
// disconnect` would also cut the sidecar off from the node), so this asks the sidecar, which has each backend do it its
// own way (a relay on local processes, one in each container). Prints what was done.
import { askSidecar } from './sidecar-request.mjs';

const USAGE = 'usage: pgdemo-net cut <node> [<peer>] | heal <node> [<peer>] | delay <ms> [<node> <peer>]\n'
  + '  (node, peer: postgres-primary | postgres-standby | postgres-standby2; with a peer only the link between the two; delay 0 removes it)';
const [verb, arg, ...rest] = process.argv.slice(2);
const withPeer = (peer) => (peer === undefined ? {} : { peer });
const requests = {
  cut: () => rest.length <= 1 && ['partition', { node: arg, ...withPeer(rest[0]) }],
  heal: () => rest.length <= 1 && ['heal', { node: arg, ...withPeer(rest[0]) }],
  delay: () => (rest.length === 0 || rest.length === 2)
    && ['latency', { ms: Number(String(arg).replace(/ms$/, '')), ...(rest.length ? { node: rest[0], peer: rest[1] } : {}) }],
};
const request = arg === undefined ? false : requests[verb]?.();
if (!request) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const [operation, body] = request;
try {
  const report = await askSidecar(operation, body);
  process.stdout.write(`${report.detail ?? `${[verb, arg, ...rest].join(' ')}: done`}\n`);
} catch (err) {
  process.stderr.write(`pgdemo-net: ${err.message}\n`);
  process.exit(1);
}
