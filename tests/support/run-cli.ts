import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';

export const cliPath = join(findPackageRoot(), 'dist', 'src', 'cli', 'policy-desk.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (npm test builds first) with its own SQLite file unless one is given. */
export function runCli(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const env = { ...process.env, POLICY_DESK_DB: join(mkdtempSync(join(tmpdir(), 'policy-desk-db-')), 'test.sqlite'), ...options.env };
  const result = spawnSync(process.execPath, [cliPath, ...args], { input: options.input, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Bad input: exit code 2, nothing on stdout, and one line on stderr naming the problem, never a stack trace. */
export function expectOneLineError(run: CliRun, message: string | RegExp): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^policy-desk: /);
  if (typeof message === 'string') expect(lines[0]).toContain(message);
  else expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
}
