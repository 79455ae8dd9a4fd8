import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPolicyDesk, type PolicyDesk } from '../../src/app/open-policy-desk.js';
import { startTurnWorker } from '../../src/app/start-turn-worker.js';
import type { TurnRunner } from '../../src/app/turn-runner.js';
import { readConfig } from '../../src/config/read-config.js';
import { createCourier, type Courier } from '../../src/delivery/create-courier.js';
import { createTeamsApp, type TeamsApp } from '../../src/teams/create-teams-app.js';
import { DACORUM_ANSWERS } from './dacorum-answers.js';
import { FakeBotConnector, type PostedMessage } from './fake-bot-connector.js';
import { actionExecute, channelMention, installationUpdate, personalConversationIdFor, personalMessage, teamsParties, DEMO_TENANT_ID, type TeamsActivity, type TeamsParties, type TeamsUser } from './teams-activities.js';

export interface CardButton {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  /** The message holding the card, which Teams names as the invoke's replyToId. */
  messageId: string;
}

export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: unknown } | undefined;
}

/**
 * The real CloudAdapter over real HTTP on an ephemeral port in local test mode, the real core in a worker thread
 * on a real SQLite file, and the one outbox courier of the process; a local stand-in plays the Bot Connector.
 * People are the demo directory's, talking from their Teams ids ("29:demo-robin"); the demo tenant is linked
 * to the council, so the bot can open chats with approvers and officers who have never written to it.
 */
export class TeamsHarness {
  readonly connector = new FakeBotConnector();
  desk!: PolicyDesk;
  teams!: TeamsApp;
  turns!: TurnRunner;
  courier!: Courier;
  errors: unknown[] = [];
  /** Added to the courier's clock, to make an outbox retry due without waiting for it. */
  courierClockSkewMs = 0;
  private server: Server | undefined;
  private activityNumber = 1_741_083_400_000;

  constructor(readonly councilId: string, readonly databasePath = join(mkdtempSync(join(tmpdir(), 'policy-desk-teams-')), 'teams.sqlite')) {}

  /** `connectorPort` reuses a stopped harness's port, so the references its bot stored still lead to the stand-in. */
  async start(options: { startCourier?: boolean; connectorPort?: number } = {}): Promise<this> {
    await this.connector.start(options.connectorPort);
    const config = { ...readConfig({}), databasePath: this.databasePath };
    const logError = (error: unknown) => this.errors.push(error);
    this.desk = openPolicyDesk(config, { allowLocalKeyFile: true });
    this.turns = await startTurnWorker(config, { logError, allowLocalKeyFile: true });
    const deliverers: TeamsApp['deliverer'][] = [];
    this.courier = createCourier(this.desk, deliverers, this.turns, { logError, clock: () => new Date(Date.now() + this.courierClockSkewMs), everyMs: 60 * 60_000 });
    this.teams = createTeamsApp(
      this.desk,
      { auth: 'none', port: 0, tenants: new Map([[DEMO_TENANT_ID, this.councilId]]) },
      { logError, turns: this.turns, onNotified: () => void this.courier.deliverNow() },
    );
    deliverers.push(this.teams.deliverer);
    this.server = createServer((request, response) => this.teams.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    if (options.startCourier) this.courier.start();
    return this;
  }

  /** A directory person as Teams presents them to the bot. */
  user(personId: string): TeamsUser {
    const person = this.desk.directories.get(this.councilId)?.people.get(personId);
    if (!person?.teams) throw new Error(`${personId} has no teams id in the ${this.councilId} demo directory`);
    return { id: person.teams, aadObjectId: `00000000-0000-4000-8000-${Buffer.from(personId).toString('hex').padEnd(12, '0').slice(0, 12)}`, name: person.name };
  }

  parties(personId: string): TeamsParties {
    return teamsParties(this.connector.serviceUrl, { user: this.user(personId) });
  }

  /** The personal chat between the bot and a person: the same id whether they or the bot opened it. */
  chatWith(personId: string): string {
    return personalConversationIdFor(this.user(personId).id);
  }

  nextActivityId(): string {
    this.activityNumber += 1;
    return String(this.activityNumber);
  }

  async post(activity: unknown): Promise<InvokeAnswer> {
    const response = await fetch(`http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as InvokeAnswer['body']) };
  }

  /** A message typed in the person's chat with the bot. */
  async message(personId: string, text: string): Promise<void> {
    const { status } = await this.post(personalMessage(this.parties(personId), { id: this.nextActivityId(), text }));
    if (status !== 200) throw new Error(`the bot answered ${status}`);
  }

  /** An @mention of the bot in a channel, as a new post; returns the thread's conversation id. */
  async mention(personId: string, channelId: string, text: string): Promise<string> {
    const activity = channelMention(this.parties(personId), { id: this.nextActivityId(), text, teamId: '19:demo-team@thread.tacv2', channelId });
    await this.post(activity);
    return (activity.conversation as { id: string }).id;
  }

  /** The app added to a team: Teams sends installationUpdate in the team's channel, which is how the bot learns the channel. */
  async installInChannel(personId: string, channelId: string): Promise<void> {
    const activity: TeamsActivity = installationUpdate(this.parties(personId), { id: this.nextActivityId(), action: 'add', conversationId: channelId });
    activity.conversation = { isGroup: true, conversationType: 'channel', tenantId: DEMO_TENANT_ID, id: channelId };
    activity.channelData = { tenant: { id: DEMO_TENANT_ID }, team: { id: '19:demo-team@thread.tacv2' }, channel: { id: channelId } };
    await this.post(activity);
  }

  /** Presses the newest button with this title on any card in the person's chat, as Teams does with Action.Execute. */
  async press(personId: string, title: string): Promise<InvokeAnswer> {
    const button = this.buttonsShownTo(personId).findLast((candidate) => candidate.title === title);
    if (!button) throw new Error(`${personId} has no "${title}" button; has: ${this.buttonsShownTo(personId).map((b) => b.title).join(', ')}`);
    return this.pressAs(personId, button);
  }

  /** Someone presses a given button (perhaps from another person's card), in their own chat. */
  pressAs(personId: string, button: CardButton): Promise<InvokeAnswer> {
    return this.post(actionExecute(this.parties(personId), { id: this.nextActivityId(), verb: button.verb, data: button.data, replyToId: button.messageId }));
  }

  /** The messages in a conversation as they now stand (after updates), oldest first. */
  messagesIn(conversationId: string): PostedMessage[] {
    return this.connector.sentTo(conversationId).map((call) => this.connector.message(conversationId, call.id!)!);
  }

  /** Everything shown in the person's chat from the `since`-th message on, as readable text. */
  shownTo(personId: string, since = 0): string {
    return this.messagesIn(this.chatWith(personId)).slice(since).map((message) => cardText(this.connector.cardsIn(message.activity))).join('\n');
  }

  countShownTo(personId: string): number {
    return this.connector.sentTo(this.chatWith(personId)).length;
  }

  buttonsShownTo(personId: string): CardButton[] {
    return this.messagesIn(this.chatWith(personId)).flatMap((message) => executeActions(this.connector.cardsIn(message.activity)).map((action) => ({ ...action, messageId: message.id })));
  }

  async waitUntilShown(personId: string, expected: string, since = 0): Promise<string> {
    await this.connector.waitFor(() => this.shownTo(personId, since).includes(expected), 8000);
    return this.shownTo(personId, since);
  }

  /** Says something in the person's chat, then waits until what the bot shows them next includes `expected`. */
  async say(personId: string, text: string, expected: string): Promise<string> {
    const before = this.countShownTo(personId);
    await this.message(personId, text);
    return this.waitUntilShown(personId, expected, before);
  }

  /** Presses a button; the invoke must be answered at once, and what follows in the chat must include `expected`. */
  async pressAndWait(personId: string, title: string, expected: string): Promise<string> {
    const before = this.countShownTo(personId);
    const answered = await this.press(personId, title);
    if (answered.status !== 200 || answered.body?.statusCode !== 200) throw new Error(`the invoke was answered ${answered.status} ${JSON.stringify(answered.body)}`);
    return this.waitUntilShown(personId, expected, before);
  }

  /** Robin asks for an Instagram account for the countryside service, answers Dacorum's 17 questions and submits. */
  async submitDacorumCase(): Promise<void> {
    await this.say('robin', 'we want an instagram account for the countryside service', DACORUM_ANSWERS[0]![0]);
    for (const [index, [, answer]] of DACORUM_ANSWERS.entries()) {
      await this.say('robin', answer, DACORUM_ANSWERS[index + 1]?.[0] ?? 'Check your business case');
    }
    await this.pressAndWait('robin', 'Submit', 'Submitted Instagram for Countryside');
  }

  async stop(): Promise<void> {
    await this.teams.stop();
    await new Promise((resolve) => this.server?.close(resolve));
    await this.courier.stop();
    await this.turns.close();
    this.desk.close();
    await this.connector.stop();
  }
}

/** Every Action.Execute anywhere in a card, in order. */
export function executeActions(value: unknown): Omit<CardButton, 'messageId'>[] {
  if (Array.isArray(value)) return value.flatMap(executeActions);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  const own = object.type === 'Action.Execute' ? [{ title: String(object.title), verb: String(object.verb), data: object.data as Record<string, unknown> }] : [];
  // A card's refresh action is not a button anyone sees.
  return [...own, ...Object.entries(object).flatMap(([key, child]) => (key === 'refresh' || key === 'fallback' ? [] : executeActions(child)))];
}

/** What a person reads on cards: text blocks, facts and button titles, with Teams' markdown escapes removed. */
export function cardText(value: unknown): string {
  if (Array.isArray(value)) return value.map(cardText).filter((text) => text !== '').join('\n');
  if (typeof value !== 'object' || value === null) return '';
  const object = value as Record<string, unknown>;
  const own: string[] = [];
  if (object.type === 'TextBlock' && typeof object.text === 'string') own.push(object.text);
  if (typeof object.title === 'string' && (object.type === 'Action.Execute' || 'value' in object)) own.push(object.title);
  if (typeof object.value === 'string' && 'title' in object) own.push(object.value);
  const children = Object.entries(object).flatMap(([key, child]) => (key === 'fallback' || key === 'refresh' ? [] : [cardText(child)]));
  return [...own, ...children].filter((text) => text !== '').join('\n').replace(/\\(.)/g, '$1');
}
