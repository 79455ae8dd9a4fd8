import { AUDIENCES } from '../policies/pack-schema.js';
import type { Clause, PolicyPack } from '../policies/policy-pack.js';
import type { TextAnalyser } from './analyse-text.js';
import { countFeatures, weighByIdf, type SparseVector } from './sparse-vector.js';

/** Headings and lead-ins say what a clause is about, but less sharply than its own words. */
const HEADING_WEIGHT = 0.5;
const CONTEXT_WEIGHT = 0.5;

/** For each feature, the documents using it; text and example postings are sorted heaviest first. */
export interface Postings {
  ids: number[];
  weights: number[];
}

export interface ClauseIndex {
  pack: PolicyPack;
  clauses: Clause[];
  /** Each clause's audience as its position in AUDIENCES, for tight loops. */
  audienceCodes: Uint8Array;
  idf: ReadonlyMap<string, number>;
  /** The idf a feature no clause uses would get: how surprising a word the pack never uses is. */
  unseenIdf: number;
  /** Clause vectors from the policy's own words (text, lead-in, headings). */
  textPostings: Map<string, Postings>;
  /** One vector per example question; exampleOwners maps each to its clause. */
  examplePostings: Map<string, Postings>;
  exampleOwners: number[];
  /** Every feature a clause touches in any field: its whole profile, for coverage and re-ranking. */
  profiles: SparseVector[];
  /** Naive Bayes: per feature, the clauses using it and log(count + alpha) - log(alpha). */
  bayesPostings: Map<string, Postings>;
  /** Per clause, log(alpha / (total + alpha * vocabulary)): the log-probability of a word it never uses. */
  bayesUnseen: number[];
  /** Questions no policy answers, weighed with this council's idf (their own words at the unseen idf). */
  outOfScopeIdf: ReadonlyMap<string, number>;
  outOfScopePostings: Map<string, Postings>;
}

/** Naive Bayes smoothing: small, because a clause's few examples are all the evidence there is. */
const BAYES_ALPHA = 0.1;

function addPostings(postings: Map<string, Postings>, id: number, vector: SparseVector): void {
  for (const [feature, weight] of vector) {
    let list = postings.get(feature);
    if (!list) {
      list = { ids: [], weights: [] };
      postings.set(feature, list);
    }
    list.ids.push(id);
    list.weights.push(weight);
  }
}

/** Heaviest postings first, so a walk can stop once what is left cannot change a ranking. */
function sortByImpact(list: Postings): void {
  const order = list.ids.map((_, position) => position).sort((a, b) => list.weights[b]! - list.weights[a]! || list.ids[a]! - list.ids[b]!);
  const ids = order.map((position) => list.ids[position]!);
  const weights = order.map((position) => list.weights[position]!);
  list.ids = ids;
  list.weights = weights;
}

function headingFeatures(analyser: TextAnalyser, heading: readonly string[]): string[] {
  return heading.flatMap((line) => analyser.analyse(line).features.filter((feature) => !/^\d+$/.test(feature)));
}

/**
 * Builds the search index for one council's clauses. Pure: same inputs, same index.
 * `outOfScope` holds the analysed features of questions that should be declined.
 */
export function buildClauseIndex(pack: PolicyPack, analyser: TextAnalyser, outOfScope: readonly string[][] = []): ClauseIndex {
  const clauses = pack.clauses;
  const analysed = clauses.map((clause) => ({
    text: analyser.analyse(clause.text).features,
    context: clause.context ? analyser.analyse(clause.context).features : [],
    heading: headingFeatures(analyser, clause.heading),
    examples: clause.questions.map((question) => analyser.analyse(question).features),
  }));

  const documentFrequency = new Map<string, number>();
  for (const fields of analysed) {
    const distinct = new Set([...fields.text, ...fields.context, ...fields.heading, ...fields.examples.flat()]);
    for (const feature of distinct) documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
  }
  const clauseCount = clauses.length;
  const idf = new Map<string, number>();
  for (const [feature, frequency] of documentFrequency) {
    idf.set(feature, Math.log((clauseCount + 1) / (frequency + 0.5)));
  }

  const textPostings = new Map<string, Postings>();
  const examplePostings = new Map<string, Postings>();
  const exampleOwners: number[] = [];
  const profiles: SparseVector[] = [];
  const bayesCounts: SparseVector[] = [];
  analysed.forEach((fields, clauseIndex) => {
    const textCounts = countFeatures(fields.text);
    countFeatures(fields.context, CONTEXT_WEIGHT, textCounts);
    countFeatures(fields.heading, HEADING_WEIGHT, textCounts);
    addPostings(textPostings, clauseIndex, weighByIdf(textCounts, idf));
    for (const example of fields.examples) {
      addPostings(examplePostings, exampleOwners.length, weighByIdf(countFeatures(example), idf));
      exampleOwners.push(clauseIndex);
    }
    const profileCounts = new Map(textCounts);
    for (const example of fields.examples) countFeatures(example, 1, profileCounts);
    profiles.push(weighByIdf(profileCounts, idf));
    bayesCounts.push(profileCounts);
  });

  const vocabularySize = documentFrequency.size;
  const bayesPostings = new Map<string, Postings>();
  const bayesUnseen = bayesCounts.map((counts, clauseIndex) => {
    let total = 0;
    for (const count of counts.values()) total += count;
    const evidence: SparseVector = new Map();
    for (const [feature, count] of counts) evidence.set(feature, Math.log(count + BAYES_ALPHA) - Math.log(BAYES_ALPHA));
    addPostings(bayesPostings, clauseIndex, evidence);
    return Math.log(BAYES_ALPHA / (total + BAYES_ALPHA * vocabularySize));
  });

  const unseenIdf = Math.log((clauseCount + 1) / 0.5);
  const outOfScopeIdf = new Map(idf);
  for (const features of outOfScope) for (const feature of features) if (!outOfScopeIdf.has(feature)) outOfScopeIdf.set(feature, unseenIdf);
  const outOfScopePostings = new Map<string, Postings>();
  outOfScope.forEach((features, position) => addPostings(outOfScopePostings, position, weighByIdf(countFeatures(features), outOfScopeIdf)));

  for (const postings of [textPostings, examplePostings]) for (const list of postings.values()) sortByImpact(list);

  return {
    pack,
    clauses,
    audienceCodes: Uint8Array.from(clauses, (clause) => AUDIENCES.indexOf(clause.audience)),
    idf,
    unseenIdf,
    textPostings,
    examplePostings,
    exampleOwners,
    profiles,
    bayesPostings,
    bayesUnseen,
    outOfScopeIdf,
    outOfScopePostings,
  };
}
