#!/usr/bin/env node
// The package's `pgdemo` command: the TypeScript CLI, compiled on first use (server/cli/launch.mjs), so no build step
// is needed.
import '../server/cli/launch.mjs';
