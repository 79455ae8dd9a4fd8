import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { FakeBotConnector } from '../support/fake-bot-connector.js';
import { findAdaptiveCardProblems } from '../support/parse-adaptive-card.js';
import { personalConversationIdFor, personalMessage, teamsParties } from '../support/teams-activities.js';

const main = join(findPackageRoot(), 'dist', 'src', 'main.js');
const KEY = Buffer.alloc(32, 7).toString('base64');
const APP_ID = '0b6fe6d1-fece-44f7-9a48-56465e2d5ab8';
const TENANT = '6f1c1d6a-0d5e-4b8e-9a57-2c8d0c0b7a11';
const databasePath = () => join(mkdtempSync(join(tmpdir(), 'policy-desk-teams-start-')), 'desk.sqlite');

describe('Teams settings at start-up', () => {
  it.each([
    ['an empty app id', { MicrosoftAppId: '' }, /^policy-desk: MicrosoftAppId is set but empty/],
    ['a password without an app id', { MicrosoftAppPassword: 'pa55-secret' }, /MicrosoftAppPassword is set but MicrosoftAppId is not/],
    ['an app id that is not a GUID', { MicrosoftAppId: 'policy-desk', MicrosoftAppPassword: 'pa55-secret' }, /MicrosoftAppId must be the bot's app \(client\) id, a GUID/],
    ['an app id without its password', { MicrosoftAppId: APP_ID }, /MicrosoftAppPassword is not set/],
    ['SingleTenant without a tenant', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pa55-secret', MicrosoftAppType: 'SingleTenant' }, /MicrosoftAppTenantId is not set: SingleTenant needs the tenant id/],
    ['an unknown app type', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pa55-secret', MicrosoftAppType: 'Personal' }, /MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI/],
    ['test mode with an app id', { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'pa55-secret', POLICY_DESK_TEAMS_NO_AUTH: '1' }, /POLICY_DESK_TEAMS_NO_AUTH cannot be used with MicrosoftAppId/],
    ['test mode spelt wrong', { POLICY_DESK_TEAMS_NO_AUTH: 'yes' }, /POLICY_DESK_TEAMS_NO_AUTH must be 1/],
  ])('stops on %s with one line naming the variable, exit code 2, and no secret echoed', (_what, env, message) => {
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', POLICY_DESK_DB: databasePath(), POLICY_DESK_ENCRYPTION_KEY: KEY, ...env },
      input: '',
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('pa55-secret');
  });
});

describe('npm start with Teams in local test mode', () => {
  let bot: ChildProcess | undefined;
  let connector: FakeBotConnector | undefined;
  afterEach(async () => {
    bot?.kill('SIGTERM');
    await connector?.stop();
  });

  it('says loudly that there is no authentication, listens on 127.0.0.1 only, and answers the Cannock question quoting Section D 4.1', async () => {
    connector = await new FakeBotConnector().start();
    bot = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', POLICY_DESK_DB: databasePath(), POLICY_DESK_ENCRYPTION_KEY: KEY, POLICY_DESK_TEAMS_NO_AUTH: '1', POLICY_DESK_COUNCIL: 'cannock', PORT: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      bot!.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const listening = /Listening on 127\.0\.0\.1:(\d+) only/.exec(stderr);
        if (listening && stderr.includes('Teams bot running')) resolve(Number(listening[1]));
      });
      bot!.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(stderr).toMatch(/WARNING: Teams is running WITHOUT AUTHENTICATION/);

    const parties = teamsParties(connector.serviceUrl, { tenantId: TENANT });
    const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(personalMessage(parties, { id: '1741083300100', text: 'Can I get a bot to write our council posts automatically?' })),
    });
    expect(response.status).toBe(200);
    const conversationId = personalConversationIdFor(parties.user.id);
    await connector.waitFor(() => connector!.sentTo(conversationId).length > 0, 10_000);
    const cards = connector.cardsIn(connector.sentTo(conversationId)[0]!);
    expect(JSON.stringify(cards)).toContain('D 4.1');
    for (const card of cards) expect(findAdaptiveCardProblems(card)).toEqual([]);
  });
});
