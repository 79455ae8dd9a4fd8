/**
 * npm run bench: start-up (load + index all packs), per-question latency p50/p99 on the real packs and on a
 * synthetic corpus 100 times larger, with fuse.js-only and MiniSearch (BM25, stemmed) baselines in the same run.
 * The question workload is the labelled question set (both splits); accuracy is not measured here.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import { PolicyMatcher } from '../src/answers/policy-matcher.js';
import { findPackageRoot } from '../src/config/find-package-root.js';
import { readConfig } from '../src/config/read-config.js';
import { loadQuestionSets } from '../src/evaluation/question-set.js';
import { loadPolicyLibrary } from '../src/policies/load-policy-library.js';
import type { Clause, PolicyPack } from '../src/policies/policy-pack.js';

const SCALE = 100;
const root = findPackageRoot();
const policiesDirectory = readConfig().policiesDirectory;
const questions = loadQuestionSets(join(root, 'tests', 'questions'), ['dev', 'holdout']);

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
function time<T>(work: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = work();
  return { result, ms: performance.now() - start };
}
/** `every` thins the workload for the slow fuse.js baseline: every nth question, spread over all councils. */
function latencies(ask: (councilId: string, question: string) => unknown, rounds: number, councilOf: (councilId: string) => string, every = 1) {
  const workload = questions.filter((_, position) => position % every === 0);
  for (const q of workload.slice(0, Math.ceil(20 / every))) ask(councilOf(q.councilId), q.question); // warm up
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const q of workload) samples.push(time(() => ask(councilOf(q.councilId), q.question)).ms);
  }
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), count: samples.length };
}

// A seeded generator, so every run builds the same synthetic corpus.
let seed = 20261122;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** One synthetic council holding SCALE times all four packs' clauses, each copy's words shuffled and mixed. */
function syntheticPack(packs: PolicyPack[]): PolicyPack {
  const originals = packs.flatMap((pack) => pack.clauses);
  const words = originals.flatMap((clause) => clause.text.split(/\s+/));
  const remix = (text: string) =>
    text
      .split(/\s+/)
      .map((word) => (random() < 0.3 ? pick(words) : word))
      .join(' ');
  const clauses: Clause[] = [];
  for (let copy = 0; copy < SCALE; copy += 1) {
    for (const clause of originals) {
      clauses.push({
        ...clause,
        id: `synthetic-${copy}-${clause.id}`,
        councilId: 'synthetic',
        text: copy === 0 ? clause.text : remix(clause.text),
        questions: clause.questions.map((question) => (copy === 0 ? question : remix(question))),
      });
    }
  }
  const template = packs[0]!;
  return { ...template, councilId: 'synthetic', councilName: 'Synthetic', clauses, clausesById: new Map(clauses.map((c) => [c.id, c])), preElection: undefined };
}

function fuseBaseline(packs: PolicyPack[]) {
  const indexes = new Map(packs.map((pack) => [pack.councilId, new Fuse(pack.clauses, { keys: ['text', 'heading'], includeScore: true, ignoreLocation: true })]));
  return (councilId: string, question: string) => indexes.get(councilId)!.search(question, { limit: 3 });
}
function miniSearchBaseline(packs: PolicyPack[]) {
  const indexes = new Map(
    packs.map((pack) => {
      const search = new MiniSearch<Clause>({ fields: ['text', 'headingText'], idField: 'id', processTerm: (term) => stemmer(term.toLowerCase()) });
      search.addAll(pack.clauses.map((clause) => ({ ...clause, headingText: clause.heading.join(' ') })));
      return [pack.councilId, search];
    }),
  );
  return (councilId: string, question: string) => indexes.get(councilId)!.search(question).slice(0, 3);
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const fixed = (value: number, digits = 3) => value.toFixed(digits);

const startupSamples: number[] = [];
let library = loadPolicyLibrary(policiesDirectory);
let matcher = new PolicyMatcher(library);
for (let run = 0; run < 5; run += 1) {
  startupSamples.push(
    time(() => {
      library = loadPolicyLibrary(policiesDirectory);
      matcher = new PolicyMatcher(library);
    }).ms,
  );
}
const packs = [...library.packs.values()];
const clauseCount = packs.reduce((sum, pack) => sum + pack.clauses.length, 0);
const exampleCount = packs.reduce((sum, pack) => sum + pack.clauses.reduce((n, clause) => n + clause.questions.length, 0), 0);
print(`Corpus: ${packs.length} packs, ${clauseCount} clauses, ${exampleCount} example questions; workload ${questions.length} labelled questions`);
print(`Start-up, load and index all packs: median ${fixed(percentile(startupSamples, 0.5), 1)} ms, worst ${fixed(Math.max(...startupSamples), 1)} ms (5 runs, in process)`);
const coldRuns = Array.from({ length: 5 }, () => {
  const run = spawnSync(process.execPath, [join(root, 'dist', 'scripts', 'measure-start-up.js')], { encoding: 'utf8' });
  return JSON.parse(run.stdout) as { loadAndIndexMs: number; sinceProcessStartMs: number };
});
print(
  `Cold start in a fresh process: load and index median ${fixed(percentile(coldRuns.map((r) => r.loadAndIndexMs), 0.5), 1)} ms, ` +
    `ready ${fixed(percentile(coldRuns.map((r) => r.sinceProcessStartMs), 0.5), 1)} ms after the process started (median of 5)`,
);

process.stderr.write('timing the real packs...\n');
const ours = latencies((councilId, question) => matcher.match(councilId, question), 20, (id) => id);
const fuse = latencies(fuseBaseline(packs), 1, (id) => id);
const mini = latencies(miniSearchBaseline(packs), 20, (id) => id);
print('\nReal packs, per question (ms):');
print(`  policy-desk   p50 ${fixed(ours.p50)}  p99 ${fixed(ours.p99)}  (${ours.count} questions)`);
print(`  fuse.js only  p50 ${fixed(fuse.p50)}  p99 ${fixed(fuse.p99)}  ratio to policy-desk p50 ${fixed(fuse.p50 / ours.p50, 2)}x, p99 ${fixed(fuse.p99 / ours.p99, 2)}x`);
print(`  MiniSearch    p50 ${fixed(mini.p50)}  p99 ${fixed(mini.p99)}  ratio to policy-desk p50 ${fixed(mini.p50 / ours.p50, 2)}x, p99 ${fixed(mini.p99 / ours.p99, 2)}x`);

process.stderr.write(`building the ${SCALE}x corpus...\n`);
const synthetic = syntheticPack(packs);
const syntheticExamples = synthetic.clauses.reduce((n, clause) => n + clause.questions.length, 0);
const built = time(() => new PolicyMatcher({ ...library, packs: new Map([['synthetic', synthetic]]) }));
process.stderr.write('timing it...\n');
const big = latencies((_, question) => built.result.match('synthetic', question), 3, () => 'synthetic');
process.stderr.write('timing the baselines on it (fuse.js takes about 20 s a question here)...\n');
const bigFuse = latencies(fuseBaseline([synthetic]), 1, () => 'synthetic', 100);
const bigMini = latencies(miniSearchBaseline([synthetic]), 2, () => 'synthetic');
print(`\nSynthetic corpus ${SCALE}x (${synthetic.clauses.length} clauses, ${syntheticExamples} example questions in one council), per question (ms):`);
print(`  index build   ${fixed(built.ms, 0)} ms`);
print(`  policy-desk   p50 ${fixed(big.p50)}  p99 ${fixed(big.p99)}  (${big.count} questions)`);
print(`  fuse.js only  p50 ${fixed(bigFuse.p50)}  p99 ${fixed(bigFuse.p99)}  ratio p50 ${fixed(bigFuse.p50 / big.p50, 2)}x, p99 ${fixed(bigFuse.p99 / big.p99, 2)}x`);
print(`  MiniSearch    p50 ${fixed(bigMini.p50)}  p99 ${fixed(bigMini.p99)}  ratio p50 ${fixed(bigMini.p50 / big.p50, 2)}x, p99 ${fixed(bigMini.p99 / big.p99, 2)}x`);
