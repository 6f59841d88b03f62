// docker-control.mjs <pause|unpause|stop|start|restart|kill> <container>
// The seed's `docker pause postgres-standby` & co., called by docker-shim.bash: asks the sidecar to do the cluster
// operation. Prints the container name on success like Docker; on failure Docker's error prefix and the sidecar's
// message on stderr, exit 1.
import { askSidecar } from '../../../runner/shell/sidecar-request.mjs';

const OPERATIONS = {
  pause: ['freeze'],
  unpause: ['thaw'],
  stop: ['stop'],
  start: ['start'],
  restart: ['stop', 'start'],
  kill: ['crash'],
};

const [action, container] = process.argv.slice(2);
if (!OPERATIONS[action] || !container) {
  process.stderr.write('usage: docker-control.mjs <pause|unpause|stop|start|restart|kill> <container>\n');
  process.exit(1);
}
for (const operation of OPERATIONS[action]) {
  try {
    await askSidecar(operation, { node: container });
  } catch (err) {
    process.stderr.write(`Error response from daemon: ${err.message}\n`);
    process.exit(1);
  }
}
process.stdout.write(`${container}\n`);
