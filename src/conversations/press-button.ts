import type { AccountRequest } from '../approvals/account-request.js';
import { findAccountRequest, saveAccountRequest } from '../storage/account-requests.js';
import { recordAnswerFeedback } from '../storage/answer-feedback.js';
import { findIssuedAction } from '../storage/issued-actions.js';
import type { ActionPayload } from './action-payload.js';
import {
  cancelForm,
  discardDraft,
  moveThroughForm,
  resumeBusinessCase,
  startBusinessCase,
  type Reply,
} from './business-case-form.js';
import type { ConversationState } from './conversation-state.js';
import { pressDecision, withdrawByRequester } from './decide-on-request.js';
import { pressCaseButton, pressReporterButton } from './report-case.js';
import { pressReportForm, startReport } from './report-intake.js';
import { textMessage } from './message.js';
import { composeHelpMessage } from './messages/compose-help-message.js';
import { showMyRequests } from './show-my-requests.js';
import type { TurnContext } from './turn-context.js';

/**
 * A button press. Only tokens the core issued, pressed with the action they were issued for, do anything;
 * anything else is answered without touching state.
 */
export function pressButton(context: TurnContext, state: ConversationState, actionId: string, token: string): Reply {
  const issued = findIssuedAction(context.deps.database, token, actionId);
  if (!issued) {
    return { replies: [textMessage('That button has expired or is not one I sent. Say “help” to see what I can do.')], state };
  }
  const payload = issued.payload as ActionPayload;
  const unchanged = (text: string): Reply => ({ replies: [textMessage(text)], state });
  switch (payload.kind) {
    case 'start-request':
      return startBusinessCase(context);
    case 'my-requests':
      return { replies: showMyRequests(context), state };
    case 'help':
      return { replies: [composeHelpMessage(context)], state };
    case 'feedback':
      recordAnswerFeedback(context.deps.database, {
        answerId: payload.answerId,
        councilId: context.pack.councilId,
        clauseId: payload.clauseId,
        helpful: payload.helpful,
        channel: context.participant.channel,
        at: context.now.toISOString(),
      });
      return unchanged(payload.helpful ? 'Thanks: glad it helped.' : 'Thanks for saying. The communications team reviews answers marked not helpful.');
    case 'start-report':
      return startReport(context);
    case 'report-form':
      return pressReportForm(context, state, payload);
    case 'report-write':
      return pressReporterButton(context, state, payload);
    case 'case':
      return pressCaseButton(context, state, payload);
    case 'decide': {
      const found = findRequest(context, payload.requestId);
      if (!found) return unchanged('That request no longer exists.');
      return pressDecision(context, found.businessCase, found.request, payload);
    }
    default:
      return pressOwnRequestButton(context, state, payload);
  }
}

/** Buttons on a requester's own form and request: nobody else may press them. */
function pressOwnRequestButton(
  context: TurnContext,
  state: ConversationState,
  payload: Exclude<ActionPayload, { kind: 'start-request' | 'my-requests' | 'help' | 'decide' | 'feedback' | 'start-report' | 'report-form' | 'report-write' | 'case' }>,
): Reply {
  const unchanged = (text: string): Reply => ({ replies: [textMessage(text)], state });
  const found = findRequest(context, payload.requestId);
  if (!found) return unchanged('That request no longer exists.');
  const { businessCase, request } = found;
  if (request.requester.key !== context.participant.key) return unchanged(`Only ${request.requester.name}, who made ${request.id}, can do that.`);
  const editable = request.status === 'draft' || request.status === 'changes-requested';
  const position = request.progress.position;
  switch (payload.kind) {
    case 'draft':
      if (request.status !== 'draft') return unchanged(`${request.id} is no longer a draft.`);
      if (payload.choice === 'continue') return resumeBusinessCase(context, businessCase, request);
      return startAfterDiscard(context, request);
    case 'form-answer':
      if (!editable || position.kind !== 'asking' || position.fieldId !== payload.fieldId) return stale(context, businessCase, request, state);
      return moveThroughForm(context, businessCase, request, { kind: 'answer', text: payload.answer });
    case 'form-skip':
      if (!editable || position.kind !== 'asking' || position.fieldId !== payload.fieldId) return stale(context, businessCase, request, state);
      return moveThroughForm(context, businessCase, request, { kind: 'skip' });
    case 'form-submit':
      if (!editable || position.kind !== 'summary') return stale(context, businessCase, request, state);
      return moveThroughForm(context, businessCase, request, { kind: 'submit' });
    case 'form-edit':
      if (!editable) return stale(context, businessCase, request, state);
      return moveThroughForm(context, businessCase, request, { kind: 'edit', fieldId: payload.fieldId });
    case 'form-cancel':
      if (!editable) return stale(context, businessCase, request, state);
      return cancelForm(context, request);
    case 'resubmit': {
      if (request.status !== 'changes-requested' || request.round !== payload.round) return stale(context, businessCase, request, state);
      const atSummary: AccountRequest = { ...request, progress: { ...request.progress, position: { kind: 'summary' } } };
      saveAccountRequest(context.deps.database, atSummary);
      context.audit('editing-for-resubmission', request.id, { round: request.round });
      return resumeBusinessCase(context, businessCase, atSummary);
    }
    case 'withdraw':
      if ((request.status !== 'in-review' && request.status !== 'changes-requested') || request.round !== payload.round) {
        return stale(context, businessCase, request, state);
      }
      return withdrawByRequester(context, businessCase, request);
  }
}

function startAfterDiscard(context: TurnContext, request: AccountRequest): Reply {
  const discarded = discardDraft(context, request);
  const started = startBusinessCase(context);
  return { replies: [...discarded.replies, ...started.replies], state: started.state };
}

function stale(context: TurnContext, businessCase: NonNullable<TurnContext['pack']['businessCase']>, request: AccountRequest, state: ConversationState): Reply {
  const editable = request.status === 'draft' || request.status === 'changes-requested';
  if (!editable) return { replies: [textMessage(`That button is out of date: ${request.id} has moved on. Say “my requests” to see where it is.`)], state };
  const resumed = resumeBusinessCase(context, businessCase, request);
  return { replies: [textMessage('That button is out of date; here is where your form is now.'), ...resumed.replies], state: resumed.state };
}

function findRequest(context: TurnContext, requestId: string) {
  const request = findAccountRequest(context.deps.database, requestId);
  const businessCase = context.pack.businessCase;
  if (!request || !businessCase || request.councilId !== context.pack.councilId) return undefined;
  return { request, businessCase };
}
