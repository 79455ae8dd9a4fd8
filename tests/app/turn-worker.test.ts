import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPolicyDesk, type PolicyDesk } from '../../src/app/open-policy-desk.js';
import { startTurnWorker } from '../../src/app/start-turn-worker.js';
import type { TurnRunner } from '../../src/app/turn-runner.js';
import { readConfig } from '../../src/config/read-config.js';
import { isPolicyDeskError } from '../../src/errors.js';

const robin = { key: 'slack:U0DEMO0001', name: 'Robin Ashdown', personId: 'robin', channel: 'slack' as const };
let desk: PolicyDesk | undefined;
let turns: TurnRunner | undefined;
afterEach(async () => {
  await turns?.close();
  desk?.close();
  turns = undefined;
  desk = undefined;
});

async function start() {
  const config = { ...readConfig({}), databasePath: join(mkdtempSync(join(tmpdir(), 'policy-desk-worker-')), 'worker.sqlite') };
  desk = openPolicyDesk(config, { allowLocalKeyFile: true });
  turns = await startTurnWorker(config, { logError: () => {}, allowLocalKeyFile: true });
  return { desk, turns };
}

describe('turns in a worker thread', () => {
  it('answers from the worker, writing to the same SQLite file the server reads', async () => {
    const { desk, turns } = await start();
    const { replies } = await turns.handleTurn({ participant: robin, councilId: 'dacorum', input: { kind: 'text', text: 'we want a facebook page for the countryside service' } });
    expect(JSON.stringify(replies)).toMatch(/business case/i);
    expect(desk.database.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 1 });
  });

  it('keeps one person’s turns in the order they were sent', async () => {
    const { turns } = await start();
    const sent = ['we want a facebook page for the countryside service', 'cancel', 'can I post photos of residents?'].map((text) =>
      turns.handleTurn({ participant: robin, councilId: 'dacorum', input: { kind: 'text', text } }),
    );
    const [started, cancelled, answered] = (await Promise.all(sent)).map((result) => JSON.stringify(result.replies));
    expect(started).toMatch(/business case/i);
    expect(cancelled).toMatch(/cancel/i);
    expect(answered).toContain('photographs of residents');
  });

  it('gives a delivery seen before no effect and no reply', async () => {
    const { turns } = await start();
    const turn = { participant: robin, councilId: 'dacorum', input: { kind: 'text' as const, text: 'can I post photos of residents?' }, deliveryId: 'Ev-once' };
    const first = await turns.handleTurn(turn);
    const again = await turns.handleTurn(turn);
    expect(first.replies.length).toBeGreaterThan(0);
    expect(again).toEqual({ replies: [], duplicate: true });
  });

  it('fails to start with the one-line reason when the worker cannot open Policy Desk', async () => {
    const config = { ...readConfig({}), databasePath: join(mkdtempSync(join(tmpdir(), 'policy-desk-worker-')), 'worker.sqlite') };
    const failure = await startTurnWorker(config, { logError: () => {} }).catch((error: unknown) => error);
    expect(isPolicyDeskError(failure)).toBe(true);
    expect(String((failure as Error).message)).toMatch(/POLICY_DESK_ENCRYPTION_KEY/);
  });
});
