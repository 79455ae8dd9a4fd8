import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';

const main = join(findPackageRoot(), 'dist', 'src', 'main.js');
const KEY = Buffer.alloc(32, 7).toString('base64');
const withKey = (env: Record<string, string>) => ({ POLICY_DESK_ENCRYPTION_KEY: KEY, ...env });

/** `npm start` as a real process with only these variables; Slack is never contacted because start-up stops first. */
function start(env: Record<string, string>) {
  const database = join(mkdtempSync(join(tmpdir(), 'policy-desk-slack-config-')), 'desk.sqlite');
  const result = spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', POLICY_DESK_DB: database, ...env }, input: '', encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe('Slack settings at start-up', () => {
  it.each([
    ['an empty bot token', withKey({ SLACK_BOT_TOKEN: '' }), /^policy-desk: SLACK_BOT_TOKEN is set but empty/],
    ['an empty signing secret', withKey({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: ' ' }), /^policy-desk: SLACK_SIGNING_SECRET is set but empty/],
    ['a bot token alone', withKey({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc' }), /SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET \(HTTP\) must be set/],
    ['an app token without a bot token', withKey({ SLACK_APP_TOKEN: 'xapp-1-abc' }), /SLACK_BOT_TOKEN is not set/],
    ['a user token in place of the bot token', withKey({ SLACK_BOT_TOKEN: 'xoxp-secret-user-token', SLACK_SIGNING_SECRET: 's' }), /must be a bot token starting "xoxb-"/],
    ['a bot token in place of the app token', withKey({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_APP_TOKEN: 'xoxb-secret-again' }), /must be an app-level token starting "xapp-"/],
    ['no encryption key', { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh' }, /POLICY_DESK_ENCRYPTION_KEY is not set/],
    ['a bad port', withKey({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh', PORT: 'eighty' }), /PORT must be a port number/],
    ['a bad API URL', withKey({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh', SLACK_API_URL: 'not a url' }), /SLACK_API_URL must be a URL/],
  ])('stops on %s with one line naming the variable, exit code 2, and no secret echoed', (_what, env, message) => {
    const run = start(env);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/secret-user-token|secret-again|shh/);
  });
});
