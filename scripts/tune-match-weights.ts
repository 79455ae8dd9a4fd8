/**
 * npm run tune: random search over the matcher's weights on the dev split only (never the holdout),
 * scoring raw ranking (top-1 plus half of top-3). Prints the best weights found; copying them into
 * DEFAULT_MATCH_WEIGHTS is a deliberate, reviewed step.
 */
import { join } from 'node:path';
import { DEFAULT_MATCH_WEIGHTS, type MatchWeights } from '../src/answers/match-clauses.js';
import { PolicyMatcher } from '../src/answers/policy-matcher.js';
import { findPackageRoot } from '../src/config/find-package-root.js';
import { readConfig } from '../src/config/read-config.js';
import { evaluateMatcher } from '../src/evaluation/evaluate-matcher.js';
import { loadQuestionSets } from '../src/evaluation/question-set.js';
import { loadPolicyLibrary } from '../src/policies/load-policy-library.js';

const trials = Number(process.argv[2] ?? 300);
const library = loadPolicyLibrary(readConfig().policiesDirectory);
const questions = loadQuestionSets(join(findPackageRoot(), 'tests', 'questions'), ['dev']).filter((q) => q.expect !== 'none');

function rankingScore(weights: MatchWeights): { top1: number; top3: number } {
  const matcher = new PolicyMatcher(library.packs.values(), library.thesaurus, weights);
  const { outcomes } = evaluateMatcher(matcher, library.packs, questions, 0);
  return {
    top1: outcomes.filter((o) => o.rankedFirst).length / outcomes.length,
    top3: outcomes.filter((o) => o.rankedInTopThree).length / outcomes.length,
  };
}

// A seeded generator, so a run can be repeated.
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

let best = { weights: DEFAULT_MATCH_WEIGHTS, ...rankingScore(DEFAULT_MATCH_WEIGHTS) };
const objective = (score: { top1: number; top3: number }) => score.top1 + 0.5 * score.top3;
process.stdout.write(`start top1=${best.top1.toFixed(3)} top3=${best.top3.toFixed(3)}\n`);
for (let trial = 0; trial < trials; trial += 1) {
  const jitter = (value: number, spread: number) => Math.max(0, value + (random() - 0.5) * spread);
  const candidate: MatchWeights = Object.fromEntries(
    Object.entries(best.weights).map(([name, value]) => [name, jitter(value, trial < trials / 2 ? 0.3 : 0.1)]),
  ) as unknown as MatchWeights;
  const score = rankingScore(candidate);
  if (objective(score) > objective(best)) {
    best = { weights: candidate, ...score };
    process.stdout.write(`trial ${trial} top1=${score.top1.toFixed(3)} top3=${score.top3.toFixed(3)} ${JSON.stringify(candidate, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v))}\n`);
  }
}
