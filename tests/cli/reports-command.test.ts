import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTextSealer } from '../../src/crypto/text-sealer.js';
import { openDatabase } from '../../src/storage/open-database.js';
import { createReportStore } from '../../src/storage/reports.js';
import { ConversationHarness } from '../support/conversation-harness.js';
import { fileReport } from '../support/file-report.js';
import { expectOneLineError, runCli } from '../support/run-cli.js';

/** A Cannock database (long ago, so retention applies) with R-…-0001 closed and R-…-0002 still open. */
async function databaseWithOneClosedReport(): Promise<string> {
  const chat = new ConversationHarness('cannock', { start: '2025-01-06T09:00:00Z' });
  await fileReport(chat, 'robin', { category: 'I posted something by mistake', whatHappened: 'Posted the wrong opening hours for the pool.' });
  await chat.press('ellie', 'Close with outcome');
  await chat.press('ellie', 'Content removed or corrected');
  await chat.say('ellie', 'Post corrected the same day.');
  await fileReport(chat, 'robin', { category: 'I posted something by mistake', whatHappened: 'Tagged the wrong councillor in a photo.' });
  chat.close();
  return chat.databasePath;
}

describe('policy-desk reports', () => {
  it('purges finished reports older than the period, with their notes and relay, and keeps open cases', async () => {
    const databasePath = await databaseWithOneClosedReport();
    const run = runCli(['reports', 'purge', '--older-than', '1y'], { env: { POLICY_DESK_DB: databasePath } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Purged 1 report(s)');
    const database = new Database(databasePath, { readonly: true });
    const ids = database.prepare('SELECT id FROM reports ORDER BY id').all() as { id: string }[];
    expect(ids.map((row) => row.id)).toEqual(['R-2025-0002']);
    expect(database.prepare("SELECT COUNT(*) AS n FROM report_entries WHERE report_id = 'R-2025-0001'").get()).toEqual({ n: 0 });
    expect(database.prepare('SELECT COUNT(*) AS n FROM report_relays').get()).toEqual({ n: 1 });
    expect(database.prepare("SELECT action FROM audit_log WHERE action = 'reports-purged'").all()).toHaveLength(1);
    database.close();
  });

  it('keeps everything when nothing is old enough', async () => {
    const databasePath = await databaseWithOneClosedReport();
    const run = runCli(['reports', 'purge', '--older-than', '10y'], { env: { POLICY_DESK_DB: databasePath } });
    expect(run.stdout).toContain('Purged 0 report(s)');
  });

  it('lists reports by reference, status and category, without any of their content', async () => {
    const databasePath = await databaseWithOneClosedReport();
    const run = runCli(['reports', 'list'], { env: { POLICY_DESK_DB: databasePath } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/R-2025-0001 {2}cannock {2}closed/);
    expect(run.stdout).toMatch(/R-2025-0002 {2}cannock {2}open/);
    expect(run.stdout).not.toContain('opening hours');
  });

  it('re-seals everything under a new key after a rotation, so the old key can be retired', async () => {
    const databasePath = await databaseWithOneClosedReport();
    const oldKey = readFileSync(join(dirname(databasePath), 'policy-desk.key'), 'utf8').trim();
    const newKey = randomBytes(32).toString('base64');
    const run = runCli(['reports', 'rekey'], {
      env: { POLICY_DESK_DB: databasePath, POLICY_DESK_ENCRYPTION_KEY: newKey, POLICY_DESK_PREVIOUS_ENCRYPTION_KEYS: oldKey },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Re-sealed \d+ value/);
    const database = openDatabase(databasePath);
    const withNewKeyOnly = createReportStore(database, createTextSealer(Buffer.from(newKey, 'base64')));
    expect(withNewKeyOnly.find('R-2025-0001')!.content.progress.answers['what-happened']!.value).toContain('opening hours');
    expect(withNewKeyOnly.entries('R-2025-0001').map((entry) => entry.body)).toEqual(['Post corrected the same day.']);
    // The reporter is still found by their chat id, so "my requests" keeps working after the rotation.
    expect(withNewKeyOnly.listByReporter('console:robin', 'cannock').map((report) => report.id)).toEqual(['R-2025-0001', 'R-2025-0002']);
    const withOldKeyOnly = createReportStore(database, createTextSealer(Buffer.from(oldKey, 'base64')));
    expect(() => withOldKeyOnly.find('R-2025-0001')).toThrow(/not configured/);
    database.close();
  });

  it.each([
    [['reports', 'purge'], /purge needs --older-than/],
    [['reports', 'purge', '--older-than', 'two years'], /not "two years"/],
    [['reports', 'shred'], /unknown reports command "shred"/],
    [['reports'], /no reports command given/],
  ])('refuses %j with one line and exit code 2', (args, message) => {
    expectOneLineError(runCli(args), message);
  });

  it('refuses to rekey with a key that is not 32 bytes of base64, saying how to make one', () => {
    expectOneLineError(runCli(['reports', 'rekey'], { env: { POLICY_DESK_ENCRYPTION_KEY: 'hunter2' } }), /openssl rand -base64 32/);
  });
});
