import type { AccountRequest } from '../approvals/account-request.js';
import { submitRequest, withdrawRequest } from '../approvals/advance-request.js';
import { advanceForm, currentStep, startForm, type FormInput } from '../forms/advance-form.js';
import { findUnmetCriteria } from '../forms/find-unmet-criteria.js';
import { readFieldAnswer, type FieldAnswer } from '../forms/read-field-answer.js';
import type { BusinessCase } from '../policies/business-case.js';
import { listAccountRequests, nextReference, saveAccountRequest } from '../storage/account-requests.js';
import { ACTION_IDS } from './action-ids.js';
import { commsRecipient, sendStageCards } from './approval-cards.js';
import type { ConversationState } from './conversation-state.js';
import { textMessage, type FormView, type Message } from './message.js';
import { composeFormView, viewChoices } from './messages/compose-form-view.js';
import { composeFormStep, type FormHost } from './messages/compose-form-step.js';
import { describeStatus, nameRequest } from './messages/describe-request.js';
import type { TurnContext } from './turn-context.js';

export interface Reply {
  replies: Message[];
  state: ConversationState;
  /** A whole form to show (channels that can), and what was wrong with one sent back. */
  form?: FormView | undefined;
  formProblems?: Record<string, string> | undefined;
}

/** The id a whole-form view of the business case carries, so its answers come back to the right place. */
export const BUSINESS_CASE_FORM_ID = 'business-case';

const IDLE: ConversationState = { kind: 'idle' };

/** Requests this user is still writing: a new draft, or one sent back for changes. */
export function findOpenDraft(context: TurnContext): AccountRequest | undefined {
  return listAccountRequests(context.deps.database, {
    councilId: context.pack.councilId,
    requesterKey: context.participant.key,
    statuses: ['draft'],
  }).at(-1);
}

export function startBusinessCase(context: TurnContext): Reply {
  const businessCase = context.pack.businessCase;
  if (!businessCase) {
    return {
      replies: [textMessage(`The policy of ${context.pack.councilName} does not set out a business case for new accounts. Please ask the communications team how to request one.`)],
      state: IDLE,
    };
  }
  const draft = findOpenDraft(context);
  if (draft) return offerDraft(context, businessCase, draft, 'You have an unfinished business case');
  const { progress, step } = startForm(businessCase);
  const request = startDraft(context, progress);
  const intro: Message = {
    summary: businessCase.title,
    parts: [
      { kind: 'heading', text: `${businessCase.title} (${request.id})` },
      { kind: 'text', text: businessCase.intro },
      { kind: 'note', text: `${businessCase.fields.length} questions. Your answers are saved as you go: you can stop and come back at any time.` },
    ],
  };
  return { replies: [intro, composeFormStep(context, businessCase, requestFormHost(context, request), step)], state: { kind: 'filling-form', requestId: request.id } };
}

function startDraft(context: TurnContext, progress: AccountRequest['progress']): AccountRequest {
  const at = context.now.toISOString();
  const request: AccountRequest = {
    id: nextReference(context.deps.database, `BC-${at.slice(0, 4)}`),
    councilId: context.pack.councilId,
    requester: context.participant,
    status: 'draft',
    progress,
    stageIndex: 0,
    round: 0,
    createdAt: at,
    updatedAt: at,
  };
  saveAccountRequest(context.deps.database, request);
  context.audit('draft-started', request.id);
  return request;
}

/** The business case as one form (Slack's modal), with an unfinished draft's answers filled in. */
export function viewBusinessCase(context: TurnContext, state: ConversationState): Reply {
  const businessCase = context.pack.businessCase;
  if (!businessCase) return startBusinessCase(context);
  const answers = findOpenDraft(context)?.progress.answers ?? {};
  return { replies: [], state, form: composeFormView(businessCase, BUSINESS_CASE_FORM_ID, answers, context.directory.services) };
}

/**
 * A whole business case at once. Every answer is read exactly as a typed one would be and the policy's
 * criteria are checked; if anything is wrong nothing is saved and the problems go back by field. Otherwise
 * it is submitted, finishing the user's open draft if they had one.
 */
export function submitWholeBusinessCase(context: TurnContext, state: ConversationState, formId: string, given: Readonly<Record<string, string>>): Reply {
  const businessCase = context.pack.businessCase;
  if (!businessCase || formId !== BUSINESS_CASE_FORM_ID) return { replies: [textMessage('That form is no longer open. Say “request an account” to start again.')], state };
  const services = context.directory.services;
  const answers: Record<string, FieldAnswer | null> = {};
  const problems: Record<string, string> = {};
  for (const field of businessCase.fields) {
    const typed = (given[field.id] ?? '').trim();
    // A picked choice comes back as its id; the form engine reads choices by name.
    const text = viewChoices(field, services)?.find((choice) => choice.id === typed)?.label ?? typed;
    if (text === '') {
      if (field.required) problems[field.id] = `Please give an answer for “${field.label}”.`;
      else answers[field.id] = null;
      continue;
    }
    const read = readFieldAnswer(field, text, answers, services);
    if (read.ok) answers[field.id] = read.answer;
    else problems[field.id] = read.problem;
  }
  if (Object.keys(problems).length === 0) {
    for (const { criterion } of findUnmetCriteria(businessCase, answers)) {
      problems[criterion.fieldId] ??= criterion.requirement;
    }
  }
  if (Object.keys(problems).length > 0) return { replies: [], state, formProblems: problems };
  const progress: AccountRequest['progress'] = { answers, position: { kind: 'summary' } };
  const draft = findOpenDraft(context);
  const request = draft ? { ...draft, progress, updatedAt: context.now.toISOString() } : startDraft(context, progress);
  return submitBusinessCase(context, businessCase, request);
}

/** Asks whether to continue an unfinished form or discard it; nothing is lost until they choose. */
export function offerDraft(context: TurnContext, businessCase: BusinessCase, draft: AccountRequest, opening: string): Reply {
  return {
    replies: [
      {
        summary: `${opening}, ${draft.id}.`,
        parts: [
          { kind: 'text', text: `${opening}, ${nameRequest(businessCase, draft)}, started ${draft.createdAt.slice(0, 10)}. Continue it, or discard it and start again?` },
          {
            kind: 'buttons',
            buttons: [
              context.button(ACTION_IDS.continueDraft, 'Continue', { kind: 'draft', requestId: draft.id, choice: 'continue' }, 'primary'),
              context.button(ACTION_IDS.discardDraft, 'Discard and start again', { kind: 'draft', requestId: draft.id, choice: 'discard' }, 'danger'),
            ],
          },
        ],
      },
    ],
    state: { kind: 'offering-draft', requestId: draft.id },
  };
}

export function resumeBusinessCase(context: TurnContext, businessCase: BusinessCase, request: AccountRequest): Reply {
  return {
    replies: [composeFormStep(context, businessCase, requestFormHost(context, request), currentStep(businessCase, request.progress))],
    state: { kind: 'filling-form', requestId: request.id },
  };
}

export function discardDraft(context: TurnContext, request: AccountRequest): Reply {
  saveAccountRequest(context.deps.database, withdrawRequest(request, context.now).request);
  context.audit('draft-discarded', request.id);
  return { replies: [textMessage(`Discarded ${request.id}.`)], state: IDLE };
}

/** One move in the form; a finished form is checked against the criteria and, if it meets them, submitted. */
export function moveThroughForm(context: TurnContext, businessCase: BusinessCase, request: AccountRequest, input: FormInput): Reply {
  const { progress, step } = advanceForm(businessCase, request.progress, input, context.directory.services);
  const moved: AccountRequest = { ...request, progress, updatedAt: context.now.toISOString() };
  if (step.kind === 'submitted') return submitBusinessCase(context, businessCase, moved);
  if (progress !== request.progress) saveAccountRequest(context.deps.database, moved);
  return { replies: [composeFormStep(context, businessCase, requestFormHost(context, moved), step)], state: { kind: 'filling-form', requestId: request.id } };
}

export function cancelForm(context: TurnContext, request: AccountRequest): Reply {
  if (request.status === 'draft') {
    saveAccountRequest(context.deps.database, withdrawRequest(request, context.now).request);
    context.audit('draft-cancelled', request.id);
    return { replies: [textMessage(`Cancelled: ${request.id} has been discarded. Nothing was sent to anyone.`)], state: IDLE };
  }
  return {
    replies: [textMessage(`Stopped editing. ${request.id} is still waiting for your changes; say “my requests” to pick it up again.`)],
    state: IDLE,
  };
}

function submitBusinessCase(context: TurnContext, businessCase: BusinessCase, request: AccountRequest): Reply {
  const { request: submitted } = submitRequest(request, context.now);
  saveAccountRequest(context.deps.database, submitted);
  context.audit(submitted.round > 1 ? 'resubmitted' : 'submitted', submitted.id, { round: submitted.round, stage: businessCase.stages[submitted.stageIndex]!.id });
  sendStageCards(context, businessCase, submitted, { operation: 'post' });
  const name = nameRequest(businessCase, submitted);
  context.notify({
    recipient: commsRecipient(context),
    message: textMessage(
      `${submitted.round > 1 ? 'Resubmitted' : 'New'} business case: ${name} from ${submitted.requester.name}. Now ${describeStatus(businessCase, submitted)}.`,
    ),
  });
  return {
    replies: [
      textMessage(
        `Submitted ${name}. It is now ${describeStatus(businessCase, submitted)}. I'll tell you when anything changes.`,
        'Say “my requests” at any time to see where it is.',
      ),
    ],
    state: IDLE,
  };
}

function requestFormHost(context: TurnContext, request: AccountRequest): FormHost {
  const requestId = request.id;
  return {
    summaryHeading: `Check your business case (${requestId})`,
    progress: request.progress,
    answerButton: (field, label, answer) => context.button(ACTION_IDS.chooseAnswer, label, { kind: 'form-answer', requestId, fieldId: field.id, answer }),
    skipButton: (field) => context.button(ACTION_IDS.skipField, 'Skip', { kind: 'form-skip', requestId, fieldId: field.id }),
    submitButton: () => context.button(ACTION_IDS.submitForm, 'Submit', { kind: 'form-submit', requestId }, 'primary'),
    editButton: (field) =>
      field
        ? context.button(ACTION_IDS.editForm, field.label, { kind: 'form-edit', requestId, fieldId: field.id })
        : context.button(ACTION_IDS.editForm, 'Edit', { kind: 'form-edit', requestId }),
    cancelButton: () => context.button(ACTION_IDS.cancelForm, 'Cancel', { kind: 'form-cancel', requestId }, 'danger'),
  };
}
