import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openPolicyDesk, type PolicyDesk } from '../../src/app/open-policy-desk.js';
import { readConfig } from '../../src/config/read-config.js';
import { renderConsoleMessage } from '../../src/console/render-console-message.js';
import { buttonsOf, type Button, type Message } from '../../src/conversations/message.js';
import { deliverOutbox, RecipientUnreachableError } from '../../src/delivery/deliver-outbox.js';
import type { OutboxItem } from '../../src/storage/outbox.js';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private moment: Date) {}
  now = () => new Date(this.moment);
  set(iso: string) {
    this.moment = new Date(iso);
  }
  advanceHours(hours: number) {
    this.moment = new Date(this.moment.getTime() + hours * 3_600_000);
  }
}

export function flatten(messages: readonly Message[]): string {
  return messages
    .flatMap((message) => renderConsoleMessage(message).lines)
    .join(' ')
    .replace(/\s+/g, ' ');
}

export interface HarnessOptions {
  databasePath?: string;
  start?: string;
  unreachable?: string[];
}

export interface Delivered {
  to: string;
  item: OutboxItem;
  text: string;
}

/**
 * The real core on a real SQLite file, the shipped packs, the demo role directories and the real intent
 * model; people speak by their directory id, and everything the outbox sends is collected per recipient.
 */
export class ConversationHarness {
  readonly desk: PolicyDesk;
  readonly clock: TestClock;
  readonly databasePath: string;
  readonly delivered: Delivered[] = [];
  private readonly boards = new Map<string, Button[]>();

  /** Directory people whose messages fail as unreachable (no chat address, the app not installed). */
  private readonly unreachable: ReadonlySet<string>;

  constructor(readonly councilId: string, options: HarnessOptions = {}) {
    this.unreachable = new Set(options.unreachable ?? []);
    this.clock = new TestClock(new Date(options.start ?? '2026-11-23T09:00:00Z'));
    this.databasePath = options.databasePath ?? join(mkdtempSync(join(tmpdir(), 'policy-desk-chat-')), 'chat.sqlite');
    this.desk = openPolicyDesk({ ...readConfig({}), databasePath: this.databasePath }, { clock: this.clock.now, allowLocalKeyFile: true });
  }

  private participant(personId: string) {
    const person = this.desk.directories.get(this.councilId)?.people.get(personId);
    return { key: `console:${personId}`, name: person?.name ?? personId, personId: person?.id, channel: 'console' as const };
  }

  /** Says something as a person; returns the replies as text, after the outbox has been delivered. */
  async say(personId: string, text: string): Promise<string> {
    return this.turn(personId, { kind: 'text', text });
  }

  /** Presses the newest button with this label that the person has been shown. */
  async press(personId: string, label: string): Promise<string> {
    const button = this.findButton(personId, label);
    if (!button) throw new Error(`${personId} has no "${label}" button; has: ${this.buttonsOf(personId).map((b) => b.label).join(', ')}`);
    return this.turn(personId, { kind: 'button', actionId: button.actionId, value: button.value });
  }

  findButton(personId: string, label: string): Button | undefined {
    return this.buttonsOf(personId).find((button) => button.label === label);
  }

  buttonsOf(personId: string): Button[] {
    return this.boards.get(`console:${personId}`) ?? [];
  }

  async turn(personId: string, input: { kind: 'text'; text: string } | { kind: 'button'; actionId: string; value: string }): Promise<string> {
    const participant = this.participant(personId);
    const { replies } = this.desk.core.handleTurn({ participant, councilId: this.councilId, input });
    this.remember(participant.key, replies);
    await this.deliver();
    return flatten(replies);
  }

  /** Delivers the due outbox, as a channel would. */
  async deliver(): Promise<number> {
    return deliverOutbox(this.desk.database, this.desk.sealer, {
      channel: 'console',
      deliver: async (item: OutboxItem) => {
        const { recipient } = item;
        if (recipient.kind === 'person' && this.unreachable.has(recipient.personId)) throw new RecipientUnreachableError(`cannot reach ${recipient.personId}`, 'they have no chat address yet');
        const to = recipient.kind === 'person' ? `console:${recipient.personId}` : recipient.kind === 'participant' ? recipient.participant.key : 'comms';
        this.delivered.push({ to, item, text: flatten([item.message]) });
        this.remember(to, [item.message]);
        return { ref: { cardKey: item.cardKey } };
      },
    }, this.clock.now);
  }

  /** Everything delivered to a person (or "comms"), as text, oldest first. */
  inbox(personId: string): string[] {
    const key = personId === 'comms' ? 'comms' : `console:${personId}`;
    return this.delivered.filter((entry) => entry.to === key).map((entry) => entry.text);
  }

  private remember(key: string, messages: readonly Message[]) {
    const buttons = messages.flatMap(buttonsOf);
    if (buttons.length > 0) this.boards.set(key, [...buttons.reverse(), ...(this.boards.get(key) ?? [])]);
  }

  close() {
    this.desk.close();
  }
}

/** Makes harnesses for one council, each closed after the test that made it (call inside a describe). */
export function harnessesClosedAfterEach(councilId: string): (options?: HarnessOptions) => ConversationHarness {
  const open: ConversationHarness[] = [];
  afterEach(() => {
    for (const chat of open.splice(0)) if (chat.desk.database.open) chat.close();
  });
  return (options = {}) => {
    const chat = new ConversationHarness(councilId, options);
    open.push(chat);
    return chat;
  };
}
