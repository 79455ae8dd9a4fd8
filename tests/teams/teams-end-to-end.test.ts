import { afterEach, describe, expect, it } from 'vitest';
import { findAccountRequest } from '../../src/storage/account-requests.js';
import { listAudit } from '../../src/storage/audit-log.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';
import { findAdaptiveCardProblems } from '../support/parse-adaptive-card.js';
import { ConversationHarness } from '../support/conversation-harness.js';
import { actionExecute, personalConversationIdFor, teamsParties } from '../support/teams-activities.js';
import { cardText, TeamsHarness } from '../support/teams-harness.js';

// The demo directories' people, by person id; each talks from their Teams id.
const COMMS = '19:demo-comms@thread.tacv2'; // the comms channel, in every demo directory
const CASE = 'BC-2026-0001';
const MARKER = 'purple lighthouse by the quarry gate';

let teams: TeamsHarness;
afterEach(async () => {
  // Every card the bot posted or updated must be one Teams can show.
  for (const call of [...teams.connector.sent(), ...teams.connector.updates()]) {
    for (const card of teams.connector.cardsIn(call)) expect(findAdaptiveCardProblems(card)).toEqual([]);
  }
  await teams.stop();
});

const say = (personId: string, text: string, expected: string) => teams.say(personId, text, expected);
const press = (personId: string, title: string, expected: string) => teams.pressAndWait(personId, title, expected);

/** Waits a moment, for the tests that show something did NOT happen. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const decisionCount = () => (teams.desk.database.prepare('SELECT COUNT(*) AS n FROM approval_decisions').get() as { n: number }).n;
const channelPosts = () => teams.connector.sent().filter((call) => call.conversationId?.startsWith('19:'));

/** Robin's business case, submitted; Helen's card arrives. */
async function submitDacorumCase(): Promise<void> {
  await teams.submitDacorumCase();
  await teams.connector.waitFor(() => teams.buttonsShownTo('helen').some((button) => button.title === 'Approve'), 8000);
}

describe('the Dacorum business case in Teams, through the CloudAdapter and the Bot Connector', () => {
  it('runs from Robin’s chat through Helen, Priya and Fiona to approval, opening chats with approvers and telling the comms channel', async () => {
    teams = await new TeamsHarness('dacorum').start();
    await teams.installInChannel('priya', COMMS);
    await submitDacorumCase();

    // Helen never wrote to the bot: it opened a 1:1 chat with her, in the demo tenant.
    expect(teams.connector.createdConversations().map((call) => (call.body?.members as { id: string }[])[0]!.id)).toContain('29:demo-helen');
    expect(teams.shownTo('helen')).toContain(`Business case for approval: Instagram for Countryside (${CASE})`);
    expect(teams.shownTo('helen')).toContain('You are asked as Group Manager for the service');
    expect(teams.buttonsShownTo('helen').map((button) => button.title)).toEqual(['Approve', 'Reject', 'Request changes']);
    expect(teams.countShownTo('priya')).toBe(0);

    await press('helen', 'Approve', 'Recorded: you approved');
    await teams.waitUntilShown('priya', 'You are asked as Communications Team Leader');
    await teams.waitUntilShown('fiona', 'You are asked as Group Manager for People');
    await teams.waitUntilShown('robin', 'Helen Carter (Group Manager for the service) approved it');

    await press('priya', 'Approve', 'Recorded: you approved');
    await press('fiona', 'Approve', 'It is now approved');
    await teams.waitUntilShown('robin', `Instagram for Countryside (${CASE}) is approved`);
    expect(findAccountRequest(teams.desk.database, CASE)?.status).toBe('approved');

    // The comms channel hears of the submission and the decision, as posts to the channel, and nothing else.
    await teams.connector.waitFor(() => channelPosts().length >= 2);
    await settle();
    const posts = channelPosts().map((call) => ({ to: call.conversationId, text: cardText(teams.connector.cardsIn(call)) }));
    expect(posts.map((post) => post.to)).toEqual([COMMS, COMMS]);
    expect(posts[0]!.text).toContain(`New business case: Instagram for Countryside (${CASE}) from Robin Ashdown`);
    expect(posts[1]!.text).toContain(`Approved: Instagram for Countryside (${CASE}), requested by Robin Ashdown`);
    const writtenAnswers = DACORUM_ANSWERS.map(([, answer]) => answer).filter((answer) => answer.length >= 9);
    for (const post of posts) for (const answer of writtenAnswers) expect(post.text).not.toContain(answer);
    expect(teams.errors).toEqual([]);
  });

  it('updates Helen’s card in place with updateActivity, without its buttons; the stale Approve then changes nothing', async () => {
    teams = await new TeamsHarness('dacorum').start();
    await submitDacorumCase();
    const chat = teams.chatWith('helen');
    const approve = teams.buttonsShownTo('helen').find((button) => button.title === 'Approve')!;

    await press('helen', 'Approve', 'Recorded: you approved');
    await teams.connector.waitFor(() => teams.connector.updates(chat).length > 0);
    await settle();
    const updates = teams.connector.updates(chat);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.activityId).toBe(approve.messageId);
    const card = teams.connector.message(chat, approve.messageId)!;
    expect(cardText(teams.connector.cardsIn(card.activity))).toContain('Helen Carter (Group Manager for the service) approved it');
    expect(JSON.stringify(card.activity)).not.toContain('"Approve"');

    // The Approve she saw before the update, pressed again (an old client, a second tab).
    const before = teams.countShownTo('helen');
    expect((await teams.pressAs('helen', approve)).status).toBe(200);
    expect(await teams.waitUntilShown('helen', 'out of date', before)).toContain('Helen Carter (Group Manager for the service) approved it');
    await settle();
    expect(teams.connector.updates(chat)).toHaveLength(1);
    expect(decisionCount()).toBe(1);
  });

  it('refuses Helen’s Approve pressed by someone without the stage role, or unknown to the directory, and records only the refusal', async () => {
    teams = await new TeamsHarness('dacorum').start();
    await submitDacorumCase();
    const approve = teams.buttonsShownTo('helen').find((button) => button.title === 'Approve')!;

    // Kwame is Robin's line manager, in the directory with no approval role; "stranger" is a Teams user it does not list.
    const kwame = await teams.pressAs('kwame', approve);
    expect(kwame.status).toBe(200);
    await teams.waitUntilShown('kwame', 'Only Group Manager for the service can decide this stage. Nothing has changed.');
    const stranger = { id: '29:not-in-directory', aadObjectId: '00000000-0000-4000-8000-00000000beef', name: 'Stranger' };
    await teams.post(actionExecute(teamsParties(teams.connector.serviceUrl, { user: stranger }), { id: teams.nextActivityId(), verb: approve.verb, data: approve.data, replyToId: approve.messageId }));
    await teams.connector.waitFor(() => teams.connector.sentTo(personalConversationIdFor(stranger.id)).length > 0);
    expect(cardText(teams.connector.cardsIn(teams.connector.sentTo(personalConversationIdFor(stranger.id))[0]!))).toContain('Nothing has changed');

    await settle();
    expect(teams.connector.updates()).toEqual([]);
    expect(decisionCount()).toBe(0);
    expect(findAccountRequest(teams.desk.database, CASE)).toMatchObject({ status: 'in-review', stageIndex: 0 });
    expect(teams.countShownTo('priya')).toBe(0);
    const refusals = listAudit(teams.desk.database, CASE).filter((entry) => entry.action === 'decision-refused');
    expect(refusals.map((entry) => [entry.actorKey, entry.channel, entry.detail?.reason])).toEqual([
      [`teams:${teams.user('kwame').aadObjectId}`, 'teams', 'not-approver'],
      [`teams:${stranger.aadObjectId}`, 'teams', 'not-approver'],
    ]);

    await press('helen', 'Approve', 'Recorded: you approved');
    expect(decisionCount()).toBe(1);
  });
});

/** The refresh a card asks for, as Teams sends it when `personId` views the card held in `messageId` of `conversationId`. */
async function refreshAs(personId: string, conversationId: string, messageId: string): Promise<{ statusCode?: number; type?: string; value?: unknown }> {
  const card = teams.connector.cardsIn(teams.connector.message(conversationId, messageId)!.activity).at(-1) as { refresh?: { action: { verb: string; data: Record<string, unknown> } } };
  expect(card.refresh).toBeDefined();
  const answered = await teams.post(actionExecute(teams.parties(personId), { id: teams.nextActivityId(), verb: card.refresh!.action.verb, data: card.refresh!.action.data, replyToId: messageId }));
  expect(answered.status).toBe(200);
  return answered.body ?? {};
}

describe('per-user views of cards, through Teams’ refresh', () => {
  it('shows Helen her approval card as it now stands, and anyone else the card without its buttons', async () => {
    teams = await new TeamsHarness('dacorum').start();
    await submitDacorumCase();
    const chat = teams.chatWith('helen');
    const { messageId } = teams.buttonsShownTo('helen').find((button) => button.title === 'Approve')!;
    const posted = teams.connector.cardsIn(teams.connector.message(chat, messageId)!.activity).at(-1) as { refresh: { userIds: string[] } };
    expect(posted.refresh.userIds).toEqual(['29:demo-helen']);

    const mine = await refreshAs('helen', chat, messageId);
    expect(mine.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(findAdaptiveCardProblems(mine.value as Record<string, unknown>)).toEqual([]);
    expect(cardText(mine.value)).toContain('Approve');

    const kwames = await refreshAs('kwame', chat, messageId);
    expect(cardText(kwames.value)).toContain(`Business case for approval: Instagram for Countryside (${CASE})`);
    expect(cardText(kwames.value)).toContain('Only Helen Carter can act on this card.');
    expect(JSON.stringify(kwames.value)).not.toContain('policy_desk.approve');

    await press('helen', 'Approve', 'Recorded: you approved');
    await teams.connector.waitFor(() => teams.connector.updates(chat).length > 0);
    const after = await refreshAs('helen', chat, messageId);
    expect(cardText(after.value)).toContain('Helen Carter (Group Manager for the service) approved it');
    expect(JSON.stringify(after.value)).not.toContain('policy_desk.approve');
  });

  it('shows nobody but the officer any of a report’s case card', async () => {
    teams = await new TeamsHarness('cannock').start();
    await reportThreats();
    const chat = teams.chatWith('paul');
    const { messageId } = teams.buttonsShownTo('paul').find((button) => button.title === 'Open case')!;
    expect(cardText((await refreshAs('paul', chat, messageId)).value)).toContain('Confidential report R-2026-0001');
    const junes = await refreshAs('june', chat, messageId);
    expect(cardText(junes.value)).toBe('This card is confidential to Paul Brennan.');
  });
});

/** Tariq reports threats in his chat up to sending; Paul's and June's case cards arrive. */
async function reportThreats(): Promise<void> {
  await say('tariq', 'someone on twitter is threatening me, I want to report it', 'What would you like to report?');
  await press('tariq', 'Threats, abuse or harassment I received', 'How urgent is it?');
  await press('tariq', 'Urgent, it needs action today', 'Where did it happen?');
  await say('tariq', 'X (Twitter)', 'Is there a link');
  await say('tariq', 'https://x.com/example/status/1234', 'When did it happen?');
  await say('tariq', 'last night about 10.40pm', 'What happened?');
  await say('tariq', `A man replied to my by-election post saying he knows where I live, the ${MARKER}, and I should watch myself.`, 'Any evidence?');
  await say('tariq', 'skip', 'Who is it about');
  await say('tariq', '@example_handle', 'Do you want to report anonymously?');
  await say('tariq', 'no', 'Check your report');
  await press('tariq', 'Send report', 'Report sent: your reference is R-2026-0001');
  await teams.connector.waitFor(() => teams.buttonsShownTo('paul').some((button) => button.title === 'Open case'), 8000);
}

describe('the Cannock report in Teams', () => {
  it('runs from Tariq’s chat to the Monitoring Officer’s close, every copy of the case card updated, and the details never reach a channel or a log', async () => {
    teams = await new TeamsHarness('cannock').start();
    await teams.installInChannel('tariq', COMMS);
    await reportThreats();
    for (const person of ['paul', 'june']) {
      expect(teams.shownTo(person)).toContain('Confidential report R-2026-0001');
      expect(teams.shownTo(person)).toContain('Cllr Tariq Hussain');
      expect(teams.shownTo(person)).not.toContain(MARKER);
    }

    expect(await press('paul', 'Open case', 'What happened')).toContain(MARKER);

    await press('paul', 'Acknowledge', 'Acknowledged. The reporter has been told.');
    await teams.waitUntilShown('tariq', 'Paul Brennan (Monitoring Officer) has acknowledged your report R-2026-0001');
    // Both copies of the case card, June's and Paul's, are updated in place.
    await teams.connector.waitFor(() => teams.connector.updates(teams.chatWith('june')).length > 0 && teams.connector.updates(teams.chatWith('paul')).length > 0);
    for (const person of ['june', 'paul']) {
      const [card] = teams.messagesIn(teams.chatWith(person)).filter((message) => cardText(teams.connector.cardsIn(message.activity)).includes('Confidential report R-2026-0001'));
      expect(cardText(teams.connector.cardsIn(card!.activity))).toContain('Acknowledged by Paul Brennan');
      expect(JSON.stringify(card!.activity)).not.toContain('"Acknowledge"');
    }

    await press('paul', 'Ask the reporter', 'Type your question for the reporter');
    await say('paul', 'Have you reported this to the police yet?', 'Sent to the reporter');
    await teams.waitUntilShown('tariq', 'Have you reported this to the police yet?');
    await press('tariq', 'Reply', 'Type your answer');
    await say('tariq', 'Not yet. He has also sent me two direct messages on Facebook.', 'Sent to the officers handling R-2026-0001');
    await teams.waitUntilShown('paul', 'two direct messages on Facebook');

    await press('paul', 'Close with outcome', 'How was R-2026-0001 resolved?');
    await press('paul', 'Referred to the police', 'what was done?');
    await say('paul', 'Advised Cllr Hussain to call 101; account reported to X.', 'Closed R-2026-0001: Referred to the police');
    const told = await teams.waitUntilShown('tariq', 'Your report R-2026-0001 is closed');
    expect(told).toContain('Outcome: Referred to the police');
    expect(told).not.toContain('account reported to X');

    for (const call of channelPosts()) expect(JSON.stringify(call.body)).not.toContain(MARKER);
    expect(teams.errors.map((error) => (error instanceof Error ? `${error.message} ${error.stack}` : JSON.stringify(error))).join('\n')).not.toContain(MARKER);
  });

  it('moves a report started with an @mention in a channel to a chat with the reporter, leaving nothing of it in the channel', async () => {
    teams = await new TeamsHarness('cannock').start();
    const thread = await teams.mention('tariq', '19:demo-general@thread.tacv2', 'report');
    await teams.waitUntilShown('tariq', 'What would you like to report?');
    await settle();
    const inThread = teams.connector.sentTo(thread).map((call) => cardText(teams.connector.cardsIn(call))).join('\n');
    expect(inThread).not.toContain('What would you like to report?');
    expect(inThread).toContain('direct message');
  });
});

describe('answers in Teams', () => {
  it.each([
    ['dacorum', 'can i put pics of residents on our fb page'],
    ['chiltern', 'can i tweet about the election'],
    ['cannock', 'can i be facebook friends with a service user'],
    ['wouldham', 'whats the parking permit fee'],
  ])('%s: "%s" gets the verdict and clauses the console gives', async (councilId, question) => {
    const console = new ConversationHarness(councilId);
    const person = [...console.desk.directories.get(councilId)!.people.values()].find((candidate) => candidate.teams !== undefined)!;
    const { replies } = console.desk.core.handleTurn({ participant: { key: `console:${person.id}`, name: person.name, personId: person.id, channel: 'console' }, councilId, input: { kind: 'text', text: question } });
    console.close();
    const [verdict] = replies.flatMap((reply) => reply.parts.flatMap((part) => (part.kind === 'heading' ? [part.text] : [])));
    const sections = replies.flatMap((reply) => reply.parts.flatMap((part) => (part.kind === 'clause' ? [part.section] : [])));

    teams = await new TeamsHarness(councilId).start();
    const answer = await say(person.id, question, verdict!);
    for (const section of sections) expect(answer).toContain(section);
  });
});
