import type { TextSealer } from '../crypto/text-sealer.js';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Participant } from '../approvals/account-request.js';
import type { AskerRole } from '../answers/match-clauses.js';
import type { ConversationCore } from '../conversations/create-conversation-core.js';
import type { Button, Message } from '../conversations/message.js';
import { deliverOutbox, type Deliverer } from '../delivery/deliver-outbox.js';
import { emptyRoleDirectory, type Person, type RoleDirectory } from '../directory/role-directory.js';
import type { PolicyPack } from '../policies/policy-pack.js';
import type { PolicyDeskDatabase } from '../storage/open-database.js';
import type { OutboxItem } from '../storage/outbox.js';
import { renderConsoleMessage } from './render-console-message.js';

export interface ConsoleChatOptions {
  core: ConversationCore;
  database: PolicyDeskDatabase;
  sealer: TextSealer;
  packs: ReadonlyMap<string, PolicyPack>;
  directories: ReadonlyMap<string, RoleDirectory>;
  /** The council to serve; asked for at the start when absent. */
  councilId?: string | undefined;
  input: Readable;
  output: Writable;
  clock: () => Date;
  /** A terminal shows a prompt; piped input is echoed instead, so the output reads as a transcript. */
  interactive: boolean;
  logError?: ((error: unknown) => void) | undefined;
}

const GUEST: Person = { id: 'you', name: 'You', isCouncillor: false };

const COMMANDS = [
  '/who                 the people in the role directory and their roles',
  '/as <person>         speak as someone else (their id or first name)',
  '/press <n>           press button [n] from the latest message to you',
  '/role employee|councillor   who you ask policy questions as',
  '/help                this list',
  '/quit                leave (or end of input)',
  '# ...                a comment, ignored (for scripted conversations)',
  'Anything else is said to Policy Desk: a policy question, “new account”, “my requests”, “help”.',
];

/**
 * The terminal chat: one person plays the requester and every approver. Messages for people other than
 * the one speaking are delivered from the outbox and printed with who they are for.
 */
export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { core, output } = options;
  const say = (text = '') => output.write(`${text}\n`);
  const lines = createInterface({ input: options.input, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  const pack = options.councilId === undefined ? await chooseCouncil(options.packs, iterator, output, options.interactive) : options.packs.get(options.councilId);
  if (!pack) {
    lines.close();
    return;
  }
  const directory = options.directories.get(pack.councilId) ?? emptyRoleDirectory(pack.councilId);
  const people = [...directory.people.values()];
  let persona = people.find((person) => directory.rolesOf(person.id).length === 0) ?? people[0] ?? GUEST;
  let askerRole: AskerRole | undefined;
  const boards = new Map<string, Button[]>();
  const participantOf = (person: Person): Participant => ({ key: `console:${person.id}`, name: person.name, personId: person === GUEST ? undefined : person.id, channel: 'console' });

  // A reply replaces the speaker's buttons; a delivered card replaces the recipient's only if it has some.
  const show = (heading: string, messages: Message[], boardKey: string, replacesBoard: boolean) => {
    const buttons: Button[] = [];
    say(heading);
    for (const message of messages) {
      const rendered = renderConsoleMessage(message, buttons.length + 1);
      rendered.lines.forEach((line) => say(line));
      buttons.push(...rendered.buttons);
    }
    if (buttons.length > 0 || replacesBoard) boards.set(boardKey, buttons);
    say();
  };

  const deliverer: Deliverer = {
    channel: 'console',
    deliver: async (item: OutboxItem) => {
      const { recipient } = item;
      const who = recipient.kind === 'person' ? recipient.name : recipient.kind === 'comms-channel' ? recipient.name : recipient.participant.name;
      const boardKey = recipient.kind === 'person' ? `console:${recipient.personId}` : recipient.kind === 'participant' ? recipient.participant.key : 'comms';
      show(`${item.operation === 'update' ? '~ card updated for' : '> to'} ${who}:`, [item.message], boardKey, false);
      return { ref: { cardKey: item.cardKey } };
    },
  };
  const deliver = async () => {
    core.runScheduledWork();
    await deliverOutbox(options.database, options.sealer, deliverer, options.clock, options.logError);
  };

  const speak = async (input: Parameters<ConversationCore['handleTurn']>[0]['input']) => {
    const participant = participantOf(persona);
    const { replies } = core.handleTurn({ participant, councilId: pack.councilId, input, askerRole });
    show(`Policy Desk to ${persona.name}:`, replies, participant.key, true);
    await deliver();
  };

  const runCommand = async (line: string): Promise<boolean> => {
    const [command = '', ...rest] = line.split(/\s+/);
    const argument = rest.join(' ').trim();
    switch (command.toLowerCase()) {
      case '/quit':
      case '/exit':
        return false;
      case '/help':
        COMMANDS.forEach((text) => say(`  ${text}`));
        break;
      case '/who':
        for (const person of people) {
          const roles = directory.rolesOf(person.id).map((role) => `${pack.roles.get(role.roleId)?.title ?? role.roleId}${role.serviceName ? ` (${role.serviceName})` : ''}${role.asAlternate ? ' [alternate]' : ''}`);
          say(`  ${person.id.padEnd(10)} ${person.name}${roles.length > 0 ? `: ${roles.join('; ')}` : ''}${person === persona ? '  <- you' : ''}`);
        }
        break;
      case '/as': {
        const wanted = argument.toLowerCase();
        const found = people.find((person) => person.id === wanted || person.name.toLowerCase().split(' ')[0] === wanted || person.name.toLowerCase() === wanted);
        if (!found) say(`  No one called "${argument}". /who lists the people.`);
        else {
          persona = found;
          say(`  You are now ${persona.name}.`);
        }
        break;
      }
      case '/role':
        if (/^(e|employee|staff|officer)$/i.test(argument)) askerRole = 'employee';
        else if (/^(c|councillor|cllr|member)$/i.test(argument)) askerRole = 'member';
        else askerRole = undefined;
        say(`  Asking as ${askerRole === 'member' ? 'a councillor' : askerRole === 'employee' ? 'an employee' : 'whoever the question suggests'}.`);
        break;
      case '/press': {
        const board = boards.get(participantOf(persona).key) ?? [];
        const button = /^\d+$/.test(argument) ? board[Number(argument) - 1] : undefined;
        if (!button) say(board.length > 0 ? `  Press a number from 1 to ${board.length}.` : `  ${persona.name} has no buttons to press.`);
        else await speak({ kind: 'button', actionId: button.actionId, value: button.value });
        break;
      }
      default:
        say(`  Unknown command ${command}. /help lists the commands.`);
    }
    return true;
  };

  say(`Policy Desk: ${pack.councilName}, ${pack.policyTitle}. Console chat; /help for commands.`);
  say(`You are ${persona.name}.`);
  say();
  await deliver();
  const prompt = () => `${persona.id}> `;
  if (options.interactive) output.write(prompt());
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const line = next.value.trim();
    if (!options.interactive && line !== '') say(`${prompt()}${line}`);
    if (line.startsWith('#')) {
      // A comment in a scripted conversation: shown in the transcript, never said to Policy Desk.
    } else if (line.startsWith('/')) {
      if (!(await runCommand(line))) break;
    } else if (line !== '') {
      await speak({ kind: 'text', text: line });
    }
    if (options.interactive) output.write(prompt());
  }
  lines.close();
}

async function chooseCouncil(
  packs: ReadonlyMap<string, PolicyPack>,
  lines: AsyncIterator<string>,
  output: Writable,
  interactive: boolean,
): Promise<PolicyPack | undefined> {
  const say = (text: string) => output.write(`${text}\n`);
  const choices = [...packs.values()];
  say('Which council?');
  choices.forEach((pack, position) => say(`  ${position + 1}) ${pack.councilName} [${pack.councilId}]`));
  for (;;) {
    if (interactive) output.write('council> ');
    const next = await lines.next();
    if (next.done) return undefined;
    const reply = next.value.trim().toLowerCase();
    if (reply === '/quit' || reply === 'quit') return undefined;
    const chosen = /^\d+$/.test(reply) ? choices[Number(reply) - 1] : packs.get(reply);
    if (chosen) return chosen;
    say(`Please type a number from 1 to ${choices.length}, or a council id.`);
  }
}
