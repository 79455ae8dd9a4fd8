import type { PolicyLibrary } from '../policies/load-policy-library.js';
import { requirePack } from '../policies/load-policy-library.js';
import { composeAnswer, type PolicyAnswer } from './compose-answer.js';
import { ABSTAIN_BELOW, estimateConfidence } from './estimate-confidence.js';
import type { AskerRole } from './match-clauses.js';
import { PolicyMatcher } from './policy-matcher.js';
import { validateQuestion } from './validate-question.js';

export type Clock = () => Date;

export interface PolicyAnswerer {
  councils(): string[];
  /** Throws UNKNOWN_COUNCIL (or PACK_INVALID for a pack that failed its checks) before any question is read. */
  requireCouncil(councilId: string): void;
  /** Throws UNKNOWN_COUNCIL, PACK_INVALID or INVALID_QUESTION errors; otherwise always answers, abstaining when unsure. */
  answer(councilId: string, question: string, role?: AskerRole): PolicyAnswer;
}

/** Builds every council's index once; answering is then pure matching plus the injected clock. */
export function createPolicyAnswerer(library: PolicyLibrary, clock: Clock): PolicyAnswerer {
  const matcher = new PolicyMatcher(library);
  return {
    councils: () => [...library.packs.keys()],
    requireCouncil: (councilId) => void requirePack(library, councilId),
    answer(councilId, rawQuestion, role) {
      const pack = requirePack(library, councilId);
      const question = validateQuestion(rawQuestion);
      const matched = matcher.match(councilId, question, role);
      return composeAnswer(pack, question, matched, estimateConfidence(matched), { abstainBelow: ABSTAIN_BELOW, now: clock() });
    },
  };
}
