import type { AskerRole } from '../answers/match-clauses.js';
import type { Participant } from '../approvals/account-request.js';
import type { PolicyAnswerer } from '../answers/create-policy-answerer.js';
import type { TextSealer } from '../crypto/text-sealer.js';
import type { Person, RoleDirectory } from '../directory/role-directory.js';
import type { PolicyPack } from '../policies/policy-pack.js';
import type { ReportForm } from '../policies/report-form.js';
import { appendAudit } from '../storage/audit-log.js';
import { recordIssuedAction } from '../storage/issued-actions.js';
import type { PolicyDeskDatabase } from '../storage/open-database.js';
import { enqueueOutbox, type NewOutboxItem } from '../storage/outbox.js';
import type { ActionPayload } from './action-payload.js';
import type { Button } from './message.js';
import type { Place } from './turn.js';
import type { AttachmentReference } from '../reports/report.js';

/** Decides which conversation intent a message is; the conversation treats anything unclear as a policy question. */
export type ClassifyIntent = (text: string) => { intent: string; confidence: number };

export interface ConversationDependencies {
  database: PolicyDeskDatabase;
  packs: ReadonlyMap<string, PolicyPack>;
  answerer: PolicyAnswerer;
  directories: ReadonlyMap<string, RoleDirectory>;
  bankHolidays: ReadonlySet<string>;
  classifyIntent: ClassifyIntent;
  clock: () => Date;
  /** Seals report content, report notifications and conversation states for storage. */
  sealer: TextSealer;
  /** The questions asked of someone reporting (policies/report-form.yaml); reports are not taken without it. */
  reportForm?: ReportForm | undefined;
  /** Unguessable tokens for buttons. */
  newToken: () => string;
  /** Called for each question the bot declined, to keep for the communications team. */
  onUnanswered?: ((councilId: string, question: string, confidence: number, channel: string) => void) | undefined;
}

/** What a handler needs for one turn; writes go through it so they share the turn's transaction. */
export interface TurnContext {
  deps: ConversationDependencies;
  participant: Participant;
  pack: PolicyPack;
  directory: RoleDirectory;
  /** The acting user's entry in the role directory, if any. */
  person: Person | undefined;
  now: Date;
  askerRole?: AskerRole | undefined;
  place: Place;
  /** Files sent with this turn's message. */
  attachments: AttachmentReference[];
  button(actionId: string, label: string, payload: ActionPayload, style?: Button['style']): Button;
  notify(item: NewOutboxItem): void;
  audit(action: string, requestId: string | undefined, detail?: Record<string, unknown>): void;
}

export function createTurnContext(
  deps: ConversationDependencies,
  participant: Participant,
  pack: PolicyPack,
  directory: RoleDirectory,
  auditChannel: string = participant.channel,
): TurnContext {
  const now = deps.clock();
  const at = now.toISOString();
  return {
    deps,
    participant,
    pack,
    directory,
    person: participant.personId === undefined ? undefined : directory.people.get(participant.personId),
    now,
    place: 'direct',
    attachments: [],
    button(actionId, label, payload, style) {
      const token = deps.newToken();
      recordIssuedAction(deps.database, { token, actionId, payload, issuedAt: at });
      return { actionId, label, value: token, style };
    },
    notify: (item) => enqueueOutbox(deps.database, deps.sealer, item, at),
    audit: (action, requestId, detail) =>
      appendAudit(deps.database, {
        at,
        requestId,
        actorKey: participant.key,
        actorName: participant.name,
        channel: auditChannel,
        action,
        detail,
      }),
  };
}
