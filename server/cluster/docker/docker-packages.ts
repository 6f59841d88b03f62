// dockerode, the tar packages and yaml (the compose file), loaded when the docker backend first needs them: every command of the CLI imports the
// backends, and on the embedded backend these ~150 ms of module loading bought nothing. (require: they are CommonJS,
// and it keeps the callers synchronous.)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const dockerode = () => require('dockerode') as typeof import('dockerode');
export const tarStream = () => require('tar-stream') as typeof import('tar-stream');
export const tarFs = () => require('tar-fs') as typeof import('tar-fs');
export const yaml = () => require('yaml') as typeof import('yaml');
