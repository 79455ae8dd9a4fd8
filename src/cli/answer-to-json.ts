import type { PolicyAnswer, QuotedClause } from '../answers/compose-answer.js';
import { describeContact } from '../answers/describe-contact.js';


const round = (value: number) => Math.round(value * 1000) / 1000;

function clauseJson(quoted: QuotedClause) {
  const { clause } = quoted;
  return {
    section: clause.section,
    heading: clause.heading[clause.heading.length - 1]!,
    heading_path: clause.heading,
    ...(clause.context ? { context: clause.context } : {}),
    text: clause.text,
    score: round(quoted.score),
    clause_id: clause.id,
    stance: clause.stance,
    audience: clause.audience,
    verdict: quoted.verdict,
  };
}

/** The CLI's JSON contract: question, council, abstained, verdict, confidence, answers (best first), contact. */
export function answerToJson(answer: PolicyAnswer) {
  return {
    question: answer.question,
    council: answer.pack.councilId,
    abstained: answer.abstained,
    verdict: answer.verdict,
    confidence: round(answer.confidence),
    answers: answer.ranked.map(clauseJson),
    contact: answer.contacts.map(describeContact).join('; '),
    did_you_mean: answer.closeCall ? clauseJson(answer.closeCall) : null,
    pre_election_warning: answer.preElectionWarning
      ? {
          period: answer.preElectionWarning.period.label,
          section: answer.preElectionWarning.clause.section,
          text: answer.preElectionWarning.clause.text,
        }
      : null,
    policy: { council_name: answer.pack.councilName, title: answer.pack.policyTitle, date: answer.pack.policyDate },
  };
}
