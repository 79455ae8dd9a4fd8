import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPolicyDesk } from '../../src/app/open-policy-desk.js';
import { readConfig } from '../../src/config/read-config.js';
import { runCli } from '../support/run-cli.js';

const freshDatabase = () => join(mkdtempSync(join(tmpdir(), 'policy-desk-key-')), 'desk.sqlite');

describe('the encryption key at start-up', () => {
  it('stops a chat server (anything but the local console) that has no key, saying how to make one', () => {
    expect(() => openPolicyDesk({ ...readConfig({}), databasePath: freshDatabase() })).toThrow(
      /POLICY_DESK_ENCRYPTION_KEY is not set.*openssl rand -base64 32/,
    );
  });

  it('makes the console a key of its own beside the database, readable only by this user, and keeps using it', () => {
    const databasePath = freshDatabase();
    const first = runCli(['chat', '--council', 'dacorum'], { input: 'hello\n', env: { POLICY_DESK_DB: databasePath } });
    expect(first.status).toBe(0);
    const keyFile = join(databasePath, '..', 'policy-desk.key');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    runCli(['chat', '--council', 'dacorum'], { input: 'hello again\n', env: { POLICY_DESK_DB: databasePath } });
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
  });

  it('refuses a key that is not 32 bytes of base64 with one line and exit code 2, without echoing it', () => {
    const run = runCli(['chat', '--council', 'dacorum'], { input: 'hello\n', env: { POLICY_DESK_DB: freshDatabase(), POLICY_DESK_ENCRYPTION_KEY: 'correct-horse-battery' } });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^policy-desk: POLICY_DESK_ENCRYPTION_KEY must be 32 random bytes in base64/);
    expect(run.stderr).not.toContain('correct-horse-battery');
  });
});
