import type { ConfidenceFeatureName } from './estimate-confidence.js';

/**
 * Logistic model of "answerable" (in scope, right clause among the three shown), fitted with `npm run eval -- --fit` on the dev split of
 * tests/questions (never the holdout). Refit after changing the matcher, the thesaurus or the packs.
 */
export const CONFIDENCE_MODEL: {
  intercept: number;
  coefficients: Record<ConfidenceFeatureName, number>;
  abstainBelow: number;
} = {
  intercept: -2.598,
  coefficients: {
    topScore: 3.222,
    margin: 0.792,
    topExampleSimilarity: -1.28,
    knownShare: 2.789,
    topCoverage: -0.91,
    offTopicOnly: -2.928,
    outOfScopeLead: -2.751
  },
  abstainBelow: 0.74
};
