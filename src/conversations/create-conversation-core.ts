import type { Participant } from '../approvals/account-request.js';
import { emptyRoleDirectory } from '../directory/role-directory.js';
import { loadConversationState, saveConversationState } from '../storage/conversation-states.js';
import { forgetOldDeliveries, recordDelivery } from '../storage/seen-deliveries.js';
import { submitWholeBusinessCase, type Reply } from './business-case-form.js';
import { handleText, runCommand } from './handle-text.js';
import { textMessage } from './message.js';
import { pressButton } from './press-button.js';
import { runDueNudges } from './run-due-nudges.js';
import { runReportNudges } from './run-report-nudges.js';
import type { Turn, TurnResult } from './turn.js';
import { createTurnContext, type ConversationDependencies } from './turn-context.js';

export interface ConversationCore {
  /** One turn, as one transaction: the state change and the notifications it causes commit together or not at all. */
  handleTurn(turn: Turn): TurnResult;
  /** Reminders and escalations that have fallen due; call it every few minutes. Returns how many were sent. */
  runScheduledWork(): number;
}

export interface CoreOptions {
  /** Told about unexpected failures (the turn is rolled back and the user gets an apology); never given message text. */
  logError?: ((error: unknown) => void) | undefined;
}

export function createConversationCore(deps: ConversationDependencies, options: CoreOptions = {}): ConversationCore {
  const { database } = deps;
  const turnInTransaction = database.transaction((turn: Turn): TurnResult => {
    if (turn.deliveryId !== undefined && !recordDelivery(database, turn.deliveryId, deps.clock())) return { replies: [], duplicate: true };
    const pack = deps.packs.get(turn.councilId);
    if (!pack) return { replies: [textMessage(`Policy Desk is not set up for the council "${turn.councilId}". Please tell your administrator.`)] };
    const directory = deps.directories.get(pack.councilId) ?? emptyRoleDirectory(pack.councilId);
    const participant: Participant = {
      ...turn.participant,
      personId: turn.participant.personId ?? directory.findByIdentity(turn.participant.channel, userIdOf(turn.participant))?.id,
    };
    const base = createTurnContext(deps, participant, pack, directory);
    let notified = false;
    const context = {
      ...base,
      notify: (item: Parameters<typeof base.notify>[0]) => {
        notified = true;
        base.notify(item);
      },
      askerRole: turn.askerRole,
      place: turn.place ?? 'direct',
      attachments: turn.input.kind === 'text' ? turn.input.attachments ?? [] : [],
    };
    const state = loadConversationState(database, deps.sealer, participant.key);
    const reply: Reply =
      turn.input.kind === 'button'
        ? pressButton(context, state, turn.input.actionId, turn.input.value)
        : turn.input.kind === 'command'
          ? runCommand(context, state, turn.input.command)
          : turn.input.kind === 'form'
            ? submitWholeBusinessCase(context, state, turn.input.formId, turn.input.answers)
            : handleText(context, state, turn.input.text);
    // Most turns (a policy question) leave the user where they were: nothing to re-seal and write.
    if (reply.state !== state && JSON.stringify(reply.state) !== JSON.stringify(state)) saveConversationState(database, deps.sealer, participant.key, pack.councilId, reply.state, context.now.toISOString());
    return { replies: reply.replies, notified, form: reply.form, formProblems: reply.formProblems };
  });
  const scheduledInTransaction = database.transaction(() => {
    forgetOldDeliveries(database, deps.clock());
    return runDueNudges(deps) + runReportNudges(deps);
  });

  return {
    handleTurn(turn) {
      try {
        return turnInTransaction(turn);
      } catch (error) {
        options.logError?.(error);
        return { replies: [textMessage('Sorry, something went wrong and nothing was changed. Please try again in a moment.')] };
      }
    },
    runScheduledWork: () => scheduledInTransaction(),
  };
}

/** The channel's own user id: the part of the key after "channel:". */
function userIdOf(participant: Participant): string {
  return participant.key.slice(participant.key.indexOf(':') + 1);
}
