import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../src/conversations/message.js';
import { listAudit } from '../../src/storage/audit-log.js';
import { listDueOutbox } from '../../src/storage/outbox.js';
import { createReportStore } from '../../src/storage/reports.js';
import { ConversationHarness, flatten, harnessesClosedAfterEach } from '../support/conversation-harness.js';

/**
 * Issue 4, sections 1, 5 and 6: only a case's current assignees can read it, every refusal is audited,
 * the intake survives a restart, and a report started in a channel carries on in private.
 */

const REF = 'R-2026-0001';
const REPORTING = "I want to report threats I'm getting on twitter";
const WHAT_HAPPENED = 'A man with the handle @pinecone_77 said he knows where I live.';
// Tariq's answers to Cannock's report form, in order (the directory knows he is a councillor).
const ANSWERS = ['1', '2', 'Facebook', 'skip', 'last night about 10pm', WHAT_HAPPENED, 'skip', 'skip', 'no'];
/** Text only an assignee may see: what happened, where, and who reported it. */
const CONTENT = ['pinecone_77', 'Facebook', 'last night about 10pm'];

async function fileReport(chat: ConversationHarness): Promise<void> {
  await chat.say('tariq', REPORTING);
  for (const answer of ANSWERS) await chat.say('tariq', answer);
  expect(await chat.press('tariq', 'Send report')).toContain(`your reference is ${REF}`);
}

/** Presses a button somebody else was sent, as `personId`, with the token from their message. */
function pressAs(chat: ConversationHarness, personId: string, owner: string, label: string): Promise<string> {
  const button = chat.findButton(owner, label);
  if (!button) throw new Error(`${owner} has no "${label}" button`);
  return chat.turn(personId, { kind: 'button', actionId: button.actionId, value: button.value });
}

const audited = (chat: ConversationHarness, action: string) =>
  listAudit(chat.desk.database, REF).filter((entry) => entry.action === action).map((entry) => entry.actorKey);

describe('who can read a case', () => {
  const harness = harnessesClosedAfterEach('cannock');

  it('refuses the officer’s Open case button to people in the directory not on the case and to a stranger, and audits each refusal', async () => {
    const chat = harness();
    await fileReport(chat);
    const deliveredBefore = chat.delivered.length;

    // Ellie handles other reports; Hannah is the Monitoring Officer's alternate, but was not sent this one.
    for (const intruder of ['ellie', 'hannah', 'stranger']) {
      const reply = await pressAs(chat, intruder, 'paul', 'Open case');
      expect(reply).toContain(`You are not assigned to ${REF}`);
      for (const secret of [...CONTENT, 'Tariq']) expect(reply).not.toContain(secret);
    }
    expect(chat.delivered.length).toBe(deliveredBefore); // nothing was sent anywhere on their behalf
    expect(audited(chat, 'case-access-refused')).toEqual(['console:ellie', 'console:hannah', 'console:stranger']);
    expect(audited(chat, 'case-opened')).toEqual([]);
  });

  it('refuses every other case button to a non-assignee and leaves the case as it was', async () => {
    const chat = harness();
    await fileReport(chat);
    for (const label of ['Acknowledge', 'Ask the reporter', 'Add note', 'Reassign', 'Close with outcome']) {
      expect(await pressAs(chat, 'ellie', 'paul', label)).toContain(`You are not assigned to ${REF}`);
    }
    // Not left waiting to write on the case: this is not recorded or relayed.
    await chat.say('ellie', 'Closing this, nothing to see');
    const store = createReportStore(chat.desk.database, chat.desk.sealer);
    expect(store.find(REF)?.status).toBe('open');
    expect(store.entries(REF)).toEqual([]);
    expect(chat.inbox('tariq').join(' ')).not.toContain('Closing this');
    expect(audited(chat, 'case-access-refused')).toHaveLength(5);
  });

  it('shows the case to an assignee and audits the read', async () => {
    const chat = harness();
    await fileReport(chat);
    const view = await chat.press('paul', 'Open case');
    for (const secret of CONTENT) expect(view).toContain(secret);
    expect(audited(chat, 'case-opened')).toEqual(['console:paul']);
  });

  it('after Reassign, the old officer is refused and the new one can open the case', async () => {
    const chat = harness();
    await fileReport(chat);
    await chat.press('paul', 'Reassign');
    const toHannah = chat.buttonsOf('paul').find((button) => button.label.startsWith('Hannah Lewis'));
    expect(toHannah).toBeDefined();
    expect(await chat.turn('paul', { kind: 'button', actionId: toHannah!.actionId, value: toHannah!.value })).toContain('You no longer have access');

    const refused = await chat.press('paul', 'Open case'); // the card he was sent before
    expect(refused).toContain(`You are not assigned to ${REF}`);
    for (const secret of CONTENT) expect(refused).not.toContain(secret);
    expect(audited(chat, 'case-access-refused')).toEqual(['console:paul']);

    expect(chat.inbox('hannah').at(-1)).toContain(`Confidential report ${REF}`);
    const view = await chat.press('hannah', 'Open case');
    for (const secret of CONTENT) expect(view).toContain(secret);
    expect(audited(chat, 'case-opened')).toEqual(['console:hannah']);
  });

  it('refuses the reporter’s Reply button to anyone else', async () => {
    const chat = harness();
    await fileReport(chat);
    await chat.press('paul', 'Ask the reporter');
    await chat.say('paul', 'Do you have a screenshot?');
    expect(chat.findButton('tariq', 'Reply')).toBeDefined();

    expect(await pressAs(chat, 'ellie', 'tariq', 'Reply')).toContain('not for you');
    await chat.say('ellie', 'Here is a fake answer');
    expect(audited(chat, 'report-access-refused')).toEqual(['console:ellie']);
    const store = createReportStore(chat.desk.database, chat.desk.sealer);
    expect(store.entries(REF).map((entry) => entry.kind)).toEqual(['question']);
    expect(chat.inbox('paul').join(' ')).not.toContain('fake answer');

    // The reporter's own press still works.
    await chat.press('tariq', 'Reply');
    await chat.say('tariq', 'Yes, three of them.');
    expect(chat.inbox('paul').at(-1)).toContain('Yes, three of them.');
  });
});

describe('the intake', () => {
  const open: ConversationHarness[] = [];
  afterEach(() => {
    for (const chat of open.splice(0)) if (chat.desk.database.open) chat.close();
  });

  it('survives a restart part-way through, and files the answers given before it', async () => {
    const before = new ConversationHarness('cannock');
    open.push(before);
    await before.say('tariq', REPORTING);
    for (const answer of ANSWERS.slice(0, 3)) await before.say('tariq', answer);
    before.close();

    const after = new ConversationHarness('cannock', { databasePath: before.databasePath });
    open.push(after);
    // The next message answers the next question (the link), not the first one again.
    expect(await after.say('tariq', ANSWERS[3]!)).toContain('5 of 9: When');
    for (const answer of ANSWERS.slice(4)) await after.say('tariq', answer);
    expect(await after.press('tariq', 'Send report')).toContain(`your reference is ${REF}`);

    const report = createReportStore(after.desk.database, after.desk.sealer).find(REF)!;
    expect(report.status).toBe('open');
    expect(report.category).toBe('harassment');
    expect(report.urgency).toBe('today');
    expect(report.content.progress.answers['platform']?.value).toBe('Facebook');
    expect(report.content.progress.answers['what-happened']?.value).toBe(WHAT_HAPPENED);
    expect(after.inbox('paul').at(-1)).toContain(`Confidential report ${REF}`);
  });

  it('moves a report started in a channel to a direct message, and ignores answers typed in the channel', async () => {
    const chat = new ConversationHarness('cannock');
    open.push(chat);
    const participant = { key: 'console:tariq', name: 'Cllr Tariq Hussain', personId: 'tariq', channel: 'console' as const };
    const inChannel = (text: string) => chat.desk.core.handleTurn({ participant, councilId: 'cannock', input: { kind: 'text', text }, place: 'channel' }).replies;

    const replies = inChannel(REPORTING);
    expect(flatten(replies)).toContain('direct message');
    expect(flatten(replies)).not.toContain('What would you like to report?');
    expect(replies.flatMap(buttonsOf)).toEqual([]); // no form buttons in the channel

    // The form goes to Tariq privately, through the outbox.
    const privately = listDueOutbox(chat.desk.database, chat.desk.sealer, chat.clock.now().toISOString());
    expect(privately.length).toBeGreaterThan(0);
    expect(privately.every((item) => item.recipient.kind === 'participant' && item.recipient.participant.key === participant.key)).toBe(true);
    expect(privately.map((item) => flatten([item.message])).join(' ')).toContain('What would you like to report?');
    await chat.deliver();
    expect(chat.inbox('tariq').join(' ')).toContain('What would you like to report?');

    // "1" would answer the first question; said in the channel it is not taken.
    expect(flatten(inChannel('1'))).toContain('direct message');
    const store = createReportStore(chat.desk.database, chat.desk.sealer);
    expect(store.find(REF)?.content.progress.answers).toEqual({});

    expect(await chat.say('tariq', '1')).toContain('2 of 9: Urgency');
    expect(store.find(REF)?.content.progress.answers['category']?.value).toBe('harassment');
  });
});
