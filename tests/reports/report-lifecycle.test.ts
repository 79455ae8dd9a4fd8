import { afterEach, describe, expect, it } from 'vitest';
import { ConversationHarness } from '../support/conversation-harness.js';
import { fileReport } from '../support/file-report.js';

let chat: ConversationHarness;
afterEach(() => chat?.close());

describe('a report from filing to closing', () => {
  it('goes to the line manager and the Policy and Communications Team for an own mistake at Cannock, and to nobody else', async () => {
    chat = new ConversationHarness('cannock');
    const filed = await fileReport(chat, 'robin', { category: 'I posted something by mistake', whatHappened: 'I posted the wrong bin collection day on the council page.' });
    expect(filed).toContain('Report sent: your reference is R-2026-0001');
    expect(filed).toContain('Mistakes happen - if you post something you don'); // the clause that says why, quoted
    const cardRecipients = [...new Set(chat.delivered.filter((entry) => entry.text.includes('Confidential report R-2026-0001')).map((entry) => entry.to))];
    expect(cardRecipients.sort()).toEqual(['console:ellie', 'console:sana']);
    expect(chat.inbox('comms')).toEqual([]);
  });

  it('sends a report that names the line manager to the alternate instead, and tells the reporter so', async () => {
    chat = new ConversationHarness('cannock');
    const filed = await fileReport(chat, 'robin', {
      category: 'Bullying by a colleague',
      whatHappened: 'My manager Sana Iqbal keeps posting memes about me in the team group chat.',
    });
    expect(filed).toContain('names someone who would normally receive it');
    expect(chat.inbox('sana')).toEqual([]);
    const alternateCard = chat.inbox('gareth').join(' ');
    expect(alternateCard).toContain('Confidential report R-2026-0001');
    expect(alternateCard).toContain('the report names Sana Iqbal');
    // The alternate can open it; the person it names cannot.
    expect(await chat.press('gareth', 'Open case')).toContain('keeps posting memes');
  });

  it('tells the comms channel only the category, the council and the reference for misleading posts, and nothing for other kinds', async () => {
    chat = new ConversationHarness('dacorum');
    await fileReport(chat, 'robin', { category: 'Misleading posts about the council', whatHappened: 'A local page says the leisure centre is closing for good, which is untrue.' });
    expect(chat.inbox('comms')).toHaveLength(1);
    const notice = chat.inbox('comms')[0]!;
    expect(notice).toContain('R-2026-0001');
    expect(notice).toContain('Dacorum Borough Council');
    expect(notice).toContain('Misleading posts about the council');
    expect(notice).not.toContain('leisure centre');
  });

  it('reminds the officers once when the acknowledge-by time passes, then escalates to their alternates once', async () => {
    chat = new ConversationHarness('cannock', { start: '2026-11-23T09:00:00Z' }); // a Monday
    await fileReport(chat, 'robin', { category: 'I posted something by mistake', whatHappened: 'I replied to a resident from the wrong account.' });
    chat.clock.set('2026-11-23T17:00:00Z');
    expect(chat.desk.core.runScheduledWork()).toBe(0);

    chat.clock.set('2026-11-24T09:01:00Z'); // one working day later
    expect(chat.desk.core.runScheduledWork()).toBe(1);
    await chat.deliver();
    expect(chat.inbox('sana').at(-1)).toContain('Reminder: this was due to be acknowledged');
    expect(chat.inbox('ellie').at(-1)).toContain('Reminder: this was due to be acknowledged');
    expect(chat.desk.core.runScheduledWork()).toBe(0);

    chat.clock.set('2026-11-25T09:01:00Z'); // and as long again
    expect(chat.desk.core.runScheduledWork()).toBe(1);
    await chat.deliver();
    // Sana has no manager of her own in the directory, so the line-manager role's alternate stands in; Ellie's alternate is Dan.
    expect(chat.inbox('gareth').join(' ')).toContain('Escalated to you as alternate');
    expect(chat.inbox('dan').join(' ')).toContain('Escalated to you as alternate');
    expect(await chat.press('dan', 'Open case')).toContain('wrong account');
    expect(chat.desk.core.runScheduledWork()).toBe(0);
  });

  it('neither reminds nor escalates once an officer has acknowledged, and tells the reporter', async () => {
    chat = new ConversationHarness('cannock', { start: '2026-11-23T09:00:00Z' });
    await fileReport(chat, 'robin', { category: 'I posted something by mistake', whatHappened: 'I shared a personal post on the council page.' });
    expect(await chat.press('ellie', 'Acknowledge')).toContain('acknowledged');
    expect(chat.inbox('robin').at(-1)).toContain('Ellie Watson (Policy and Communications Team) has acknowledged your report R-2026-0001');
    chat.clock.set('2026-11-30T09:00:00Z');
    expect(chat.desk.core.runScheduledWork()).toBe(0);
  });

  it('lets the reporter add information later, which reaches the officers and appears in the case', async () => {
    chat = new ConversationHarness('cannock');
    await fileReport(chat, 'robin', { category: 'I posted something by mistake', whatHappened: 'I posted a photo with a resident address showing.' });
    await chat.press('robin', 'Add information');
    expect(await chat.say('robin', 'I deleted the photo at 11:05.')).toContain('Sent to the officers handling R-2026-0001');
    expect(chat.inbox('sana').at(-1)).toContain('I deleted the photo at 11:05.');
    expect(await chat.press('sana', 'Open case')).toContain('Reporter (information): I deleted the photo at 11:05.');
    const mine = await chat.say('robin', 'my requests');
    expect(mine).toContain('R-2026-0001');
    expect(mine).toContain('waiting to be acknowledged');
  });
});

describe('the intake', () => {
  it('says to call 999 first when someone is in immediate danger, and marks the case an emergency for the officer', async () => {
    chat = new ConversationHarness('cannock');
    await chat.say('robin', 'I need to report something');
    await chat.say('robin', 'A concern about a child or vulnerable adult');
    const afterUrgency = await chat.say('robin', 'Someone is in immediate danger');
    expect(afterUrgency).toContain('call 999 now');
    expect(afterUrgency).toContain('Where did it happen?'); // the form carries on for when everyone is safe
    for (const answer of ['Facebook', 'skip', 'just now', 'A child posted that they are going to hurt themselves tonight.', 'skip', 'skip', 'no']) {
      await chat.say('robin', answer);
    }
    expect(await chat.press('robin', 'Send report')).toContain('call 999 now');
    const officerCard = chat.delivered.find((entry) => entry.text.includes('Confidential report R-2026-0001'))!;
    expect(officerCard.text).toContain('someone is in immediate danger');
  });

  it('records files sent with a message by name and reference only, for the officers to see', async () => {
    chat = new ConversationHarness('cannock');
    await chat.say('robin', 'I need to report something');
    for (const answer of ['I posted something by mistake', 'It can wait a few days', 'Facebook', 'skip', 'today', 'Posted a photo with a car number plate showing.']) {
      await chat.say('robin', answer);
    }
    const participant = { key: 'console:robin', name: 'Robin Ashdown', personId: 'robin', channel: 'console' as const };
    const { replies } = chat.desk.core.handleTurn({
      participant,
      councilId: 'cannock',
      input: { kind: 'text', text: 'screenshot attached', attachments: [{ name: 'screenshot.png', ref: 'F0123ABCD' }] },
    });
    expect(JSON.stringify(replies)).toContain('Kept a reference to 1 file');
    await chat.say('robin', 'skip');
    await chat.say('robin', 'no');
    await chat.press('robin', 'Send report');
    expect(await chat.press('sana', 'Open case')).toContain('screenshot.png (F0123ABCD)');
  });

  it('does not take a message sent long after a report was left as its next answer', async () => {
    chat = new ConversationHarness('cannock');
    await chat.say('robin', 'I need to report something');
    await chat.say('robin', 'I posted something by mistake');
    chat.clock.advanceHours(30);
    const back = await chat.say('robin', 'can I post photos of residents?');
    expect(back).toContain('You were part-way through report R-2026-0001');
    expect(back).toContain('How urgent is it?');
    // The next message answers the question as usual.
    expect(await chat.say('robin', 'It can wait a few days')).toContain('Where did it happen?');
  });
});
