import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorFailure } from '../support/fake-bot-connector.js';
import { cardText, TeamsHarness } from '../support/teams-harness.js';

const COMMS = '19:demo-comms@thread.tacv2';
const HELEN_CARD = 'Business case for approval: Instagram for Countryside (BC-2026-0001)';

let teams: TeamsHarness;
const running: TeamsHarness[] = [];
afterEach(async () => {
  for (const harness of running.splice(0)) await harness.stop();
});

async function startDacorum(options: Parameters<TeamsHarness['start']>[0] = {}, databasePath?: string): Promise<TeamsHarness> {
  teams = await new TeamsHarness('dacorum', databasePath).start(options);
  running.push(teams);
  return teams;
}

interface OutboxRow {
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  deliver_after: string;
}

/** The outbox rows of cards for Helen: the only person-addressed rows while stage 1 waits. */
const helenRows = () => teams.desk.database.prepare("SELECT sent_at, attempts, last_error, deliver_after FROM outbox WHERE card_key LIKE '%:helen'").all() as OutboxRow[];
const helenCards = () => teams.connector.sentTo(teams.chatWith('helen')).filter((call) => cardText(teams.connector.cardsIn(call)).includes(HELEN_CARD));

/** Moves the courier's clock past every retry time and sends what is due. */
async function retryDueNow(): Promise<void> {
  teams.courierClockSkewMs += 3 * 60 * 60_000;
  await teams.courier.deliverNow();
}

describe('Teams delivery when the Bot Connector refuses', () => {
  it('retries a 429 on a reply after its Retry-After, and the answer arrives once', async () => {
    await startDacorum();
    teams.connector.failNext('sendOrReply', { status: 429, retryAfter: 1 });
    const answer = await teams.say('robin', 'can I post photos of residents?', 'photographs of residents');
    expect(answer).toContain('photographs of residents');
    const chat = teams.chatWith('robin');
    expect(teams.connector.calls.filter((call) => call.conversationId === chat && ['send', 'reply'].includes(call.kind)).map((call) => call.status)).toEqual([429, 201]);
    expect(teams.connector.sentTo(chat)).toHaveLength(1);
  });

  it.each<[string, ConnectorFailure, number]>([
    ['a 429 that persists past botbuilder’s own retries', { status: 429, retryAfter: 1 }, 4],
    ['a 412', { status: 412 }, 1],
    ['a 502 that persists', { status: 502 }, 4],
    ['a 504 that persists', { status: 504 }, 4],
  ])('keeps Helen’s approval card through %s, retries it later with backoff, and delivers it once', async (_what, failure, times) => {
    await startDacorum();
    teams.connector.failNextIn(teams.chatWith('helen'), failure, times);
    await teams.submitDacorumCase();
    await teams.connector.waitFor(() => helenRows().some((row) => row.attempts > 0), 15_000);
    await teams.courier.deliverNow();
    const [row] = helenRows();
    expect(row).toMatchObject({ sent_at: null, attempts: 1 });
    expect(helenCards()).toEqual([]);
    // Not before the outbox's first backoff of 30 s.
    expect(Date.parse(row!.deliver_after) - Date.now()).toBeGreaterThan(25_000);

    await retryDueNow();
    expect(helenCards()).toHaveLength(1);
    expect(helenRows()[0]!.sent_at).not.toBeNull();
    await retryDueNow();
    expect(helenCards()).toHaveLength(1);
  });
});

const channelText = () => teams.connector.sentTo(COMMS).map((call) => cardText(teams.connector.cardsIn(call))).join('\n');

describe('an approver Teams cannot reach', () => {
  it('tells Robin and the comms channel once, keeps the card, and sends it once Helen has the app', async () => {
    await startDacorum();
    await teams.installInChannel('priya', COMMS);
    teams.connector.notInstalledFor('29:demo-helen');
    await teams.submitDacorumCase();

    const told = await teams.waitUntilShown('robin', 'Helen Carter has not received');
    expect(told).toContain(`“${HELEN_CARD}”`);
    expect(told).toContain('The communications team has been told');
    await teams.connector.waitFor(() => channelText().includes('Policy Desk cannot reach Helen Carter'));
    expect(channelText()).toContain('they do not have the Policy Desk app in Teams');
    expect(channelText()).not.toContain(HELEN_CARD);
    expect(helenRows()).toMatchObject([{ sent_at: null, last_error: 'NoTeamsAddressError' }]);

    // Still not installed at the retry: retried, and nobody is told twice.
    const noticesSoFar = () => [teams.shownTo('robin').split('has not received').length, channelText().split('cannot reach').length];
    const before = noticesSoFar();
    await retryDueNow();
    expect(noticesSoFar()).toEqual(before);
    expect(helenCards()).toEqual([]);

    teams.connector.installedFor('29:demo-helen');
    await retryDueNow();
    expect(helenCards()).toHaveLength(1);
    expect(teams.buttonsShownTo('helen').map((button) => button.title)).toContain('Approve');
  });
});

describe('the outbox across a restart', () => {
  it('sends a card still waiting when the bot stopped as soon as it starts again, once', async () => {
    const first = await startDacorum();
    first.connector.failNextIn(first.chatWith('helen'), { status: 502 }, 4);
    await first.submitDacorumCase();
    await first.connector.waitFor(() => helenRows().some((row) => row.attempts > 0), 15_000);
    const { port } = first.connector;
    await first.stop();
    running.splice(running.indexOf(first), 1);

    // Started again on the same file, its retry time since passed; no one writes to it.
    const second = new TeamsHarness('dacorum', first.databasePath);
    second.courierClockSkewMs = 60 * 60_000;
    teams = await second.start({ startCourier: true, connectorPort: port });
    running.push(teams);
    await teams.connector.waitFor(() => helenCards().length > 0, 8000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(helenCards()).toHaveLength(1);
    expect(helenRows()[0]!.sent_at).not.toBeNull();
  });
});
