import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportStore } from '../../src/storage/reports.js';
import { ConversationHarness, harnessesClosedAfterEach } from '../support/conversation-harness.js';
import { runCli } from '../support/run-cli.js';

/**
 * Issue 4, section 5: report content never reaches a channel, a log or the database file as plain text, and an
 * anonymous report keeps no trace of who filed it. A fresh marker per run means nothing can pass by luck.
 */

const REF = 'R-2026-0001';
const newMarker = () => `Quokka${randomBytes(8).toString('hex')}Marker`;
const REPORTING = "I want to report threats I'm getting on twitter";

/** Answers to Cannock's report form for a councillor (the directory knows their role, so it is not asked). */
function answers(marker: string, options: { category?: string; anonymous?: boolean } = {}): string[] {
  return [
    options.category ?? '1', // Threats, abuse or harassment I received
    '2', // Urgent, it needs action today
    `Nextdoor ${marker}`, // where
    `https://x.example/${marker}`, // link
    `last night, ${marker}`, // when
    `A man said he knows where I live. ${marker}`, // what happened
    `Screenshots of the posts ${marker}`, // evidence
    'skip', // person concerned
    options.anonymous ? 'yes' : 'no',
  ];
}

async function fileReport(chat: ConversationHarness, reporter: string, replies: string[]): Promise<string> {
  await chat.say(reporter, REPORTING);
  for (const reply of replies) await chat.say(reporter, reply);
  return chat.press(reporter, 'Send report');
}

/** The database file and its WAL and shared-memory files, raw, as they are on disk now. */
function databaseFiles(databasePath: string): { file: string; bytes: Buffer }[] {
  return [databasePath, `${databasePath}-wal`, `${databasePath}-shm`].filter(existsSync).map((file) => ({ file, bytes: readFileSync(file) }));
}

/** Files holding the text as UTF-8 or UTF-16LE bytes (SQLite can store either). */
function filesContaining(databasePath: string, text: string): string[] {
  return databaseFiles(databasePath)
    .filter(({ bytes }) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le')))
    .map(({ file }) => file);
}

/** Checks the files while the database is open, after a full checkpoint, and after it is closed. */
function expectNowhereOnDisk(chat: ConversationHarness, texts: string[]): void {
  const scan = () => texts.flatMap((text) => filesContaining(chat.databasePath, text).map((file) => `${text} in ${file}`));
  expect(databaseFiles(chat.databasePath).length).toBeGreaterThan(0);
  expect(scan()).toEqual([]);
  chat.desk.database.pragma('wal_checkpoint(TRUNCATE)');
  expect(scan()).toEqual([]);
  chat.close();
  expect(scan()).toEqual([]);
}

describe('report content stays sealed', () => {
  const harness = harnessesClosedAfterEach('cannock');

  it('keeps a marker from the report, the relay, a note and the outcome out of the database file and the comms channel', async () => {
    const marker = newMarker();
    const chat = harness();
    expect(await fileReport(chat, 'tariq', answers(marker))).toContain(`your reference is ${REF}`);

    // The officer sees the content, so the marker really went into the case.
    expect(await chat.press('paul', 'Open case')).toContain(`A man said he knows where I live. ${marker}`);
    await chat.press('paul', 'Ask the reporter');
    await chat.say('paul', 'Which account posted it?');
    expect(chat.inbox('tariq').at(-1)).toContain('Which account posted it?');
    await chat.press('tariq', 'Reply');
    await chat.say('tariq', `The account called ${marker}`);
    expect(chat.inbox('paul').at(-1)).toContain(`The account called ${marker}`);
    await chat.press('paul', 'Add note');
    await chat.say('paul', `Checked the account ${marker}; it is a known troll.`);
    await chat.press('paul', 'Close with outcome');
    await chat.press('paul', 'Referred to the police');
    expect(await chat.say('paul', `Police reference for ${marker} given to the reporter.`)).toContain(`Closed ${REF}`);

    // Stored, sealed: the store opens every piece of it again.
    const store = createReportStore(chat.desk.database, chat.desk.sealer);
    expect(store.find(REF)?.content.progress.answers['what-happened']?.value).toContain(marker);
    expect(store.entries(REF).map((entry) => [entry.kind, entry.body.includes(marker)])).toEqual([
      ['question', false],
      ['reply', true],
      ['note', true],
      ['outcome', true],
    ]);

    // Harassment needs no comms action, so the comms channel hears nothing of it at all.
    expect(chat.delivered.filter((entry) => entry.to === 'comms')).toEqual([]);
    expectNowhereOnDisk(chat, [marker]);
  });

  it('tells the comms channel only the category, the council and the reference of a misinformation report', async () => {
    const marker = newMarker();
    const chat = harness();
    await fileReport(chat, 'tariq', answers(marker, { category: '8' })); // Misleading posts about the council

    const comms = chat.delivered.filter((entry) => entry.to === 'comms');
    expect(comms).toHaveLength(1);
    const text = comms[0]!.text;
    expect(text).toContain(REF);
    expect(text).toContain('Cannock Chase Council');
    expect(text).toContain('Misleading posts about the council');
    const message = JSON.stringify(comms[0]!.item.message);
    for (const secret of [marker, 'Nextdoor', 'Tariq', 'knows where I live', 'Screenshots']) expect(message).not.toContain(secret);
    expect(message).not.toContain('"buttons"'); // nothing in the channel opens the case
    expectNowhereOnDisk(chat, [marker]);
  });

  it('tells the reporter and the comms channel when the Monitoring Officer cannot be reached, the channel learning nothing of the report', async () => {
    const marker = newMarker();
    const chat = harness({ unreachable: ['paul'] });
    expect(await fileReport(chat, 'tariq', answers(marker))).toContain(`your reference is ${REF}`);

    expect(chat.inbox('tariq').join('\n')).toContain(`Paul Brennan has not received “Confidential report ${REF}`);
    const toComms = chat.inbox('comms').join('\n');
    expect(toComms).toContain('Policy Desk cannot reach Paul Brennan (paul in the role directory): they have no chat address yet.');
    expect(toComms).not.toContain(REF);
    expect(toComms).not.toContain(marker);
    expect(chat.inbox('paul')).toEqual([]);
    // The reporter's notice is sealed like the rest of the report's messages.
    expectNowhereOnDisk(chat, [marker, 'Paul Brennan has not received']);
  });

  it('writes no report content to stderr when the console chat runs as a real process', () => {
    const marker = newMarker();
    const databasePath = join(mkdtempSync(join(tmpdir(), 'policy-desk-confidential-')), 'chat.sqlite');
    const script = [
      '/as tariq',
      REPORTING,
      ...answers(marker),
      '/press 1', // Send report
      '/as paul',
      '/press 1', // Open case
      '/press 2', // Ask the reporter
      'Which account posted it?',
      '/as tariq',
      '/press 1', // Reply
      `The account called ${marker}`,
      '/as june',
      '/press 1', // Open case, from the relayed reply
      '/press 3', // Add note
      `Checked the account ${marker}.`,
      '/as paul',
      '/press 1', // Open case, from the relayed reply
      '/press 5', // Close with outcome
      '/press 3', // Referred to the police
      `Police reference for ${marker} given.`,
    ];
    const run = runCli(['chat', '--council', 'cannock'], { input: `${script.join('\n')}\n`, env: { POLICY_DESK_DB: databasePath } });
    expect(run.status).toBe(0);
    // The conversation really happened (the typed lines are echoed too, so look for the case view's entries).
    const transcript = run.stdout.replace(/\s+/g, ' ');
    expect(transcript).toContain(`(reply): The account called ${marker}`);
    expect(transcript).toContain(`(note): Checked the account ${marker}.`);
    expect(transcript).toContain(`Closed ${REF}: Referred to the police`);
    expect(run.stderr).not.toContain(marker);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(filesContaining(databasePath, marker)).toEqual([]);
  });

  /** Tariq, who has done nothing else in this database, reports anonymously; Paul asks a question and Tariq answers. */
  async function anonymousReportWithRelay(chat: ConversationHarness, marker: string) {
    const tariq = chat.desk.directories.get('cannock')!.people.get('tariq')!;
    expect(await fileReport(chat, 'tariq', answers(marker, { anonymous: true }))).toContain('Sent anonymously');
    await chat.press('paul', 'Ask the reporter');
    await chat.say('paul', 'Can you send a screenshot?');
    await chat.press('tariq', 'Reply');
    await chat.say('tariq', 'Yes, sent to the link above.');
    return tariq;
  }

  it('stores no reporter identity with an anonymous report, and still relays questions and replies', async () => {
    const marker = newMarker();
    const chat = harness();
    const tariq = await anonymousReportWithRelay(chat, marker);

    const row = chat.desk.database.prepare('SELECT anonymous, reporter_key, reporter_name, reporter_person_id FROM reports WHERE id = ?').get(REF);
    expect(row).toEqual({ anonymous: 1, reporter_key: null, reporter_name: null, reporter_person_id: null });
    const card = chat.inbox('paul').find((text) => text.includes(`Confidential report ${REF}`))!;
    expect(card).toContain('Anonymous reporter');
    // The question reached the reporter through the relay, and the reply came back to the officer.
    expect(chat.inbox('tariq').at(-1)).toContain('Can you send a screenshot?');
    expect(chat.inbox('paul').at(-1)).toContain('Yes, sent to the link above.');
    expect(chat.inbox('paul').join(' ')).not.toContain(tariq.name);

    expectNowhereOnDisk(chat, [tariq.name, marker]);
  });

  // The conversations table is keyed by a fingerprint, and audit entries name the reporter of no report:
  // nothing on disk ties the chat id to the report.
  it('leaves the anonymous reporter’s chat id nowhere in the database file', async () => {
    const chat = harness();
    const tariq = await anonymousReportWithRelay(chat, newMarker());
    expectNowhereOnDisk(chat, [`console:${tariq.id}`]);
  });
});
