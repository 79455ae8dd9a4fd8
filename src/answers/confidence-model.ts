import type { ConfidenceFeatureName } from './estimate-confidence.js';

/**
 * Logistic model of "the top clause is right", fitted with `npm run eval -- --fit` on the dev split of
 * tests/questions (never the holdout). Refit after changing the matcher, the thesaurus or the packs.
 */
export const CONFIDENCE_MODEL: {
  intercept: number;
  coefficients: Record<ConfidenceFeatureName, number>;
  abstainBelow: number;
} = {
  intercept: -3.503,
  coefficients: {
    topScore: 4.487,
    margin: 7.715,
    topCoverage: -0.165,
    topExampleSimilarity: -0.233,
    knownShare: 0.824,
    offTopic: -0.848,
    unknownWords: 0.418
  },
  abstainBelow: 0.35
};
