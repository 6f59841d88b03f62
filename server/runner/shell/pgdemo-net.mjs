// pgdemo-net cut <node> | heal <node> | delay <ms> — the deck's network between the two nodes, for the slides that
// show a partition or a slow link. Docker has no command that drops only the traffic between two containers
// (`docker network disconnect` would also cut the sidecar off from the node), so this asks the sidecar, which has
// each backend do it its own way (a relay on local processes, tc netem on containers). Prints what was done.
import { askSidecar } from './sidecar-request.mjs';

const USAGE = 'usage: pgdemo-net cut <node> | heal <node> | delay <ms>   (node: postgres-primary | postgres-standby; delay 0 removes it)';
const [verb, arg] = process.argv.slice(2);
const requests = {
  cut: () => ['partition', { node: arg }],
  heal: () => ['heal', { node: arg }],
  delay: () => ['latency', { ms: Number(String(arg).replace(/ms$/, '')) }],
};
if (!requests[verb] || arg === undefined) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const [operation, body] = requests[verb]();
try {
  const report = await askSidecar(operation, body);
  process.stdout.write(`${report.detail ?? `${verb} ${arg}: done`}\n`);
} catch (err) {
  process.stderr.write(`pgdemo-net: ${err.message}\n`);
  process.exit(1);
}
