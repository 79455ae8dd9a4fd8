import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/delivery/deliver-outbox.js';
import { findAccountRequest } from '../../src/storage/account-requests.js';
import { countPendingOutbox } from '../../src/storage/outbox.js';
import { ConversationHarness } from '../support/conversation-harness.js';
import { cliPath } from '../support/run-cli.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';

/** The console chat as a real child process, fed one line at a time; `waitFor` resolves when the transcript shows the text. */
class ChatProcess {
  private transcript = '';
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(databasePath: string) {
    this.child = spawn(process.execPath, [cliPath, 'chat', '--council', 'dacorum', '--db', databasePath], { env: { ...process.env } });
    this.child.stdout.on('data', (chunk: Buffer) => (this.transcript += chunk.toString()));
    this.child.stderr.on('data', () => {});
  }

  get output(): string {
    return this.transcript;
  }

  async send(line: string, expected: string): Promise<void> {
    const before = this.transcript.length;
    this.child.stdin.write(`${line}\n`);
    await this.waitFor(expected, before);
  }

  async waitFor(expected: string, from = 0): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!this.transcript.slice(from).replace(/\s+/g, ' ').includes(expected)) {
      if (Date.now() > deadline) throw new Error(`no "${expected}" in:\n${this.transcript.slice(from)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  kill(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

const temporaryDatabase = () => join(mkdtempSync(join(tmpdir(), 'policy-desk-durable-')), 'chat.sqlite');

describe('durability across crashes and restarts', () => {
  const open: ChatProcess[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((chat) => chat.kill()));
  });

  it('picks up a half-filled form where it was after the process is killed with SIGKILL', async () => {
    const databasePath = temporaryDatabase();
    const first = new ChatProcess(databasePath);
    open.push(first);
    await first.waitFor('You are Robin Ashdown.');
    await first.send('we want an instagram account for the countryside service', '1 of 17: Service');
    await first.send('countryside', '2 of 17: Platform');
    await first.send('instagram', '3 of 17: Account name');
    await first.send('Dacorum Countryside', '4 of 17');
    await first.kill();
    open.pop();

    const second = new ChatProcess(databasePath);
    open.push(second);
    await second.waitFor('You are Robin Ashdown.');
    await second.send('People keep asking about walks and path closures.', '5 of 17');
    await second.send('back', '4 of 17');
    const request = (await import('../../src/storage/open-database.js')).openDatabase(databasePath);
    try {
      const saved = findAccountRequest(request, 'BC-2026-0001');
      expect(saved?.status).toBe('draft');
      expect(saved?.progress.answers['account-name']?.display).toBe('Dacorum Countryside');
      expect(saved?.progress.answers['why-and-benefits']?.display).toBe('People keep asking about walks and path closures.');
    } finally {
      request.close();
    }
  }, 60_000);

  it('sends notifications committed before a crash once the process starts again, and never twice', async () => {
    const databasePath = temporaryDatabase();
    const before = new ConversationHarness('dacorum', { databasePath });
    await before.say('robin', 'we want an instagram account for the countryside service');
    for (const [, answer] of DACORUM_ANSWERS) {
      before.desk.core.handleTurn({ participant: { key: 'console:robin', name: 'Robin Ashdown', personId: 'robin', channel: 'console' }, councilId: 'dacorum', input: { kind: 'text', text: answer } });
    }
    // Submitted and committed, but the process "dies" before its outbox is delivered.
    before.desk.core.handleTurn({ participant: { key: 'console:robin', name: 'Robin Ashdown', personId: 'robin', channel: 'console' }, councilId: 'dacorum', input: { kind: 'text', text: 'submit' } });
    expect(findAccountRequest(before.desk.database, 'BC-2026-0001')?.status).toBe('in-review');
    const pending = countPendingOutbox(before.desk.database);
    expect(pending).toBe(2); // Helen's sponsor card and the comms notification
    before.close();

    const after = new ConversationHarness('dacorum', { databasePath });
    expect(await after.deliver()).toBe(2);
    expect(after.inbox('helen')).toHaveLength(1);
    expect(after.inbox('comms')[0]).toContain('New business case');
    expect(await after.deliver()).toBe(0);
    after.close();
    const third = new ConversationHarness('dacorum', { databasePath });
    expect(await third.deliver()).toBe(0);
    third.close();
  });

  it('keeps a message whose send failed, and sends it on a later attempt', async () => {
    const chat = new ConversationHarness('dacorum');
    await chat.say('robin', 'we want an instagram account for the countryside service');
    for (const [, answer] of DACORUM_ANSWERS) await chat.say('robin', answer);
    chat.desk.core.handleTurn({ participant: { key: 'console:robin', name: 'Robin Ashdown', personId: 'robin', channel: 'console' }, councilId: 'dacorum', input: { kind: 'text', text: 'submit' } });
    const failing = { channel: 'console', deliver: async () => Promise.reject(new Error('connector 503')) };
    expect(await deliverOutbox(chat.desk.database, chat.desk.sealer, failing, chat.clock.now)).toBe(0);
    expect(countPendingOutbox(chat.desk.database)).toBe(2);
    expect(await chat.deliver()).toBe(0); // backing off: not yet due again
    chat.clock.advanceHours(1);
    expect(await chat.deliver()).toBe(2);
    expect(chat.inbox('helen')).toHaveLength(1);
    chat.close();
  });
});
