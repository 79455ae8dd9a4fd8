/**
 * npm run eval [-- --split dev|holdout|all] [--misses] [--fit]
 * Prints, per council and split: top-1, top-3, abstentions on in-scope questions, and out-of-scope declined.
 * Then, for the conversation intents: per split, accuracy and each intent's recall on tests/intents/<split>.yaml.
 * --misses lists dev questions answered wrongly and dev messages given the wrong intent (never holdout ones:
 * those stay unseen while tuning).
 * --fit refits the confidence model (dev split plus cross-fitted pack examples and out-of-scope questions;
 * never the holdout) and rewrites src/answers/confidence-model.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyMatcher } from '../src/answers/policy-matcher.js';
import { findPackageRoot } from '../src/config/find-package-root.js';
import { readConfig } from '../src/config/read-config.js';
import { evaluateMatcher, groupOutcomes, scoreOutcomes, type SplitScores } from '../src/evaluation/evaluate-matcher.js';
import { evaluateIntents } from '../src/evaluation/evaluate-intents.js';
import { loadIntentSets } from '../src/evaluation/intent-set.js';
import { INTENT_IDS } from '../src/intents/intent-ids.js';
import { loadIntentClassifier } from '../src/intents/load-intent-classifier.js';
import { collectCrossFittedOutcomes } from '../src/evaluation/collect-cross-fitted-outcomes.js';
import { fitConfidenceModel } from '../src/evaluation/fit-confidence-model.js';
import { loadQuestionSets, QUESTION_SPLITS, type QuestionSplit } from '../src/evaluation/question-set.js';
import { loadPolicyLibrary } from '../src/policies/load-policy-library.js';

const args = process.argv.slice(2);
const splitArgument = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'all';
const splits: QuestionSplit[] = splitArgument === 'all' ? [...QUESTION_SPLITS] : [splitArgument as QuestionSplit];
if (!splits.every((split) => (QUESTION_SPLITS as readonly string[]).includes(split))) {
  process.stderr.write(`eval: --split must be dev, holdout or all\n`);
  process.exit(2);
}

const root = findPackageRoot();
const library = loadPolicyLibrary(readConfig().policiesDirectory);
for (const [folder, error] of library.brokenPacks) process.stderr.write(`eval: pack ${folder} not loaded: ${error.message}\n`);
const matcher = new PolicyMatcher(library);
const questions = loadQuestionSets(join(root, 'tests', 'questions'), splits);

if (args.includes('--fit')) {
  const dev = evaluateMatcher(matcher, library.packs, questions.filter((q) => q.split === 'dev'));
  const crossFitted = collectCrossFittedOutcomes(library);
  const model = fitConfidenceModel([...dev.outcomes, ...crossFitted], dev.outcomes);
  const file = join(root, 'src', 'answers', 'confidence-model.ts');
  writeFileSync(
    file,
    `import type { ConfidenceModel } from './estimate-confidence.js';

/**
 * Fitted with \`npm run eval -- --fit\` on the dev split of tests/questions and on cross-fitted pack examples and
 * out-of-scope questions, the threshold on the dev split alone (never the holdout). Refit after changing the
 * matcher, the thesaurus or the packs. scope: P(the policy covers the question), which alone decides abstaining;
 * ranking: P(top clause right | covered).
 */
export const CONFIDENCE_MODEL: ConfidenceModel = ${JSON.stringify(model, null, 2).replace(/"(\w+)":/g, '$1:')};
`,
  );
  process.stdout.write(
    `fitted on ${dev.outcomes.length} dev questions and ${crossFitted.length} cross-fitted ones, threshold chosen on dev; wrote ${file}; rebuild and rerun to see the effect\n`,
  );
  process.exit(0);
}

const { outcomes, unresolved } = evaluateMatcher(matcher, library.packs, questions);
for (const labelled of unresolved) process.stderr.write(`eval: label matches no clause: ${labelled.origin} "${labelled.question}"\n`);

const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
const row = (label: string, scores: SplitScores) =>
  `${label.padEnd(18)} ${String(scores.inScope).padStart(5)} ${percent(scores.top1)} ${percent(scores.top3)} ${percent(scores.abstainedInScope)}   ${String(scores.outOfScope).padStart(4)} ${percent(scores.declined)}   ${percent(scores.sectionTop1)} ${percent(scores.sectionTop3)}`;
process.stdout.write(
  `${'split/council'.padEnd(18)} ${'in'.padStart(5)} ${'top-1'.padStart(7)} ${'top-3'.padStart(7)} ${'abstain'.padStart(7)}   ${'out'.padStart(4)} ${'declined'.padStart(7)}   ${'sect-1'.padStart(7)} ${'sect-3'.padStart(7)}\n` +
    'top-1/top-3: right clause first / in the first three, counting abstentions as misses; abstain: in-scope questions declined;\n' +
    'declined: out-of-scope questions declined; sect-1/sect-3: the same as top-1/top-3, judged by section reference only.\n',
);
for (const split of splits) {
  const groups = [...groupOutcomes(outcomes).values()].filter((group) => group.split === split);
  for (const group of groups) process.stdout.write(row(`${split}/${group.councilId}`, scoreOutcomes(group.outcomes)) + '\n');
  process.stdout.write(row(`${split}/ALL`, scoreOutcomes(groups.flatMap((group) => group.outcomes))) + '\n');
}

const intentClassifier = loadIntentClassifier(join(root, 'intents'));
const intentItems = loadIntentSets(join(root, 'tests', 'intents'), splits);
const intentScores = splits.map((split) => ({ split, scores: evaluateIntents(intentClassifier, intentItems.filter((item) => item.split === split)) }));
process.stdout.write(
  `\nintents ${'split'.padEnd(8)} ${'n'.padStart(4)} ${'accuracy'.padStart(8)}  ${INTENT_IDS.map((intent) => intent.padStart(Math.max(7, intent.length))).join(' ')}\n` +
    'per-intent columns are recall: of the messages that are that intent, the share given it.\n',
);
for (const { split, scores } of intentScores) {
  if (scores.n === 0) continue;
  const recalls = INTENT_IDS.map((intent) => percent(scores.perIntent[intent].recall).padStart(Math.max(7, intent.length)));
  process.stdout.write(`intents ${split.padEnd(8)} ${String(scores.n).padStart(4)} ${percent(scores.accuracy).padStart(8)}  ${recalls.join(' ')}\n`);
}

if (args.includes('--misses')) {
  for (const outcome of outcomes.filter((o) => o.labelled.split === 'dev')) {
    const wrong = outcome.inScope ? outcome.abstained || !outcome.rankedFirst : !outcome.abstained;
    if (!wrong) continue;
    const expected = outcome.inScope ? [...outcome.accepted].join('|') : 'none';
    process.stdout.write(
      `MISS ${outcome.labelled.councilId} conf=${outcome.confidence.toFixed(2)} "${outcome.labelled.question}" expected=${expected} got=${outcome.rankedIds.join(', ')}\n`,
    );
  }
  for (const outcome of intentScores.find((entry) => entry.split === 'dev')?.scores.outcomes ?? []) {
    if (outcome.expected === outcome.got) continue;
    process.stdout.write(`INTENT MISS conf=${outcome.confidence.toFixed(2)} "${outcome.text}" expected=${outcome.expected} got=${outcome.got}\n`);
  }
}
