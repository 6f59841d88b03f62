// Runs a PostgreSQL tool (initdb, pg_basebackup, pg_rewind …) as the server user and turns a failure into a
// DemoError whose detail is the tool's own last words.
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { DemoError } from '../../../shared/errors';
import type { RunAs } from './os-user';

export interface ToolOptions {
  runAs?: RunAs;
  env?: Record<string, string>;
  timeoutMs?: number;
  cwd?: string;
}

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

export function runTool(path: string, args: string[], options: ToolOptions = {}): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    execFile(path, args, {
      uid: options.runAs?.uid,
      gid: options.runAs?.gid,
      // a cwd the server user can enter (root's cwd may not be)
      cwd: options.cwd ?? '/',
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', ...options.env },
      timeout: options.timeoutMs ?? 120_000,
      maxBuffer: 16 * 1024 * 1024,
    }, (err, stdout, stderr) => {
      if (!err) return resolve({ stdout, stderr });
      const tool = basename(path);
      const why = err.killed ? `timed out after ${(options.timeoutMs ?? 120_000) / 1000} s` : `exit code ${err.code}`;
      reject(new DemoError('OPERATION_FAILED', `${tool} failed (${why}).`, {
        detail: lastLines(`${stderr}\n${stdout}`, 15), cause: err,
      }));
    });
  });
}

export function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

/** The last lines of a (log) file, reading at most 64 KiB from its end. */
export async function tailOf(file: string, count: number): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return lastLines(buffer.toString('utf8'), count);
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}
