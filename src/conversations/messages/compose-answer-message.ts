import type { PolicyAnswer, QuotedClause } from '../../answers/compose-answer.js';
import { describeContact } from '../../answers/describe-contact.js';
import { describeSection } from '../../answers/describe-section.js';
import type { Button, Message, MessagePart } from '../message.js';

const EXCERPT_LENGTH = 160;

function clausePart(answer: PolicyAnswer, quoted: QuotedClause): MessagePart {
  const { clause } = quoted;
  return { kind: 'clause', council: answer.pack.councilName, section: clause.section, heading: describeSection(clause), context: clause.context, text: clause.text };
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

/** A policy answer as a neutral message: verdict, the quoted clause, a close call, related clauses, who to ask. */
export function composeAnswerMessage(answer: PolicyAnswer, buttons: Button[] = []): Message {
  const { pack } = answer;
  const parts: MessagePart[] = [{ kind: 'heading', text: answer.verdict }];
  if (answer.best) parts.push(clausePart(answer, answer.best));
  if (answer.closeCall) {
    parts.push({ kind: 'text', text: `Did you mean: ${answer.closeCall.verdict}` }, clausePart(answer, answer.closeCall));
  }
  if (answer.preElectionWarning) {
    const { period, clause } = answer.preElectionWarning;
    parts.push({
      kind: 'warning',
      text: `Pre-election period (${period.label}, ${period.from} to ${period.to}): take care with anything political. ${describeSection(clause)}: “${clause.text}”`,
    });
  }
  if (answer.related.length > 0) {
    parts.push({
      kind: 'note',
      text: ['Related:', ...answer.related.map((related) => `${describeSection(related.clause)}: ${excerpt(related.clause.text)}`)].join('\n'),
    });
  }
  parts.push({ kind: 'fields', fields: [{ label: 'Who to ask', value: answer.contacts.map(describeContact).join('; ') }] });
  parts.push({ kind: 'note', text: `${pack.councilName}, ${pack.policyTitle} (${pack.policyDate})` });
  if (buttons.length > 0) parts.push({ kind: 'buttons', buttons });
  const cited = answer.best ? ` (${describeSection(answer.best.clause)})` : '';
  return { summary: `${answer.verdict}${cited}`, parts };
}
