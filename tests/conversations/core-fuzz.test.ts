import { seededRandom } from '../../src/random/seeded-random.js';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSection } from '../../src/answers/describe-section.js';
import { ACTION_IDS, ALL_ACTION_IDS } from '../../src/conversations/action-ids.js';
import type { ConversationState } from '../../src/conversations/conversation-state.js';
import type { Message } from '../../src/conversations/message.js';
import type { TurnInput } from '../../src/conversations/turn.js';
import type { FormField } from '../../src/policies/business-case.js';
import { findAccountRequest } from '../../src/storage/account-requests.js';
import { listDecisions } from '../../src/storage/approval-decisions.js';
import { loadConversationState } from '../../src/storage/conversation-states.js';
import { ConversationHarness } from '../support/conversation-harness.js';

/**
 * Property tests of the conversation core, driven by a seeded generator. Every test names its seed; to
 * reproduce a failure, or to explore, run with POLICY_DESK_FUZZ_SEED set to that number.
 */
const SEED = Number(process.env.POLICY_DESK_FUZZ_SEED ?? 20261123);


class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = this.int(0, index);
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  }
}

// ---- What people type -------------------------------------------------------------------------------

const WORDS = [
  'can', 'i', 'post', 'about', 'the', 'council', 'on', 'my', 'own', 'facebook', 'page', 'twitter', 'instagram', 'account',
  'manager', 'councillor', 'election', 'photo', 'resident', 'complaint', 'like', 'share', 'retweet', 'block', 'we', 'want',
  'a', 'new', 'for', 'countryside', 'leisure', 'service', 'please', 'thanks', 'yes', 'no', 'maybe', 'tomorrow', '24', '1,500',
];
const COMMANDS = [
  'cancel', 'back', 'skip', 'submit', 'edit', 'help', 'my requests', 'status', 'yes', 'no', 'continue', 'discard', 'edit platform',
  'edit the deputy answer', 'start a business case', 'we want an instagram account for the countryside service', '?', 'done',
];
const SQLISH = [
  "'; DROP TABLE account_requests; --",
  "Robert'); DELETE FROM audit_log; --",
  '1 OR 1=1',
  '" OR ""="',
  "%' UNION SELECT token, payload FROM issued_actions --",
  'SELECT * FROM conversations WHERE 1=1;',
  "x'); UPDATE account_requests SET status='approved'; --",
  'NULL',
  '\\0 \\x00 \\u0000',
];
const MARKDOWNISH = [
  '*bold* _italic_ ~strike~ `code`',
  '```\nconsole.log("hi")\n```',
  '# Heading\n## Sub\n- one\n- two\n1. first',
  '[click here](javascript:alert(1))',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '<@U0DEMO0003> <!channel> <!here> <#C0DEMO0001|comms-team>',
  '> quoted\n>> nested quote',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '&lt;b&gt; &amp; &#x27; &quot;',
  '{{user.name}} ${1+1} %s %d %n',
  '---\n***\n___',
  '\\*not bold\\* \\\\ \\n',
];
const BLANKS = ['', ' ', '   ', '\t', '\n', '\r\n', ' \t \n ', '\u00a0', '\u2003\u2002', '\u200b', '\ufeff', '\n\n\n\n'];

/** Code point ranges: accents, Greek, Cyrillic, Hebrew, Arabic, Devanagari, CJK, Hangul, combining marks, emoji. */
const UNICODE_RANGES: [number, number][] = [
  [0x00c0, 0x00ff], [0x0370, 0x03ff], [0x0400, 0x04ff], [0x05d0, 0x05ea], [0x0600, 0x06ff], [0x0900, 0x097f],
  [0x4e00, 0x4fff], [0xac00, 0xad00], [0x0300, 0x036f], [0x1f300, 0x1f6ff], [0x1f900, 0x1faff],
];
const ODDITIES = ['👩\u200d💻', '🇬🇧', '👍🏽', '\u202eevil\u202c', '\u200d', '\ufffd', '\uffff', '\ud800', '\udfff', 'é', 'ﬁ', 'İ', 'ß', '\u2028', '\u2029'];
const CONTROL = [...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)), '\u007f', '\u0085', '\u009b'];

/** Typed text is never allowed to contain what the replies are checked for, so an echo cannot be mistaken for a leak. */
const FORBIDDEN_IN_INPUT = /error|internal|undefined|nan|object object|\bat\b/i;

const MAX_TEXT_LENGTH = 5000;

function randomText(random: Random): string {
  for (;;) {
    const text = draftText(random).slice(0, MAX_TEXT_LENGTH);
    if (!FORBIDDEN_IN_INPUT.test(text)) return text;
  }
}

function draftText(random: Random): string {
  const kind = random.int(0, 9);
  switch (kind) {
    case 0:
      return random.pick(BLANKS);
    case 1:
      return random.pick(COMMANDS);
    case 2:
      return random.pick(SQLISH);
    case 3:
      return random.pick(MARKDOWNISH);
    case 4: {
      const length = random.int(1, 60);
      return Array.from({ length }, () => {
        if (random.chance(0.15)) return random.pick(ODDITIES);
        const [low, high] = random.pick(UNICODE_RANGES);
        return String.fromCodePoint(random.int(low, high));
      }).join('');
    }
    case 5:
      return Array.from({ length: random.int(1, 30) }, () => (random.chance(0.5) ? random.pick(CONTROL) : random.pick(WORDS))).join(random.pick(['', ' ']));
    case 6: {
      // Very long: past every length limit (a question's 2,000, a long answer's 2,000, a reason's 1,000).
      const length = random.pick([999, 1000, 1001, 1003, 2000, 2001, 2100, random.int(1, MAX_TEXT_LENGTH), MAX_TEXT_LENGTH]);
      const unit = random.pick(['a', 'word ', 'é', '😀', 'can i post this? ', random.pick(WORDS) + ' ']);
      return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    }
    case 7:
      return Array.from({ length: random.int(1, 25) }, () => random.pick(WORDS)).join(' ') + random.pick(['', '?', '!', '...', ' 🙂']);
    case 8:
      return `${random.pick(BLANKS)}${random.pick([...COMMANDS, ...WORDS])}${random.pick(BLANKS)}`;
    default:
      // Two kinds glued together.
      return draftText(random) + draftText(random);
  }
}

// ---- Driving the core -------------------------------------------------------------------------------

/** One turn straight through the core, so the test sees the raw messages; the outbox is then delivered. */
async function rawTurn(chat: ConversationHarness, personId: string, input: TurnInput): Promise<Message[]> {
  const person = chat.desk.directories.get(chat.councilId)?.people.get(personId);
  const { replies } = chat.desk.core.handleTurn({
    participant: { key: `console:${personId}`, name: person?.name ?? personId, personId: person?.id, channel: 'console' },
    councilId: chat.councilId,
    input,
  });
  await chat.deliver();
  return replies;
}

function stateOf(chat: ConversationHarness, personId: string): ConversationState {
  return loadConversationState(chat.desk.database, chat.desk.sealer, `console:${personId}`);
}

/** Texts from the packs themselves: a quoted clause may rightly say "internal communication". */
function packTexts(chat: ConversationHarness): string[] {
  const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
  return [...chat.desk.library.packs.values()].flatMap((pack) =>
    pack.clauses.flatMap((clause) => {
      const text = flat(clause.text);
      return [text, `${text.slice(0, 159).trimEnd()}…`, describeSection(clause), ...clause.heading, clause.context ?? ''].filter((value) => /internal/i.test(value));
    }),
  );
}

const STACK_FRAME = /\bat (?:[\w$.<>[\]]+ )?\(?(?:file:\/\/|node:|\/|[A-Za-z]:\\)[^\s)]*:\d+(?::\d+)?\)?/;

/** Why a reply is not a well-formed, user-safe answer, or undefined if it is. */
function problemWith(replies: unknown, allowedInternal: readonly string[]): string | undefined {
  if (!Array.isArray(replies) || replies.length === 0) return 'no messages';
  for (const message of replies as Message[]) {
    if (typeof message.summary !== 'string' || message.summary.trim() === '') return `empty summary: ${JSON.stringify(message)}`;
    if (!Array.isArray(message.parts) || message.parts.length === 0) return `no parts: ${JSON.stringify(message)}`;
    for (const part of message.parts) {
      const texts =
        part.kind === 'fields'
          ? part.fields.flatMap((field) => [field.label, field.value])
          : part.kind === 'buttons'
            ? part.buttons.map((button) => button.label)
            : part.kind === 'clause'
              ? [part.heading, part.section]
              : [part.text];
      for (const text of [message.summary, ...texts]) {
        if (typeof text !== 'string') return `a ${part.kind} part with no text`;
        if (text.includes('something went wrong')) return `the core caught an exception: ${text}`;
        if (text.includes('Error:')) return `"Error:" in ${JSON.stringify(text)}`;
        if (STACK_FRAME.test(text)) return `a stack frame in ${JSON.stringify(text)}`;
        if (/undefined|\[object Object\]|\bNaN\b/.test(text)) return `an unfilled value in ${JSON.stringify(text)}`;
        let rest = text.replace(/\s+/g, ' ');
        for (const allowed of allowedInternal) rest = rest.split(allowed).join('');
        if (/internal/i.test(rest)) return `"internal" in ${JSON.stringify(text)}`;
      }
    }
  }
  return undefined;
}

/** A valid answer for a field, from its definition and the criteria on it: only for setting up states. */
function validAnswer(chat: ConversationHarness, field: FormField): string {
  const businessCase = chat.desk.library.packs.get(chat.councilId)!.businessCase!;
  const tests = businessCase.criteria.filter((criterion) => criterion.fieldId === field.id).map((criterion) => criterion.test);
  const equals = tests.find((test) => test.kind === 'equals');
  const limit = tests.find((test) => test.kind === 'at-least' || test.kind === 'at-most');
  switch (field.type) {
    case 'service':
      return chat.desk.directories.get(chat.councilId)!.services[0]?.name ?? 'the parish council';
    case 'choice':
      return equals?.expected ?? field.choices![0]!.label;
    case 'yes-no':
      return equals?.expected ?? 'yes';
    case 'number':
      return String(limit?.limit ?? field.min ?? 1);
    case 'person':
      // Names the intent model does not read as "cancel" (see the known bugs in council-business-cases.test.ts).
      return field.differsFrom ? 'Neil Burns' : 'Anita Desai';
    case 'text':
      return 'Fuzz Test Page';
    case 'long-text':
      return 'A full answer, comfortably longer than any minimum the policy asks for.';
  }
}

/** Brings a person back to idle whatever they were doing ("cancel" ends a form, a reason or a draft offer). */
async function makeIdle(chat: ConversationHarness, personId: string): Promise<void> {
  if (stateOf(chat, personId).kind !== 'idle') await chat.say(personId, 'cancel');
  expect(stateOf(chat, personId).kind).toBe('idle');
}

/** Starts a new business case and answers the first `count` questions; returns the request id. */
async function startForm(chat: ConversationHarness, personId: string, count: number): Promise<string> {
  await makeIdle(chat, personId);
  await chat.say(personId, 'start a business case');
  if (stateOf(chat, personId).kind === 'offering-draft') await chat.press(personId, 'Discard and start again');
  const state = stateOf(chat, personId);
  if (state.kind !== 'filling-form') throw new Error(`${personId} did not get a form: ${JSON.stringify(state)}`);
  const fields = chat.desk.library.packs.get(chat.councilId)!.businessCase!.fields;
  for (const field of fields.slice(0, count)) await chat.say(personId, validAnswer(chat, field));
  return state.requestId;
}

/** Who holds the first stage's roles for a case about the directory's first service. */
function stageZeroApprovers(chat: ConversationHarness): string[] {
  const directory = chat.desk.directories.get(chat.councilId)!;
  const [stage] = chat.desk.library.packs.get(chat.councilId)!.businessCase!.stages;
  return stage!.approvers.flatMap((slot) => directory.holdersOf(slot.roleId, slot.perService ? directory.services[0]?.id : undefined).people.map((person) => person.id));
}

/** Submits a whole case and has its first approver press Reject or Request changes; returns who is giving a reason. */
async function askForReason(chat: ConversationHarness, random: Random, requester: string): Promise<string> {
  const fields = chat.desk.library.packs.get(chat.councilId)!.businessCase!.fields;
  const requestId = await startForm(chat, requester, fields.length);
  await chat.press(requester, 'Submit');
  expect(findAccountRequest(chat.desk.database, requestId)?.status).toBe('in-review');
  const card = chat.delivered.find((entry) => entry.item.cardKey?.startsWith(`approval:${requestId}:r1:s0:`))!;
  const approver = card.to.slice('console:'.length);
  await chat.press(approver, random.pick(['Reject', 'Request changes']));
  expect(stateOf(chat, approver)).toMatchObject({ kind: 'giving-reason', requestId });
  return approver;
}

// ---- Snapshots --------------------------------------------------------------------------------------

function snapshotTables(chat: ConversationHarness): Record<string, unknown[]> {
  const { database } = chat.desk;
  const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, database.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all()]));
}

/** Dacorum's 17 answers, filled in by Robin; then submitted. */
const DACORUM_ANSWERS = [
  'countryside', 'insta', 'Dacorum Countryside', 'Residents ask about walks and wardens and we cannot answer quickly.',
  'Walkers and families around Tring, about 20,000 people.', 'Walk routes, volunteer days and path closures.', 'Sam Jones',
  'Alex Green', 'Sam checks it twice a day.', 'Posters at car parks and parish newsletters.', 'about 1,500 followers',
  'Two rangers who already run community groups online.', 'Noticeboards and the volunteer mailing list.', 'yes', '24',
  'We follow the moderation guidance and escalate complaints the same day.', 'yes',
];

async function submitDacorumCase(chat: ConversationHarness): Promise<void> {
  await chat.say('robin', 'we want an instagram account for the countryside service');
  for (const answer of DACORUM_ANSWERS) await chat.say('robin', answer);
  expect(await chat.press('robin', 'Submit')).toContain('Submitted Instagram for Countryside (BC-2026-0001)');
}

const NOT_RECOGNISED = 'That button has expired or is not one I sent. Say “help” to see what I can do.';

// ---- The properties ---------------------------------------------------------------------------------

describe('fuzzing the conversation core', () => {
  const open: ConversationHarness[] = [];
  const harness = (councilId: string) => {
    const chat = new ConversationHarness(councilId);
    open.push(chat);
    return chat;
  };
  afterEach(() => {
    for (const chat of open.splice(0)) chat.close();
  });

  it('checks replies with an oracle that does catch broken ones', () => {
    const text = (value: string): Message => ({ summary: value, parts: [{ kind: 'text', text: value }] });
    expect(problemWith([], [])).toBe('no messages');
    expect(problemWith([{ summary: ' ', parts: [{ kind: 'text', text: 'x' }] }], [])).toMatch(/empty summary/);
    expect(problemWith([text('Sorry, something went wrong and nothing was changed.')], [])).toMatch(/caught an exception/);
    expect(problemWith([text('TypeError: Cannot read properties of undefined')], [])).toMatch(/Error:/);
    expect(problemWith([text('failed at Object.<anonymous> (/work/main/src/conversations/turn.ts:10:5)')], [])).toMatch(/stack frame/);
    expect(problemWith([text('failed at node:internal/process/task_queues:95:5')], [])).toMatch(/stack frame/);
    expect(problemWith([text('Value: [object Object]')], [])).toMatch(/unfilled/);
    expect(problemWith([text('an internal fault')], [])).toMatch(/"internal"/);
    expect(problemWith([text('Related: staff use Yammer as one of our methods of internal communication.')], ['one of our methods of internal communication.'])).toBeUndefined();
    expect(problemWith([text('Say “my requests” at any time to see where it is.')], [])).toBeUndefined();
  });

  it(`answers any text, from anyone, idle, mid-form or giving a reason, with well-formed safe messages (seed ${SEED})`, async () => {
    const random = new Random(SEED);
    const chats = ['dacorum', 'cannock', 'chiltern', 'wouldham'].map(harness);
    const allowedInternal = packTexts(chats[0]!);
    const TURNS = 400;
    const visited: Record<ConversationState['kind'], number> = { idle: 0, 'filling-form': 0, 'giving-reason': 0, 'offering-draft': 0, reporting: 0, 'writing-on-report': 0 };
    let turns = 0;
    let episode = 0;
    while (turns < TURNS) {
      episode += 1;
      // Wouldham's short form makes a submitted case cheap, so reasons are mostly given there.
      const setting = random.pick(['idle', 'idle', 'mid-form', 'mid-form', 'reason'] as const);
      const chat = setting === 'reason' && random.chance(0.7) ? chats[3]! : random.pick(chats);
      const people = [...chat.desk.directories.get(chat.councilId)!.people.keys(), 'stranger'];
      const fields = chat.desk.library.packs.get(chat.councilId)!.businessCase!.fields;
      let personId: string;
      if (setting === 'idle') {
        personId = random.pick(people);
        await makeIdle(chat, personId);
      } else if (setting === 'mid-form') {
        personId = random.pick(people);
        await startForm(chat, personId, random.int(0, fields.length - 1));
      } else {
        // Not someone who would approve their own case: nobody gets a card then (a known bug in council-business-cases.test.ts).
        const approvers = new Set(stageZeroApprovers(chat));
        const requester = random.pick(people.filter((person) => person !== 'stranger' && !approvers.has(person)));
        personId = await askForReason(chat, random, requester);
      }
      // Now and then the person comes back half a day later, when a form has gone cold.
      if (random.chance(0.1)) chat.clock.advanceHours(13);
      for (let burst = random.int(1, 6); burst > 0 && turns < TURNS; burst -= 1) {
        const state = stateOf(chat, personId).kind;
        visited[state] += 1;
        const text = randomText(random);
        const where = `seed ${SEED}, episode ${episode}, turn ${turns}: ${personId} at ${chat.councilId}, ${state}, typed ${JSON.stringify(text.slice(0, 300))}${text.length > 300 ? `… (${text.length} chars)` : ''}`;
        let replies: Message[];
        try {
          replies = await rawTurn(chat, personId, { kind: 'text', text });
        } catch (error) {
          throw new Error(`threw at ${where}: ${String(error)}`);
        }
        const problem = problemWith(replies, allowedInternal);
        if (problem) expect.fail(`${problem}\n  at ${where}`);
        turns += 1;
      }
    }
    // The generator really did reach every state it claims to test.
    expect(visited.idle).toBeGreaterThan(20);
    expect(visited['filling-form']).toBeGreaterThan(20);
    expect(visited['giving-reason']).toBeGreaterThan(10);
  });

  it(`ignores presses of tokens it never issued, or of real tokens with the wrong action, and changes nothing (seed ${SEED + 1})`, async () => {
    const random = new Random(SEED + 1);
    const chat = harness('dacorum');
    await submitDacorumCase(chat);
    await chat.say('kwame', 'start a business case');
    // Real tokens, each with the action it was issued for: pressed properly, many of these would change something.
    const issued = chat.desk.database.prepare('SELECT token, action_id AS actionId FROM issued_actions').all() as { token: string; actionId: string }[];
    expect(issued.some((action) => action.actionId === ACTION_IDS.approve)).toBe(true);
    const tokens = new Set(issued.map((action) => action.token));
    const people = [...chat.desk.directories.get('dacorum')!.people.keys(), 'stranger'];
    const strayActionIds = ['', 'approve', 'policy_desk.APPROVE', 'policy_desk.approve ', 'policy_desk.', 'slack.approve', "policy_desk.approve' OR '1'='1"];

    await chat.deliver();
    const before = snapshotTables(chat);
    expect(before.account_requests).toHaveLength(2);
    expect(before.issued_actions!.length).toBeGreaterThan(10);
    for (let press = 0; press < 150; press += 1) {
      let input: TurnInput & { kind: 'button' };
      if (random.chance(0.5)) {
        const real = random.pick(issued);
        const wrong = random.chance(0.8) ? random.pick(ALL_ACTION_IDS.filter((actionId) => actionId !== real.actionId)) : random.pick(strayActionIds);
        input = { kind: 'button', actionId: wrong, value: real.token };
      } else {
        const real = random.pick(issued);
        const value = random.pick([
          '',
          ' ',
          randomText(random),
          `${real.token} `,
          real.token.toUpperCase() === real.token ? real.token.toLowerCase() : real.token.toUpperCase(),
          real.token.slice(0, -1),
          `${real.token.slice(0, -1)}${real.token.endsWith('A') ? 'B' : 'A'}`,
          "' OR '1'='1",
          '%',
          real.token.repeat(3),
        ]);
        if (tokens.has(value)) continue;
        input = { kind: 'button', actionId: random.chance(0.9) ? random.pick(ALL_ACTION_IDS) : random.pick(strayActionIds), value };
      }
      const personId = random.pick(people);
      const where = `seed ${SEED + 1}, press ${press}: ${personId} pressed ${JSON.stringify(input.actionId)} with ${JSON.stringify(input.value.slice(0, 80))}`;
      const replies = await rawTurn(chat, personId, input);
      expect(replies.map((message) => message.summary), where).toEqual([NOT_RECOGNISED]);
      expect(snapshotTables(chat), where).toEqual(before);
    }
    // The snapshot does see a change: Helen's own Approve, pressed properly, records her decision.
    expect(await chat.press('helen', 'Approve')).toContain('Recorded: you approved');
    expect(snapshotTables(chat)).not.toEqual(before);
  });

  it(`replaying every button ever shown, in any order by anyone, after a full Dacorum approval changes no decision (seed ${SEED + 2})`, async () => {
    const random = new Random(SEED + 2);
    const chat = harness('dacorum');
    await submitDacorumCase(chat);
    // A first round sent back for changes, so old-round cards are replayed too.
    await chat.press('helen', 'Request changes');
    await chat.say('helen', 'Say who covers the account at weekends.');
    await chat.press('robin', 'Edit and resubmit');
    expect(await chat.say('robin', 'submit')).toContain('Submitted');
    await chat.press('helen', 'Approve');
    await chat.press('priya', 'Approve');
    await chat.press('fiona', 'Approve');
    const approved = findAccountRequest(chat.desk.database, 'BC-2026-0001');
    expect(approved).toMatchObject({ status: 'approved', round: 2 });
    expect(listDecisions(chat.desk.database, 'BC-2026-0001').map((decision) => `${decision.round} ${decision.decider.personId} ${decision.outcome}`)).toEqual([
      '1 helen changes-requested',
      '2 helen approved',
      '2 priya approved',
      '2 fiona approved',
    ]);

    const people = [...chat.desk.directories.get('dacorum')!.people.keys()];
    const seen = new Map(people.flatMap((person) => chat.buttonsOf(person)).map((button) => [button.value, button]));
    const buttons = [...seen.values()];
    expect(buttons.filter((button) => button.actionId === ACTION_IDS.approve).length).toBeGreaterThanOrEqual(4);
    expect(buttons.length).toBeGreaterThan(15);

    const presses = random.shuffle([...buttons, ...buttons, ...buttons]);
    for (const [index, button] of presses.entries()) {
      const personId = random.pick([...people, 'stranger']);
      const where = `seed ${SEED + 2}, replay ${index}: ${personId} pressed ${button.label} (${button.actionId})`;
      const replies = await rawTurn(chat, personId, { kind: 'button', actionId: button.actionId, value: button.value });
      expect(problemWith(replies, []), where).toBeUndefined();
      // A reason typed after a stale Reject must not record anything either.
      if (stateOf(chat, personId).kind === 'giving-reason') await rawTurn(chat, personId, { kind: 'text', text: 'Replayed reason for the fuzz test.' });
      expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')?.status, where).toBe('approved');
      expect(listDecisions(chat.desk.database, 'BC-2026-0001'), where).toHaveLength(4);
    }
    expect(findAccountRequest(chat.desk.database, 'BC-2026-0001')).toMatchObject({ status: 'approved', round: 2, stageIndex: approved!.stageIndex, closedAt: approved!.closedAt });
  });
});
