import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAccountRequest, listAccountRequests } from '../../src/storage/account-requests.js';
import { listAudit } from '../../src/storage/audit-log.js';
import { ConversationHarness } from '../support/conversation-harness.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';


async function fillDacorumForm(chat: ConversationHarness, overrides: Record<number, string> = {}): Promise<string> {
  let reply = await chat.say('robin', 'we want an instagram account for the countryside service');
  for (const [index, [question, answer]] of DACORUM_ANSWERS.entries()) {
    expect(reply).toContain(question);
    reply = await chat.say('robin', overrides[index] ?? answer);
  }
  return reply;
}

describe('the Dacorum business case, from request to decision', () => {
  let chat: ConversationHarness;
  beforeEach(() => {
    chat = new ConversationHarness('dacorum');
  });
  afterEach(() => chat.close());

  it('walks the 3.4 questions, routes to the service Group Manager, then needs both the Communications Team Leader and the Group Manager for People', async () => {
    const summary = await fillDacorumForm(chat);
    expect(summary).toContain('Check your business case (BC-2026-0001)');
    expect(summary).toContain('Platform: Instagram');
    expect(summary).toContain('Target followers: 1500');

    expect(await chat.press('robin', 'Submit')).toContain('Submitted Instagram for Countryside (BC-2026-0001)');
    expect(chat.inbox('comms').at(-1)).toContain('New business case: Instagram for Countryside (BC-2026-0001) from Robin Ashdown');
    // Only the Countryside Group Manager gets the sponsor card: not the other services' managers, not the approvers yet.
    expect(chat.inbox('helen').at(-1)).toContain('You are asked as Group Manager for the service');
    expect(chat.inbox('omar')).toEqual([]);
    expect(chat.inbox('priya')).toEqual([]);

    expect(await chat.press('helen', 'Approve')).toContain('Recorded: you approved');
    expect(chat.inbox('robin').at(-1)).toContain('Helen Carter (Group Manager for the service) approved it');
    expect(chat.inbox('priya').at(-1)).toContain('You are asked as Communications Team Leader');
    expect(chat.inbox('fiona').at(-1)).toContain('You are asked as Group Manager for People');

    await chat.press('priya', 'Approve');
    expect(chat.inbox('robin').at(-1)).toContain('Still waiting for Group Manager for People');
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')?.status).toBe('in-review');

    await chat.press('fiona', 'Approve');
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')?.status).toBe('approved');
    expect(chat.inbox('robin').at(-1)).toContain('Instagram for Countryside (BC-2026-0001) is approved');
    expect(chat.inbox('comms').at(-1)).toContain('Approved: Instagram for Countryside (BC-2026-0001)');
    // The set-up task goes to the Communications team now; the six-month trial review waits in the outbox.
    expect(chat.inbox('tom').some((text) => text.includes('To do for Instagram for Countryside'))).toBe(true);
    expect(chat.inbox('tom').some((text) => text.includes('Due now'))).toBe(false);
    chat.clock.advanceHours(24 * 183);
    await chat.deliver();
    expect(chat.inbox('tom').some((text) => text.includes('Due now for Instagram for Countryside'))).toBe(true);

    const actions = listAudit(chat.desk.database, 'BC-2026-0001').map((entry) => `${entry.actorKey} ${entry.action}`);
    expect(actions).toEqual([
      'console:robin draft-started',
      'console:robin submitted',
      'console:helen approved',
      'console:priya approved',
      'console:fiona approved',
      'console:fiona follow-up-scheduled',
      'console:fiona follow-up-scheduled',
    ]);
  });

  it('updates every copy of a stage card in place once it is decided', async () => {
    await fillDacorumForm(chat);
    await chat.press('robin', 'Submit');
    await chat.press('helen', 'Approve');
    const updates = chat.delivered.filter((entry) => entry.item.operation === 'update');
    expect(updates.map((entry) => entry.to)).toContain('console:helen');
    const helenUpdate = updates.find((entry) => entry.to === 'console:helen')!;
    expect(helenUpdate.item.cardKey).toBe('approval:BC-2026-0001:r1:s0:helen');
    expect(helenUpdate.text).toContain('Helen Carter (Group Manager for the service) approved it');
    expect(helenUpdate.item.message.parts.some((part) => part.kind === 'buttons')).toBe(false);
  });

  it('refuses anyone outside the stage, and the requester, and audits the attempt', async () => {
    await fillDacorumForm(chat);
    await chat.press('robin', 'Submit');
    const approve = chat.findButton('helen', 'Approve')!;
    for (const outsider of ['omar', 'priya', 'robin']) {
      const reply = await chat.turn(outsider, { kind: 'button', actionId: approve.actionId, value: approve.value });
      expect(reply).toMatch(/Sorry, (Only Group Manager for the service can decide this stage|You cannot decide on your own request)\. Nothing has changed\./);
    }
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')).toMatchObject({ status: 'in-review', stageIndex: 0 });
    const refusals = listAudit(chat.desk.database, 'BC-2026-0001').filter((entry) => entry.action === 'decision-refused');
    expect(refusals.map((entry) => [entry.actorKey, entry.detail?.reason])).toEqual([
      ['console:omar', 'not-approver'],
      ['console:priya', 'not-approver'],
      ['console:robin', 'own-request'],
    ]);
  });

  it('gives exactly one decision for a double click, and a stale card says who decided and when', async () => {
    await fillDacorumForm(chat);
    await chat.press('robin', 'Submit');
    const approve = chat.findButton('helen', 'Approve')!;
    await chat.turn('helen', { kind: 'button', actionId: approve.actionId, value: approve.value });
    const again = await chat.turn('helen', { kind: 'button', actionId: approve.actionId, value: approve.value });
    expect(again).toContain('This card is out of date');
    expect(again).toMatch(/Helen Carter \(Group Manager for the service\) approved it on 23 Nov 2026, 09:00/);
    const reject = chat.findButton('helen', 'Reject')!;
    expect(await chat.turn('helen', { kind: 'button', actionId: reject.actionId, value: reject.value })).toContain('out of date');
    expect(listAudit(chat.desk.database, 'BC-2026-0001').filter((entry) => entry.action === 'approved')).toHaveLength(1);
  });

  it('holds the case back until the 3.4 approval criteria are met, and says what is missing', async () => {
    const summary = await fillDacorumForm(chat, { 14: '48 hours' });
    expect(summary).toContain('Before this can go for approval, the policy asks for');
    expect(summary).toContain('24 working hours');
    expect(summary).toContain('You said: 48 working hours');
    expect(chat.findButton('robin', 'Submit')).toBeUndefined();
    expect(await chat.say('robin', 'submit')).toContain('Before this can go for approval');
    expect(listAccountRequests(chat.desk.database)[0]?.status).toBe('draft');

    expect(await chat.say('robin', 'edit response hours')).toContain('15 of 17');
    const fixed = await chat.say('robin', '12');
    expect(fixed).toContain('Check your business case');
    expect(fixed).not.toContain('Before this can go for approval');
    expect(await chat.say('robin', 'submit')).toContain('Submitted');
  });

  it('sends a case back for changes, takes the resubmission, then records a rejection with its reason', async () => {
    await fillDacorumForm(chat);
    await chat.press('robin', 'Submit');
    expect(await chat.press('helen', 'Request changes')).toContain('What needs to change?');
    expect(await chat.say('helen', 'Say who covers the account at weekends.')).toContain('Recorded: you asked for changes to');
    expect(chat.inbox('robin').at(-1)).toContain('Changes requested: Instagram for Countryside (BC-2026-0001)');
    expect(chat.inbox('robin').at(-1)).toContain('Say who covers the account at weekends.');

    expect(await chat.press('robin', 'Edit and resubmit')).toContain('Check your business case');
    await chat.say('robin', 'edit work schedule');
    await chat.say('robin', 'Sam checks it twice a day; Alex covers weekends on the ranger rota.');
    expect(await chat.say('robin', 'submit')).toContain('Submitted');
    expect(chat.inbox('helen').at(-1)).toContain('Resubmitted after changes (round 2)');

    expect(await chat.press('helen', 'Reject')).toContain('Why are you rejecting it?');
    expect(await chat.say('helen', 'no')).toContain('Please give a reason');
    await chat.say('helen', 'The corporate page already covers countryside news.');
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')?.status).toBe('rejected');
    expect(chat.inbox('robin').at(-1)).toContain('was rejected. Helen Carter (Group Manager for the service) rejected it');
    expect(chat.inbox('robin').at(-1)).toContain('The corporate page already covers countryside news.');
    expect(chat.inbox('comms').at(-1)).toContain('Rejected: Instagram for Countryside (BC-2026-0001)');
  });
});

describe('routing a message and coming back to a form', () => {
  let chat: ConversationHarness;
  beforeEach(() => {
    chat = new ConversationHarness('dacorum');
  });
  afterEach(() => chat.close());

  it.each([
    ['can I post photos of residents?', 'Section 2.2(d)'],
    ['we want an Instagram account for the countryside service', '1 of 17: Service'],
    ['help', 'Ask me about social media in your own words'],
    ['my requests', 'You have no requests'],
    ['cancel', 'There is nothing to cancel'],
  ])('“%s” gets “%s”', async (text, expected) => {
    expect(await chat.say('robin', text)).toContain(expected);
  });

  it('offers to continue or discard a form left overnight, without taking the next message as an answer', async () => {
    await chat.say('robin', 'we want an instagram account for the countryside service');
    await chat.say('robin', 'countryside');
    chat.clock.advanceHours(20);
    const offer = await chat.say('robin', 'can I post photos of residents?');
    expect(offer).toContain('Welcome back. You were part-way through a business case');
    expect(await chat.say('robin', 'continue')).toContain('2 of 17: Platform');

    chat.clock.advanceHours(20);
    await chat.say('robin', 'hello again');
    expect(await chat.press('robin', 'Discard and start again')).toContain('Discarded BC-2026-0001');
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')?.status).toBe('withdrawn');
    expect(chat.findButton('robin', 'Countryside')).toBeDefined();
  });

  it('asks a user who starts a second request whether to continue the first', async () => {
    await chat.say('robin', 'we want an instagram account for the countryside service');
    await chat.say('robin', 'countryside');
    await chat.say('robin', 'cancel');
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')?.status).toBe('withdrawn');
    await chat.say('robin', 'new account request please');
    await chat.say('robin', 'leisure');
    chat.clock.advanceHours(20);
    expect(await chat.say('robin', 'can I tweet about the election?')).toContain('part-way through a business case');
    expect(await chat.say('robin', 'can I tweet about the election?')).toContain('Section 2.2(b)');
    expect(await chat.say('robin', 'we want a facebook page for leisure')).toContain('You have an unfinished business case');
    expect(await chat.say('robin', 'continue')).toContain('2 of 17: Platform');
  });
});

describe('reminders and escalation', () => {
  let chat: ConversationHarness;
  beforeEach(() => {
    // Friday morning: the weekend does not count towards the two working days.
    chat = new ConversationHarness('dacorum', { start: '2026-11-27T09:00:00Z' });
  });
  afterEach(() => chat.close());

  it('reminds an approver after two working days, escalates to the alternate after four, each once', async () => {
    await chat.say('robin', 'we want an instagram account for the countryside service');
    for (const [, answer] of DACORUM_ANSWERS) await chat.say('robin', answer);
    await chat.press('robin', 'Submit');

    chat.clock.set('2026-11-30T10:00:00Z'); // Monday: one working day
    expect(chat.desk.core.runScheduledWork()).toBe(0);
    chat.clock.set('2026-12-01T09:30:00Z'); // Tuesday: two working days
    expect(chat.desk.core.runScheduledWork()).toBe(1);
    expect(chat.desk.core.runScheduledWork()).toBe(0);
    await chat.deliver();
    expect(chat.inbox('helen').at(-1)).toContain('Reminder: Instagram for Countryside (BC-2026-0001) has been waiting for your decision');
    expect(chat.inbox('omar')).toEqual([]);

    chat.clock.set('2026-12-03T09:30:00Z'); // Thursday: four working days
    expect(chat.desk.core.runScheduledWork()).toBe(1);
    await chat.deliver();
    expect(chat.inbox('omar').at(-1)).toContain('You are asked as Group Manager for the service');
    expect(chat.inbox('robin').at(-1)).toContain('has been escalated to Omar Siddiqui, the alternate for Group Manager for the service');
    expect(await chat.press('omar', 'Approve')).toContain('Recorded: you approved');
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')?.stageIndex).toBe(1);
    // Helen's own card now shows the decision instead of buttons.
    expect(await chat.press('helen', 'Approve')).toContain('This card is out of date');
  });
});
