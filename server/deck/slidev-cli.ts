// Slidev's own CLI as a child process (build, export, export-notes): its output is kept and shown only when it fails.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export function runSlidev(projectRoot: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'node_modules/@slidev/cli/bin/slidev.mjs'), ...args], {
      cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => (code === 0 ? resolve()
      : reject(new Error(`slidev ${args[0]} failed (${signal ?? `exit code ${code}`}):\n${output.trim().split('\n').slice(-40).join('\n')}`))));
  });
}
