import type { PolicyAnswer, QuotedClause } from '../answers/compose-answer.js';
import { describeSection } from '../answers/describe-section.js';
import { describeContact } from '../answers/describe-contact.js';

const WIDTH = 88;

function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > WIDTH) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(indent + line);
  }
  return lines;
}

function clauseBlock(quoted: QuotedClause): string[] {
  const { clause } = quoted;
  return [
    describeSection(clause),
    ...(clause.context ? wrap(clause.context, '  ') : []),
    ...wrap(`"${clause.text}"`, '  '),
  ];
}

function excerpt(text: string, length = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`;
}

/** The answer as terminal text: verdict, quoted clause, close call, related clauses, who to ask. */
export function formatAnswerText(answer: PolicyAnswer): string {
  const { pack } = answer;
  const lines = [`${pack.councilName}, ${pack.policyTitle} (${pack.policyDate})`, '', answer.verdict];
  if (answer.best) lines.push('', ...clauseBlock(answer.best));
  if (answer.closeCall) {
    lines.push('', `Did you mean: ${answer.closeCall.verdict}`, ...clauseBlock(answer.closeCall));
  }
  if (answer.related.length > 0) {
    lines.push('', 'Related:');
    for (const related of answer.related) {
      lines.push(...wrap(`${describeSection(related.clause)}: ${excerpt(related.clause.text)}`, '  '));
    }
  }
  if (answer.preElectionWarning) {
    const { period, clause } = answer.preElectionWarning;
    lines.push('', `Pre-election period (${period.label}, ${period.from} to ${period.to}): take care with anything political.`);
    lines.push(...wrap(`${describeSection(clause)}: "${clause.text}"`, '  '));
  }
  lines.push('', `Who to ask: ${answer.contacts.map(describeContact).join('; ')}`);
  return lines.join('\n');
}
