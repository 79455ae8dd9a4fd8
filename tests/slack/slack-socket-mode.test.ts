import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { openPolicyDesk, type PolicyDesk } from '../../src/app/open-policy-desk.js';
import { startTurnWorker } from '../../src/app/start-turn-worker.js';
import type { TurnRunner } from '../../src/app/turn-runner.js';
import { readConfig } from '../../src/config/read-config.js';
import { createSlackApp, type SlackApp } from '../../src/slack/create-slack-app.js';
import { FakeSlackApi } from '../support/fake-slack-api.js';
import { directMessage } from '../support/signed-slack-request.js';
import { textOf } from '../support/slack-harness.js';

const ROBIN = 'U0DEMO0001'; // Dacorum demo directory

/** A local stand-in for Slack's Socket Mode server: says hello, sends envelopes, and records the acknowledgements. */
class FakeSocketModeServer {
  readonly acks: { envelope_id: string }[] = [];
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private connected: Promise<void> | undefined;

  async start(): Promise<string> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.connected = new Promise((resolve) =>
      this.server!.on('connection', (socket) => {
        this.socket = socket;
        socket.on('message', (data) => this.acks.push(JSON.parse(String(data)) as { envelope_id: string }));
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'local', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0DEMO' } }));
        resolve();
      }),
    );
    await new Promise((resolve) => this.server!.once('listening', resolve));
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async send(envelopeId: string, payload: unknown, retryAttempt = 0): Promise<void> {
    await this.connected;
    this.socket!.send(JSON.stringify({ envelope_id: envelopeId, type: 'events_api', payload, accepts_response_payload: false, retry_attempt: retryAttempt, retry_reason: retryAttempt > 0 ? 'timeout' : '' }));
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

let api: FakeSlackApi;
let socketServer: FakeSocketModeServer;
let desk: PolicyDesk;
let turns: TurnRunner;
let app: SlackApp;
afterEach(async () => {
  await app.stop();
  await turns.close();
  desk.close();
  await socketServer.stop();
  await api.stop();
});

describe('the Slack app in Socket Mode', () => {
  it('connects through SLACK_API_URL, acknowledges each envelope and answers once, even when Slack retries', async () => {
    api = new FakeSlackApi();
    await api.start();
    socketServer = new FakeSocketModeServer();
    api.socketModeUrl = await socketServer.start();
    const config = { ...readConfig({}), databasePath: join(mkdtempSync(join(tmpdir(), 'policy-desk-socket-')), 'socket.sqlite') };
    desk = openPolicyDesk(config, { allowLocalKeyFile: true });
    const errors: unknown[] = [];
    turns = await startTurnWorker(config, { logError: (error) => errors.push(error), allowLocalKeyFile: true });
    app = createSlackApp(desk, { mode: 'socket', botToken: 'xoxb-test-token', appToken: 'xapp-1-test-token', apiUrl: api.apiUrl, workspaces: new Map() }, { logError: (error) => errors.push(error), defaultCouncilId: 'dacorum', turns });
    await app.start();
    expect(api.callsTo('apps.connections.open')).toHaveLength(1);

    const event = JSON.parse(directMessage(ROBIN, 'can I post photos of residents?', 'EvSocket1').body) as unknown;
    await socketServer.send('env-1', event);
    await api.waitFor(() => api.callsTo('chat.postMessage').length === 1);
    expect(textOf(api.callsTo('chat.postMessage')[0]!)).toContain('photographs of residents');
    // Slack resends an envelope it did not hear back about; the event id keeps it to one answer.
    await socketServer.send('env-2', event, 1);
    await api.waitFor(() => socketServer.acks.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socketServer.acks.map((ack) => ack.envelope_id)).toEqual(['env-1', 'env-2']);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
