import type { ConfidenceModel } from './estimate-confidence.js';

/**
 * Fitted with `npm run eval -- --fit` on the dev split of tests/questions and on cross-fitted pack examples and
 * out-of-scope questions (never the holdout). Refit after changing the matcher, the thesaurus or the packs.
 * scope: P(the policy covers the question), which alone decides abstaining; ranking: P(top clause right | covered).
 */
export const CONFIDENCE_MODEL: ConfidenceModel = {
  scope: {
    intercept: -1.871,
    coefficients: {
      topScore: 4.51,
      margin: -3.205,
      topExampleSimilarity: -2.137,
      knownShare: 2.196,
      topCoverage: 1.264,
      offTopicOnly: -2.311,
      outOfScopeLead: -2.372
    }
  },
  ranking: {
    intercept: -3.033,
    coefficients: {
      topScore: 3.312,
      margin: 2.551,
      topExampleSimilarity: -1.446,
      knownShare: 0.993,
      topCoverage: -0.186,
      offTopicOnly: -0.512,
      outOfScopeLead: -0.037
    }
  },
  abstainBelow: 0.815
};
