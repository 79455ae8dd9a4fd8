import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPolicyDesk, type PolicyDesk } from '../../src/app/open-policy-desk.js';
import { startTurnWorker } from '../../src/app/start-turn-worker.js';
import type { TurnRunner } from '../../src/app/turn-runner.js';
import { readConfig } from '../../src/config/read-config.js';
import { createSlackApp, type SlackApp } from '../../src/slack/create-slack-app.js';
import { FakeSlackApi, type SlackApiCall } from './fake-slack-api.js';
import { buttonPress, directMessage, sendToSlackApp, type SlackRequest } from './signed-slack-request.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

interface BlockButton {
  action_id: string;
  value: string;
  label: string;
}

/**
 * The real Bolt app over real HTTP on an ephemeral port, with the real core on a real SQLite file; a local
 * stand-in answers its Web API calls. People are the demo directory's Slack ids.
 */
export class SlackHarness {
  readonly api = new FakeSlackApi();
  desk!: PolicyDesk;
  app!: SlackApp;
  turns!: TurnRunner;
  errors: unknown[] = [];
  private server: Server | undefined;
  private eventNumber = 0;

  constructor(readonly councilId: string) {}

  async start(): Promise<this> {
    await this.api.start();
    const databasePath = join(mkdtempSync(join(tmpdir(), 'policy-desk-slack-')), 'slack.sqlite');
    const config = { ...readConfig({}), databasePath };
    this.desk = openPolicyDesk(config, { allowLocalKeyFile: true });
    // Turns run in a worker thread with its own connection, as under npm start.
    this.turns = await startTurnWorker(config, { logError: (error) => this.errors.push(error), allowLocalKeyFile: true });
    this.app = createSlackApp(
      this.desk,
      { mode: 'http', botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, port: 0, apiUrl: this.api.apiUrl, workspaces: new Map() },
      { logError: (error) => this.errors.push(error), defaultCouncilId: this.councilId, turns: this.turns },
    );
    this.server = await this.app.start();
    return this;
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  send(request: SlackRequest, options: Parameters<typeof sendToSlackApp>[2] = { secret: SIGNING_SECRET }) {
    return sendToSlackApp(this.port, request, options);
  }

  /** A DM from a user; resolves once the app has replied and sent what the turn put in the outbox. */
  async dm(userId: string, text: string): Promise<SlackApiCall[]> {
    this.eventNumber += 1;
    return this.afterReplyTo(userId, () => this.send(directMessage(userId, text, `Ev${String(this.eventNumber).padStart(6, '0')}`)));
  }

  /** Presses the newest button with this label that the app has shown the user in their DM. */
  async press(userId: string, label: string): Promise<SlackApiCall[]> {
    const button = this.buttonsShownTo(userId).findLast((candidate) => candidate.label === label);
    if (!button) throw new Error(`${userId} has no "${label}" button; has: ${this.buttonsShownTo(userId).map((b) => b.label).join(', ')}`);
    return this.afterReplyTo(userId, () => this.send(buttonPress(userId, dmChannel(userId), button, this.api.responseUrl(`press-${userId}`))));
  }

  /** Calls that posted to, or updated messages in, a user's DM. */
  messagesTo(userId: string): SlackApiCall[] {
    return this.api.calls.filter((call) => (call.method === 'chat.postMessage' || call.method === 'chat.update') && [userId, dmChannel(userId)].includes(String(call.args.channel)));
  }

  buttonsShownTo(userId: string): BlockButton[] {
    return this.messagesTo(userId).flatMap((call) => buttonsIn(call.args.blocks));
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.turns.close();
    this.desk.close();
    await this.api.stop();
  }

  private async afterReplyTo(userId: string, act: () => Promise<{ status: number }>): Promise<SlackApiCall[]> {
    const before = this.messagesTo(userId).length;
    const response = await act();
    if (response.status !== 200) throw new Error(`the app answered ${response.status}`);
    await this.api.waitFor(() => this.messagesTo(userId).length > before);
    await this.app.deliverNow();
    return this.messagesTo(userId).slice(before);
  }
}

export function dmChannel(userId: string): string {
  return `D${userId.slice(1)}`;
}

export function buttonsIn(blocks: unknown): BlockButton[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block: { type?: string; elements?: { type?: string; action_id?: string; value?: string; text?: { text?: string } }[] }) =>
    block.type === 'actions' ? (block.elements ?? []).filter((element) => element.type === 'button').map((element) => ({ action_id: element.action_id!, value: element.value!, label: element.text?.text ?? '' })) : [],
  );
}

/** Everything a call would show a person, as one string. */
export function textOf(call: SlackApiCall): string {
  return JSON.stringify([call.args.text, call.args.blocks]);
}
