import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandOutput } from '../../src/cli/command-output.js';
import { runIngestCommand } from '../../src/cli/run-ingest-command.js';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { findDriftedClauses } from '../../src/policies/find-drifted-clauses.js';
import { loadPolicyPack } from '../../src/policies/load-policy-pack.js';

const fixture = (file: string) => join(findPackageRoot(), 'tests', 'fixtures', 'ingest', file);

function captureOutput(): CommandOutput & { printed: string[]; errors: string[] } {
  const printed: string[] = [];
  const errors: string[] = [];
  return { printed, errors, print: (line) => printed.push(line), error: (line) => errors.push(line) };
}

describe('runIngestCommand', () => {
  let policiesDirectory: string;
  beforeEach(() => {
    policiesDirectory = mkdtempSync(join(tmpdir(), 'policy-desk-policies-'));
  });
  afterEach(() => rmSync(policiesDirectory, { recursive: true, force: true }));

  it('writes a draft pack to <policies>/<id> that loads with no drift, and prints one summary line', () => {
    const output = captureOutput();
    const code = runIngestCommand([fixture('clean-numbered-policy.txt'), '--council', 'northwold', '--name', 'Northwold District Council'], policiesDirectory, output);
    expect(code).toBe(0);
    expect(output.errors).toEqual([]);
    expect(output.printed).toHaveLength(1);
    expect(output.printed[0]).toMatch(/^drafted 10 clauses for northwold \(2 prohibited, 1 permitted, 1 conditional, 1 needs-approval, 2 guidance, 3 information\) in .*northwold; review every clause/);

    const folder = join(policiesDirectory, 'northwold');
    const pack = loadPolicyPack(folder, policiesDirectory);
    expect(pack.councilName).toBe('Northwold District Council');
    expect(pack.clauses).toHaveLength(10);
    expect(findDriftedClauses(pack)).toEqual([]);
    expect(readFileSync(join(folder, 'sources', 'clean-numbered-policy.txt'))).toEqual(readFileSync(fixture('clean-numbered-policy.txt')));
    expect(readFileSync(join(folder, 'clauses.yaml'), 'utf8')).toMatch(/^# DRAFT clauses for Northwold District Council/);
    expect(readFileSync(join(folder, 'pack.yaml'), 'utf8')).toMatch(/^# DRAFT policy pack for Northwold District Council/);
  });

  it('names the council after its id when --name is not given', () => {
    runIngestCommand([fixture('clean-numbered-policy.txt'), '--council', 'northwold'], policiesDirectory, captureOutput());
    expect(loadPolicyPack(join(policiesDirectory, 'northwold'), policiesDirectory).councilName).toBe('northwold');
  });

  it('writes to --out when given', () => {
    const out = join(policiesDirectory, 'elsewhere', 'northwold');
    expect(runIngestCommand([fixture('clean-numbered-policy.txt'), '--council', 'northwold', '--out', out], policiesDirectory, captureOutput())).toBe(0);
    expect(existsSync(join(out, 'clauses.yaml'))).toBe(true);
    expect(existsSync(join(policiesDirectory, 'northwold'))).toBe(false);
  });

  it('refuses to overwrite an existing pack folder without --force, and replaces it with --force', () => {
    const folder = join(policiesDirectory, 'northwold');
    mkdirSync(folder);
    writeFileSync(join(folder, 'clauses.yaml'), '# reviewed by hand\n');
    const args = [fixture('clean-numbered-policy.txt'), '--council', 'northwold'];
    expect(() => runIngestCommand(args, policiesDirectory, captureOutput())).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENTS', message: expect.stringMatching(/already exists; use --force/) }),
    );
    expect(readFileSync(join(folder, 'clauses.yaml'), 'utf8')).toBe('# reviewed by hand\n');
    expect(runIngestCommand([...args, '--force'], policiesDirectory, captureOutput())).toBe(0);
    expect(readFileSync(join(folder, 'clauses.yaml'), 'utf8')).toMatch(/^# DRAFT clauses/);
  });

  it('writes into an existing empty folder without --force', () => {
    mkdirSync(join(policiesDirectory, 'northwold'));
    expect(runIngestCommand([fixture('clean-numbered-policy.txt'), '--council', 'northwold'], policiesDirectory, captureOutput())).toBe(0);
  });

  it.each([
    [['--council', 'northwold'], 'INVALID_ARGUMENTS', /^no policy file given; usage: policy-desk ingest/],
    [['a.txt', 'b.txt', '--council', 'northwold'], 'INVALID_ARGUMENTS', /^give one policy file only/],
    [[fixture('clean-numbered-policy.txt')], 'INVALID_ARGUMENTS', /^--council is required/],
    [[fixture('clean-numbered-policy.txt'), '--council', 'North Wold'], 'INVALID_ARGUMENTS', /^--council "North Wold" must be lower-case/],
    [[fixture('clean-numbered-policy.txt'), '--council', 'northwold', '--colour'], 'INVALID_ARGUMENTS', /^Unknown option '--colour'/],
    [[fixture('clean-numbered-policy.txt'), '--council', 'northwold', '--out', '/tmp/draft'], 'INVALID_ARGUMENTS', /^--out folder must be named after the council id/],
    [[fixture('no-such-policy.txt'), '--council', 'northwold'], 'FILE_UNREADABLE', /no-such-policy\.txt: no such file$/],
    [[fixture(''), '--council', 'northwold'], 'FILE_UNREADABLE', /is a folder, not a policy file$/],
    [[fixture('empty.txt'), '--council', 'northwold'], 'FILE_UNREADABLE', /empty\.txt: is empty$/],
    [[fixture('binary.bin'), '--council', 'northwold'], 'FILE_UNREADABLE', /binary\.bin: is a binary file/],
  ])('refuses %j with a one-line %s error', (args, code, message) => {
    const output = captureOutput();
    expect(() => runIngestCommand(args, policiesDirectory, output)).toThrow(
      expect.objectContaining({ code, message: expect.stringMatching(message) }),
    );
    expect(output.printed).toEqual([]);
    expect(existsSync(join(policiesDirectory, 'northwold'))).toBe(false);
  });
});
