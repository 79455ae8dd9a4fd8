import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { findDriftedClauses } from '../../src/policies/find-drifted-clauses.js';
import { loadPolicyPack } from '../../src/policies/load-policy-pack.js';

const root = findPackageRoot();
// Built by `npm test`'s pretest step (npm run build).
const cli = join(root, 'dist', 'src', 'cli', 'policy-desk.js');
const chilternSource = join(root, 'policies', 'chiltern', 'sources', 'chiltern-south-bucks-social-media-policy.txt');

function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('policy-desk ingest (the built CLI)', () => {
  let scratch: string;
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first (npm test does it)`);
    scratch = mkdtempSync(join(tmpdir(), 'policy-desk-cli-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('drafts a pack into --out, exits 0 and prints one summary line', () => {
    const out = join(scratch, 'chiltern');
    const { code, stdout, stderr } = runCli(['ingest', chilternSource, '--council', 'chiltern', '--name', 'Chiltern and South Bucks', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^drafted \d+ clauses for chiltern \(\d+ prohibited, .*\) in .*chiltern; review every clause before it goes live\n$/);
    expect(readdirSync(out).sort()).toEqual(['clauses.yaml', 'pack.yaml', 'sources']);
    expect(readdirSync(join(out, 'sources'))).toEqual(['chiltern-south-bucks-social-media-policy.txt']);
    const pack = loadPolicyPack(out, scratch);
    expect(pack.councilName).toBe('Chiltern and South Bucks');
    expect(findDriftedClauses(pack)).toEqual([]);
  });

  it('writes to <POLICY_DESK_POLICIES>/<id> when --out is not given, and will not overwrite it twice', () => {
    const policies = join(scratch, 'policies');
    const first = runCli(['ingest', chilternSource, '--council', 'south-bucks'], { POLICY_DESK_POLICIES: policies });
    expect(first.code).toBe(0);
    expect(existsSync(join(policies, 'south-bucks', 'clauses.yaml'))).toBe(true);

    const second = runCli(['ingest', chilternSource, '--council', 'south-bucks'], { POLICY_DESK_POLICIES: policies });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^policy-desk: .*south-bucks already exists; use --force/);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with a single stderr line and no stack trace for a missing file', () => {
    const { code, stdout, stderr } = runCli(['ingest', join(scratch, 'no-such-policy.txt'), '--council', 'nowhere', '--out', join(scratch, 'nowhere')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^policy-desk: .*no-such-policy\.txt: no such file\n$/);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(existsSync(join(scratch, 'nowhere'))).toBe(false);
  });
});
