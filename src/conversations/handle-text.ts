import { FORM_GOES_COLD_MS } from '../forms/advance-form.js';
import { findAccountRequest } from '../storage/account-requests.js';
import { answerPolicyQuestion } from './answer-policy-question.js';
import {
  cancelForm,
  discardDraft,
  moveThroughForm,
  offerDraft,
  resumeBusinessCase,
  startBusinessCase,
  viewBusinessCase,
  type Reply,
} from './business-case-form.js';
import type { ConversationState } from './conversation-state.js';
import { giveReason } from './decide-on-request.js';
import { textMessage } from './message.js';
import { composeHelpMessage } from './messages/compose-help-message.js';
import { readFormCommand } from './read-form-command.js';
import { writeOnReport } from './report-case.js';
import { continueReport, startReport } from './report-intake.js';
import { showMyRequests } from './show-my-requests.js';
import type { TurnContext } from './turn-context.js';
import type { TurnCommand } from './turn.js';

const IDLE: ConversationState = { kind: 'idle' };

/** A typed message, read in the light of where the user is. */
export function handleText(context: TurnContext, state: ConversationState, text: string): Reply {
  switch (state.kind) {
    case 'idle':
      return routeByIntent(context, text);
    case 'offering-draft':
      return chooseDraft(context, state.requestId, text);
    case 'giving-reason': {
      const businessCase = context.pack.businessCase;
      const request = findAccountRequest(context.deps.database, state.requestId);
      if (readFormCommand(text)?.kind === 'cancel' || !businessCase || !request) {
        return { replies: [textMessage('No decision recorded. The card is still waiting for you.')], state: IDLE };
      }
      return giveReason(context, businessCase, request, state, text);
    }
    case 'filling-form':
      return continueForm(context, state.requestId, text);
    case 'reporting':
      return continueReport(context, state.reportId, text) ?? routeByIntent(context, text);
    case 'writing-on-report':
      return writeOnReport(context, state, text);
  }
}

/** A channel's shortcut, which names what the user wants outright. */
export function runCommand(context: TurnContext, state: ConversationState, command: TurnCommand): Reply {
  switch (command) {
    case 'request':
      return startBusinessCase(context);
    case 'request-form':
      return viewBusinessCase(context, state);
    case 'report':
      return startReport(context);
    case 'status':
      return { replies: showMyRequests(context), state };
    case 'help':
      return { replies: [composeHelpMessage(context)], state };
  }
}

function routeByIntent(context: TurnContext, text: string): Reply {
  const { intent } = context.deps.classifyIntent(text);
  switch (intent) {
    case 'request-account':
      return startBusinessCase(context);
    case 'my-requests':
      return { replies: showMyRequests(context), state: IDLE };
    case 'help':
      return { replies: [composeHelpMessage(context)], state: IDLE };
    case 'cancel':
      return { replies: [textMessage('There is nothing to cancel. Ask me a question, or say “help”.')], state: IDLE };
    case 'back':
      return { replies: [textMessage('There is no form open to go back in. Say “my requests” to find one you started.')], state: IDLE };
    case 'report':
      // The opening message is not kept: it may already hold details, and the form asks for them privately.
      return startReport(context, () => answerPolicyQuestion(context, text));
    default:
      return { replies: [answerPolicyQuestion(context, text)], state: IDLE };
  }
}

function chooseDraft(context: TurnContext, requestId: string, text: string): Reply {
  const request = findAccountRequest(context.deps.database, requestId);
  const businessCase = context.pack.businessCase;
  if (!request || !businessCase || request.status !== 'draft') return routeByIntent(context, text);
  const simple = text.toLowerCase().replace(/[^a-z ]+/g, ' ').trim();
  if (/^(continue|resume|carry on|yes|go on)\b/.test(simple)) return resumeBusinessCase(context, businessCase, request);
  if (/^(discard|delete|start again|start over|new one|no)\b/.test(simple)) {
    const discarded = discardDraft(context, request);
    const started = startBusinessCase(context);
    return { replies: [...discarded.replies, ...started.replies], state: started.state };
  }
  // Anything else is a new message: the draft stays saved for later.
  return routeByIntent(context, text);
}

function continueForm(context: TurnContext, requestId: string, text: string): Reply {
  const request = findAccountRequest(context.deps.database, requestId);
  const businessCase = context.pack.businessCase;
  if (!request || !businessCase || (request.status !== 'draft' && request.status !== 'changes-requested')) {
    return routeByIntent(context, text);
  }
  const command = readFormCommand(text, businessCase);
  const cold = context.now.getTime() - new Date(request.updatedAt).getTime() > FORM_GOES_COLD_MS;
  if (cold && command === undefined && request.status === 'draft') {
    return offerDraft(context, businessCase, request, 'Welcome back. You were part-way through a business case');
  }
  switch (command?.kind) {
    case 'cancel':
      return cancelForm(context, request);
    case 'help':
      return { replies: [composeHelpMessage(context), ...resumeBusinessCase(context, businessCase, request).replies], state: { kind: 'filling-form', requestId } };
    case 'my-requests':
      return { replies: [...showMyRequests(context), ...resumeBusinessCase(context, businessCase, request).replies], state: { kind: 'filling-form', requestId } };
    default:
      return moveThroughForm(context, businessCase, request, command ?? { kind: 'answer', text });
  }
}

