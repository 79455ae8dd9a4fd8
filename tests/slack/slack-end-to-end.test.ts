import { afterEach, describe, expect, it } from 'vitest';
import { findBlockKitViolations } from '../../src/slack/block-kit-limits.js';
import { findAccountRequest } from '../../src/storage/account-requests.js';
import { listAudit } from '../../src/storage/audit-log.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';
import type { SlackApiCall } from '../support/fake-slack-api.js';
import { buttonPress, directMessage, eventCallback, slashCommand } from '../support/signed-slack-request.js';
import { buttonsIn, dmChannel, SlackHarness, textOf } from '../support/slack-harness.js';

// directory/demo/dacorum.yaml
const ROBIN = 'U0DEMO0001'; // countryside officer, the requester
const KWAME = 'U0DEMO0002'; // Robin's line manager: in the directory, holds no approval role
const HELEN = 'U0DEMO0003'; // Group Manager for Countryside
const PRIYA = 'U0DEMO0006'; // Communications Team Leader
const FIONA = 'U0DEMO0008'; // Group Manager for People
const COMMS = 'C0DEMO0001'; // the comms channel (the same id in every demo directory)
// directory/demo/cannock.yaml
const TARIQ = 'U0DEMO0012'; // Cllr Tariq Hussain
const JUNE = 'U0DEMO0010'; // Political group leader
const PAUL = 'U0DEMO0008'; // Monitoring Officer
const STRANGER = 'U0NOTINDIR'; // a Slack user the directory does not know

const CASE = 'BC-2026-0001';
const MARKER = 'purple lighthouse by the quarry gate';

let slack: SlackHarness;
afterEach(async () => {
  // Every payload sent to Slack in any test must be one Slack would accept.
  for (const call of slack.api.calls.filter((made) => made.method.startsWith('chat.'))) {
    expect(findBlockKitViolations(call.args as { blocks?: unknown[] }), call.method).toEqual([]);
  }
  for (const response of slack.api.responses) expect(findBlockKitViolations(response.body as { blocks?: unknown[] })).toEqual([]);
  for (const call of slack.api.callsTo('views.publish')) {
    // A Home tab may hold 100 blocks, not a message's 50; every block must still be valid.
    const { blocks } = call.args.view as { blocks: unknown[] };
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(findBlockKitViolations({ blocks }).filter((problem) => !problem.startsWith('the message has'))).toEqual([]);
  }
  await slack.stop();
});

/** Everything the app has shown a user since `before` (an index into messagesTo), as one string. */
const shownTo = (userId: string, before: number) => slack.messagesTo(userId).slice(before).map(textOf).join('\n');

/** A DM, then waits until the app's replies to it include `expected` (a reply may be several messages). */
async function say(userId: string, text: string, expected: string): Promise<string> {
  const before = slack.messagesTo(userId).length;
  await slack.dm(userId, text);
  await slack.api.waitFor(() => shownTo(userId, before).includes(expected));
  return shownTo(userId, before);
}

/** Presses a button, then waits until the replies include `expected`. */
async function press(userId: string, label: string, expected: string): Promise<string> {
  const before = slack.messagesTo(userId).length;
  await slack.press(userId, label);
  await slack.api.waitFor(() => shownTo(userId, before).includes(expected));
  return shownTo(userId, before);
}

/** Someone presses a button from another person's card (its action id and value), as a forged or forwarded click would. */
async function pressAs(userId: string, button: { action_id: string; value: string }): Promise<string> {
  const before = slack.messagesTo(userId).length;
  const response = await slack.send(buttonPress(userId, dmChannel(userId), button, slack.api.responseUrl(`press-${userId}`)));
  expect(response.status).toBe(200);
  await slack.api.waitFor(() => slack.messagesTo(userId).length > before);
  await slack.app.deliverNow();
  return shownTo(userId, before);
}

/** Waits a moment, for the tests that show something did NOT happen. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

/**
 * Where Slack put a chat.postMessage. The stand-in answers a post to a user id with their DM's D… id, and gives
 * each post the next ts from 1700000001 in the order it records them.
 */
function postedAt(call: SlackApiCall): { channel: string; ts: string } {
  const index = slack.api.callsTo('chat.postMessage').indexOf(call);
  const channel = String(call.args.channel);
  return { channel: channel.startsWith('U') ? dmChannel(channel) : channel, ts: `${1_700_000_001 + index}.000100` };
}

const cardPostedTo = (userId: string, heading: string): SlackApiCall =>
  slack.api.callsTo('chat.postMessage').find((call) => call.args.channel === userId && textOf(call).includes(heading))!;
const callsToChannels = () => slack.api.calls.filter((call) => String(call.args.channel ?? '').startsWith('C'));
const decisionCount = () => (slack.desk.database.prepare('SELECT COUNT(*) AS n FROM approval_decisions').get() as { n: number }).n;

/** Robin asks for an Instagram account in a DM, answers all 17 questions and submits; Helen's card arrives. */
async function submitDacorumCase(): Promise<string> {
  await say(ROBIN, 'we want an instagram account for the countryside service', DACORUM_ANSWERS[0]![0]);
  for (const [index, [, answer]] of DACORUM_ANSWERS.entries()) {
    await say(ROBIN, answer, DACORUM_ANSWERS[index + 1]?.[0] ?? `Check your business case (${CASE})`);
  }
  const submitted = await press(ROBIN, 'Submit', `Submitted Instagram for Countryside (${CASE})`);
  await slack.api.waitFor(() => slack.buttonsShownTo(HELEN).some((button) => button.label === 'Approve'));
  return submitted;
}

describe('the Dacorum business case in Slack, over HTTP', () => {
  it('runs from Robin’s DM through Helen, Priya and Fiona to approval, telling Robin and the comms channel', async () => {
    slack = await new SlackHarness('dacorum').start();
    await submitDacorumCase();

    const card = cardPostedTo(HELEN, `Business case for approval: Instagram for Countryside (${CASE})`);
    expect(textOf(card)).toContain('You are asked as Group Manager for the service');
    expect(buttonsIn(card.args.blocks).map((button) => button.label)).toEqual(['Approve', 'Reject', 'Request changes']);
    expect(slack.messagesTo(PRIYA)).toEqual([]);
    expect(slack.messagesTo(FIONA)).toEqual([]);

    expect(await press(HELEN, 'Approve', 'Recorded: you approved')).toContain(`Instagram for Countryside (${CASE}) as Group Manager for the service`);
    await slack.api.waitFor(() => slack.buttonsShownTo(PRIYA).length > 0 && slack.buttonsShownTo(FIONA).length > 0);
    expect(shownTo(PRIYA, 0)).toContain('You are asked as Communications Team Leader');
    expect(shownTo(FIONA, 0)).toContain('You are asked as Group Manager for People');
    expect(shownTo(ROBIN, 0)).toContain('Helen Carter (Group Manager for the service) approved it');

    await press(PRIYA, 'Approve', 'Recorded: you approved');
    await slack.api.waitFor(() => shownTo(ROBIN, 0).includes('Still waiting for Group Manager for People'));
    await press(FIONA, 'Approve', 'It is now approved');
    await slack.api.waitFor(() => shownTo(ROBIN, 0).includes(`Instagram for Countryside (${CASE}) is approved`));
    expect(findAccountRequest(slack.desk.database, CASE)?.status).toBe('approved');

    // The comms channel hears of the submission and the decision, by chat.postMessage to its id, and nothing else.
    await slack.api.waitFor(() => callsToChannels().length >= 2);
    await settle();
    const toChannel = callsToChannels();
    expect(toChannel.map((call) => [call.method, call.args.channel])).toEqual([
      ['chat.postMessage', COMMS],
      ['chat.postMessage', COMMS],
    ]);
    expect(textOf(toChannel[0]!)).toContain(`New business case: Instagram for Countryside (${CASE}) from Robin Ashdown`);
    expect(textOf(toChannel[1]!)).toContain(`Approved: Instagram for Countryside (${CASE}), requested by Robin Ashdown`);
    // None of Robin's written answers reach the channel: only the core's one-line notices do.
    const writtenAnswers = DACORUM_ANSWERS.map(([, answer]) => answer).filter((answer) => answer.length >= 9);
    for (const call of toChannel) for (const answer of writtenAnswers) expect(textOf(call)).not.toContain(answer);
    expect(slack.errors).toEqual([]);
  });

  it('tells Robin and the comms channel once when Slack cannot reach Helen, and sends her card once it can', async () => {
    slack = await new SlackHarness('dacorum').start();
    slack.api.rejectChannel(HELEN, 'user_not_found');
    await say(ROBIN, 'we want an instagram account for the countryside service', DACORUM_ANSWERS[0]![0]);
    for (const [index, [, answer]] of DACORUM_ANSWERS.entries()) await say(ROBIN, answer, DACORUM_ANSWERS[index + 1]?.[0] ?? 'Check your business case');
    await press(ROBIN, 'Submit', `Submitted Instagram for Countryside (${CASE})`);
    await slack.api.waitFor(() => shownTo(ROBIN, 0).includes('Helen Carter has not received'));
    expect(shownTo(ROBIN, 0)).toContain(`“Business case for approval: Instagram for Countryside (${CASE})”`);
    await slack.api.waitFor(() => callsToChannels().some((call) => textOf(call).includes('Policy Desk cannot reach Helen Carter')));
    expect(callsToChannels().map(textOf).join('\n')).toContain('Slack does not know their id');

    slack.api.acceptChannel(HELEN);
    await slack.app.deliverNow(); // not yet due: the retry waits out its backoff
    expect(slack.messagesTo(HELEN)).toEqual([]);
    slack.desk.database.prepare('UPDATE outbox SET deliver_after = ? WHERE sent_at IS NULL').run(new Date(0).toISOString());
    await slack.app.deliverNow();
    await slack.api.waitFor(() => slack.buttonsShownTo(HELEN).some((button) => button.label === 'Approve'));
    expect(callsToChannels().filter((call) => textOf(call).includes('cannot reach'))).toHaveLength(1);
  });

  it('updates the card Helen pressed once, in place, without Approve; a second press of the stale button changes nothing', async () => {
    slack = await new SlackHarness('dacorum').start();
    await submitDacorumCase();
    const card = cardPostedTo(HELEN, 'Business case for approval');

    await press(HELEN, 'Approve', 'Recorded: you approved');
    await slack.api.waitFor(() => slack.api.callsTo('chat.update').length > 0);
    await settle();
    const updates = slack.api.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect({ channel: updates[0]!.args.channel, ts: updates[0]!.args.ts }).toEqual(postedAt(card));
    expect(textOf(updates[0]!)).toContain('Helen Carter (Group Manager for the service) approved it');
    expect(buttonsIn(updates[0]!.args.blocks).map((button) => button.label)).not.toContain('Approve');

    // slack.press finds the newest Approve shown to Helen: the original card's, now stale.
    const again = await press(HELEN, 'Approve', 'out of date');
    expect(again).toContain('Helen Carter (Group Manager for the service) approved it');
    await settle();
    expect(slack.api.callsTo('chat.update')).toHaveLength(1);
    expect(decisionCount()).toBe(1);
  });

  it('refuses Helen’s Approve pressed by someone without the stage role, or unknown to the directory, and records only the refusal', async () => {
    slack = await new SlackHarness('dacorum').start();
    await submitDacorumCase();
    const approve = slack.buttonsShownTo(HELEN).find((button) => button.label === 'Approve')!;

    for (const outsider of [KWAME, STRANGER]) {
      const reply = await pressAs(outsider, approve);
      expect(reply).toContain('Only Group Manager for the service can decide this stage. Nothing has changed.');
    }
    await settle();
    expect(slack.api.callsTo('chat.update')).toEqual([]);
    expect(decisionCount()).toBe(0);
    expect(findAccountRequest(slack.desk.database, CASE)).toMatchObject({ status: 'in-review', stageIndex: 0 });
    expect(slack.messagesTo(PRIYA)).toEqual([]);
    const refusals = listAudit(slack.desk.database, CASE).filter((entry) => entry.action === 'decision-refused');
    expect(refusals.map((entry) => [entry.actorKey, entry.channel, entry.detail?.reason])).toEqual([
      [`slack:${KWAME}`, 'slack', 'not-approver'],
      [`slack:${STRANGER}`, 'slack', 'not-approver'],
    ]);

    // The token still works for Helen herself.
    await press(HELEN, 'Approve', 'Recorded: you approved');
    expect(decisionCount()).toBe(1);
  });
});

/** Tariq reports threats by DM up to the evidence question; `evidence` answers it; then he sends the report. */
async function reportThreats(evidence: () => Promise<unknown>): Promise<void> {
  await say(TARIQ, 'someone on twitter is threatening me, I want to report it', 'What would you like to report?');
  await press(TARIQ, 'Threats, abuse or harassment I received', 'How urgent is it?');
  await press(TARIQ, 'Urgent, it needs action today', 'Where did it happen?');
  await say(TARIQ, 'X (Twitter)', 'Is there a link');
  await say(TARIQ, 'https://x.com/example/status/1234', 'When did it happen?');
  await say(TARIQ, 'last night about 10.40pm', 'What happened?');
  await say(TARIQ, `A man replied to my by-election post saying he knows where I live, the ${MARKER}, and I should watch myself.`, 'Any evidence?');
  await evidence();
  await say(TARIQ, '@example_handle', 'Do you want to report anonymously?');
  await say(TARIQ, 'no', 'Check your report');
  await press(TARIQ, 'Send report', 'Report sent: your reference is R-2026-0001');
  await slack.api.waitFor(() => slack.buttonsShownTo(PAUL).some((button) => button.label === 'Open case'));
}

describe('the Cannock report in Slack, over HTTP', () => {
  it('runs from Tariq’s DM to the Monitoring Officer’s close, and the details never reach a channel or a log', async () => {
    slack = await new SlackHarness('cannock').start();
    await reportThreats(() => say(TARIQ, 'skip', 'Who is it about'));

    const paulCard = cardPostedTo(PAUL, 'Confidential report R-2026-0001');
    const juneCard = cardPostedTo(JUNE, 'Confidential report R-2026-0001');
    for (const card of [paulCard, juneCard]) {
      expect(textOf(card)).toContain('Cllr Tariq Hussain');
      expect(textOf(card)).not.toContain(MARKER);
    }

    const opened = await press(PAUL, 'Open case', 'What happened');
    expect(opened).toContain(MARKER);

    const updatesBefore = slack.api.callsTo('chat.update').length;
    await press(PAUL, 'Acknowledge', 'Acknowledged. The reporter has been told.');
    await slack.api.waitFor(() => shownTo(TARIQ, 0).includes('Paul Brennan (Monitoring Officer) has acknowledged your report R-2026-0001'));
    await settle();
    // Every copy of the case card is updated once, in place: June's, and the one Paul pressed.
    const cardUpdates = slack.api.callsTo('chat.update').slice(updatesBefore);
    expect(cardUpdates.map((update) => ({ channel: update.args.channel, ts: update.args.ts })).sort((a, b) => String(a.channel).localeCompare(String(b.channel)))).toEqual(
      [postedAt(juneCard), postedAt(paulCard)].sort((a, b) => String(a.channel).localeCompare(String(b.channel))),
    );
    for (const update of cardUpdates) {
      expect(textOf(update)).toContain('Acknowledged by Paul Brennan');
      expect(textOf(update)).not.toContain('"Acknowledge"');
    }

    await press(PAUL, 'Ask the reporter', 'Type your question for the reporter');
    await say(PAUL, 'Have you reported this to the police yet?', 'Sent to the reporter');
    await slack.api.waitFor(() => shownTo(TARIQ, 0).includes('A question about your report R-2026-0001'));
    expect(shownTo(TARIQ, 0)).toContain('Have you reported this to the police yet?');

    await press(TARIQ, 'Reply', 'Type your answer');
    await say(TARIQ, 'Not yet. He has also sent me two direct messages on Facebook.', 'Sent to the officers handling R-2026-0001');
    await slack.api.waitFor(() => shownTo(PAUL, 0).includes('The reporter replied on R-2026-0001'));
    expect(shownTo(PAUL, 0)).toContain('two direct messages on Facebook');

    await press(PAUL, 'Close with outcome', 'How was R-2026-0001 resolved?');
    await press(PAUL, 'Referred to the police', 'what was done?');
    await say(PAUL, 'Advised Cllr Hussain to call 101; account reported to X.', 'Closed R-2026-0001: Referred to the police');
    await slack.api.waitFor(() => shownTo(TARIQ, 0).includes('Your report R-2026-0001 is closed'));
    expect(shownTo(TARIQ, 0)).toContain('Outcome: Referred to the police');
    expect(shownTo(TARIQ, 0)).not.toContain('account reported to X'); // the reporter gets the outcome, not the notes

    for (const call of callsToChannels()) expect(textOf(call)).not.toContain(MARKER);
    for (const response of slack.api.responses) expect(JSON.stringify(response.body)).not.toContain(MARKER);
    expect(slack.errors.map((error) => (error instanceof Error ? `${error.message} ${error.stack}` : JSON.stringify(error))).join('\n')).not.toContain(MARKER);
  });

  it('records a file shared in the DM at the evidence question by name and reference, for the officer', async () => {
    slack = await new SlackHarness('cannock').start();
    await reportThreats(async () => {
      const before = slack.messagesTo(TARIQ).length;
      const files = { subtype: 'file_share', files: [{ id: 'F0123', name: 'screenshot.png' }] };
      expect((await slack.send(directMessage(TARIQ, 'screenshot attached', 'EvFileShare1', files))).status).toBe(200);
      await slack.api.waitFor(() => shownTo(TARIQ, before).includes('Who is it about'));
      expect(shownTo(TARIQ, before)).toContain('Kept a reference to 1 file(s)');
    });
    expect(await press(PAUL, 'Open case', 'What happened')).toContain('screenshot.png (F0123)');
  });
});

describe('/policy and App Home', () => {
  it('moves a report started with /policy report in a channel to a DM, answering in the channel only ephemerally', async () => {
    slack = await new SlackHarness('cannock').start();
    const response = await slack.send(slashCommand(TARIQ, 'report', 'C0GENERAL1', slack.api.responseUrl('report')));
    expect(response.status).toBe(200);
    await slack.api.waitFor(() => slack.api.responses.length > 0 && shownTo(TARIQ, 0).includes('What would you like to report?'));
    await settle();

    expect(slack.api.responses.map((posted) => [posted.path, posted.body.response_type])).toEqual([['/respond/report', 'ephemeral']]);
    expect(JSON.stringify(slack.api.responses[0]!.body)).toContain('I have sent you a direct message');
    const question = slack.messagesTo(TARIQ).find((call) => textOf(call).includes('What would you like to report?'))!;
    expect(question.method).toBe('chat.postMessage');
    expect(callsToChannels()).toEqual([]);
  });

  it('answers /policy status and /policy help ephemerally', async () => {
    slack = await new SlackHarness('dacorum').start();
    await slack.send(slashCommand(ROBIN, 'status', 'C0GENERAL1', slack.api.responseUrl('status')));
    await slack.send(slashCommand(ROBIN, 'help', 'C0GENERAL1', slack.api.responseUrl('help')));
    await slack.api.waitFor(() => slack.api.responses.length === 2);
    const byPath = new Map(slack.api.responses.map((posted) => [posted.path, posted.body]));
    expect(byPath.get('/respond/status')).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(byPath.get('/respond/status'))).toContain('You have no requests');
    expect(byPath.get('/respond/help')).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(byPath.get('/respond/help'))).toContain('Ask me about social media in your own words');
    await settle();
    expect(slack.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('publishes the Home tab once when it is opened, with the help text and a start button', async () => {
    slack = await new SlackHarness('dacorum').start();
    const opened = eventCallback({ type: 'app_home_opened', user: ROBIN, channel: dmChannel(ROBIN), tab: 'home', event_ts: '1700000000.000300' }, 'EvHome1');
    expect((await slack.send(opened)).status).toBe(200);
    await slack.api.waitFor(() => slack.api.callsTo('views.publish').length > 0);
    await settle();
    const published = slack.api.callsTo('views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.args.user_id).toBe(ROBIN);
    const view = published[0]!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(JSON.stringify(view.blocks)).toContain('Ask me about social media in your own words');
    expect(buttonsIn(view.blocks).map((button) => button.action_id)).toEqual(expect.arrayContaining(['policy_desk.start_request', 'policy_desk.start_report']));
  });
});
