/**
 * npm run tune [-- <trials>]: random search over the matcher's weights, scored on two sets so neither is
 * overfitted: the dev split of tests/questions (never the holdout), and every fifth example question of
 * each clause, held out of the index it is matched against. Prints the best weights; copying them into
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
import { holdOutFold } from '../src/evaluation/collect-cross-fitted-outcomes.js';

const trials = Number(process.argv[2] ?? 200);
const library = loadPolicyLibrary(readConfig().policiesDirectory);
const dev = loadQuestionSets(join(findPackageRoot(), 'tests', 'questions'), ['dev']).filter((q) => q.expect !== 'none');

// Every fifth example becomes a query; the index sees only the other four fifths.
const { library: trimmedLibrary, heldOutExamples } = holdOutFold(library, 4, 5);

function score(weights: MatchWeights) {
  const matcher = new PolicyMatcher(library, weights);
  const { outcomes } = evaluateMatcher(matcher, library.packs, dev, 0);
  const trimmed = new PolicyMatcher(trimmedLibrary, weights);
  let examplesFirst = 0;
  let examplesTopThree = 0;
  for (const { councilId, question, clauseId } of heldOutExamples) {
    const ranked = trimmed.match(councilId, question).matches.slice(0, 3).map((match) => match.clause.id);
    if (ranked[0] === clauseId) examplesFirst += 1;
    if (ranked.includes(clauseId)) examplesTopThree += 1;
  }
  return {
    devTop1: outcomes.filter((o) => o.rankedFirst).length / outcomes.length,
    devTop3: outcomes.filter((o) => o.rankedInTopThree).length / outcomes.length,
    exampleTop1: examplesFirst / heldOutExamples.length,
    exampleTop3: examplesTopThree / heldOutExamples.length,
  };
}
const objective = (s: ReturnType<typeof score>) => s.devTop1 + 0.5 * s.devTop3 + s.exampleTop1 + 0.5 * s.exampleTop3;
const show = (s: ReturnType<typeof score>) =>
  `dev top1=${s.devTop1.toFixed(3)} top3=${s.devTop3.toFixed(3)} | held-out examples top1=${s.exampleTop1.toFixed(3)} top3=${s.exampleTop3.toFixed(3)}`;

// A seeded generator, so a run can be repeated.
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

let best = { weights: DEFAULT_MATCH_WEIGHTS, score: score(DEFAULT_MATCH_WEIGHTS) };
process.stdout.write(`${heldOutExamples.length} held-out examples, ${dev.length} dev questions\nstart ${show(best.score)}\n`);
for (let trial = 0; trial < trials; trial += 1) {
  const spread = trial < trials / 2 ? 0.3 : 0.1;
  const candidate = Object.fromEntries(
    Object.entries(best.weights).map(([name, value]) => [name, Math.max(0, value + (random() - 0.5) * spread)]),
  ) as unknown as MatchWeights;
  const candidateScore = score(candidate);
  if (objective(candidateScore) > objective(best.score)) {
    best = { weights: candidate, score: candidateScore };
    const rounded = JSON.stringify(candidate, (_, value: unknown) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : value));
    process.stdout.write(`trial ${trial} ${show(candidateScore)} ${rounded}\n`);
  }
}
