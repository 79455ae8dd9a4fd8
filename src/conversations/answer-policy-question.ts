import { isPolicyDeskError } from '../errors.js';
import type { BusinessCase } from '../policies/business-case.js';
import { ACTION_IDS } from './action-ids.js';
import { textMessage, type Message } from './message.js';
import { composeAnswerMessage } from './messages/compose-answer-message.js';
import type { TurnContext } from './turn-context.js';

function businessCaseClauseIds(businessCase: BusinessCase): Set<string> {
  return new Set([
    businessCase.clauseId,
    ...businessCase.stages.map((stage) => stage.clauseId),
    ...businessCase.criteria.map((criterion) => criterion.clauseId),
  ]);
}

/** A policy question answered through the matcher; an answer about new accounts offers to start the business case. */
export function answerPolicyQuestion(context: TurnContext, question: string): Message {
  const { pack, deps } = context;
  let answer;
  try {
    answer = deps.answerer.answer(pack.councilId, question, context.askerRole);
  } catch (error) {
    if (isPolicyDeskError(error) && error.code === 'INVALID_QUESTION') {
      return textMessage(`I couldn't read that as a question: ${error.message}. Try asking in a sentence, or say “help”.`);
    }
    throw error;
  }
  if (answer.abstained) deps.onUnanswered?.(pack.councilId, answer.question, answer.confidence, context.participant.channel);
  const aboutNewAccounts =
    pack.businessCase !== undefined && answer.best !== undefined && businessCaseClauseIds(pack.businessCase).has(answer.best.clause.id);
  const clauseId = answer.best?.clause.id;
  const answerId = deps.newToken();
  const buttons = [
    ...(aboutNewAccounts ? [context.button(ACTION_IDS.startRequest, 'Start a business case', { kind: 'start-request' }, 'primary')] : []),
    context.button(ACTION_IDS.answerHelpful, '👍 Helpful', { kind: 'feedback', clauseId, helpful: true, answerId }),
    context.button(ACTION_IDS.answerNotHelpful, '👎 Not helpful', { kind: 'feedback', clauseId, helpful: false, answerId }),
  ];
  return composeAnswerMessage(answer, buttons);
}
