import { similarity } from 'ml-distance';
import type { Audience } from '../policies/pack-schema.js';
import type { Clause } from '../policies/policy-pack.js';
import type { AnalysedText } from './analyse-text.js';
import type { ClauseIndex, Postings } from './build-clause-index.js';
import { countFeatures, weighByIdf, type SparseVector } from './sparse-vector.js';

export type AskerRole = 'employee' | 'member';

export interface MatchWeights {
  example: number;
  text: number;
  profile: number;
  /** Weight of the naive Bayes posterior among the candidates. */
  bayes: number;
  /** Added when the clause is written for the asker (a councillor reading Section C). */
  audienceBonus: number;
  /** Share of the score taken off when it is written for the other kind of reader: it rarely applies to them. */
  audiencePenalty: number;
  /** Share taken off a clause for a narrow group (staff in sensitive posts) when the question shows no sign of it. */
  narrowAudiencePenalty: number;
  /** Background clauses rarely answer "can I ...?". */
  informationPenalty: number;
}

// Tuned with `npm run tune` (dev split plus held-out pack examples; never the holdout split), then rounded.
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  example: 0.5,
  text: 0.55,
  profile: 0.2,
  bayes: 0.55,
  audienceBonus: 0.2,
  audiencePenalty: 0.35,
  narrowAudiencePenalty: 0.15,
  informationPenalty: 0.05,
};

/** How many clauses, after the first cheap pass, are re-ranked on their whole profile. */
const RERANK_DEPTH = 40;

/** Who is asking, as far as the matcher can tell. */
export interface Asker {
  role?: AskerRole | undefined;
  /** Narrow audiences (staff in sensitive posts...) the question gives no sign of belonging to. */
  unconfirmedAudiences: ReadonlySet<Audience>;
}

export interface ClauseMatch {
  clause: Clause;
  score: number;
  exampleSimilarity: number;
  textSimilarity: number;
  profileSimilarity: number;
  coverage: number;
  bayesPosterior: number;
}

export interface MatchResult {
  matches: ClauseMatch[];
  /** Share of the question's weight made of words this council's policy uses at all. */
  knownShare: number;
  /** Cosine with the closest question that should be declined (annual leave, blue ticks). */
  outOfScopeSimilarity: number;
}

const MEMBER_AUDIENCES: ReadonlySet<Audience> = new Set(['members']);
const EMPLOYEE_AUDIENCES: ReadonlySet<Audience> = new Set([
  'employees',
  'sensitive-posts',
  'politically-restricted',
  'account-managers',
]);

/** The score after weighing who the clause is written for against who is asking. */
function adjustForAudience(score: number, audience: Audience, asker: Asker, weights: MatchWeights): number {
  const narrowed = asker.unconfirmedAudiences.has(audience) ? score * (1 - Math.min(weights.narrowAudiencePenalty, 1)) : score;
  if (!asker.role || audience === 'everyone') return narrowed;
  const forAsker = asker.role === 'member' ? MEMBER_AUDIENCES.has(audience) : EMPLOYEE_AUDIENCES.has(audience);
  return forAsker ? narrowed + weights.audienceBonus : narrowed * (1 - Math.min(weights.audiencePenalty, 1));
}

function accumulate(postings: Map<string, Postings>, query: SparseVector, into: Float64Array, touched: Set<number>): void {
  for (const [feature, queryWeight] of query) {
    const list = postings.get(feature);
    if (!list) continue;
    for (let position = 0; position < list.ids.length; position += 1) {
      const id = list.ids[position]!;
      into[id] = into[id]! + queryWeight * list.weights[position]!;
      touched.add(id);
    }
  }
}

function softmaxOver(logLikelihood: Float64Array, clauseIds: Iterable<number>): Map<number, number> {
  const ids = [...clauseIds];
  const highest = Math.max(...ids.map((id) => logLikelihood[id]!));
  const exponentials = ids.map((id) => Math.exp(logLikelihood[id]! - highest));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return new Map(ids.map((id, position) => [id, exponentials[position]! / total]));
}

/** Cosine of the question and a clause's whole profile, over the features either uses. */
function profileCosine(query: SparseVector, profile: SparseVector): number {
  const features = new Set([...query.keys(), ...profile.keys()]);
  const left: number[] = [];
  const right: number[] = [];
  for (const feature of features) {
    left.push(query.get(feature) ?? 0);
    right.push(profile.get(feature) ?? 0);
  }
  const value = similarity.cosine(left, right);
  return Number.isFinite(value) ? value : 0;
}

/** Ranks one council's clauses against an analysed question, best first. */
export function matchClauses(
  index: ClauseIndex,
  question: AnalysedText,
  asker: Asker,
  weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
): MatchResult {
  const counts = countFeatures(question.features);
  const queryVector = weighByIdf(counts, index.idf);
  let totalMass = 0;
  let knownMass = 0;
  for (const feature of counts.keys()) {
    const inverse = index.idf.get(feature);
    totalMass += inverse ?? index.unseenIdf;
    knownMass += inverse ?? 0;
  }
  const knownShare = totalMass > 0 ? knownMass / totalMass : 0;
  const outOfScopeSimilarity = closestOutOfScope(index, counts);
  if (queryVector.size === 0) return { matches: [], knownShare, outOfScopeSimilarity };

  const clauseCount = index.clauses.length;
  const textScores = new Float64Array(clauseCount);
  const touchedClauses = new Set<number>();
  accumulate(index.textPostings, queryVector, textScores, touchedClauses);

  const exampleScores = new Float64Array(index.exampleOwners.length);
  const touchedExamples = new Set<number>();
  accumulate(index.examplePostings, queryVector, exampleScores, touchedExamples);
  const bestExample = new Float64Array(clauseCount);
  for (const exampleId of touchedExamples) {
    const owner = index.exampleOwners[exampleId]!;
    bestExample[owner] = Math.max(bestExample[owner]!, exampleScores[exampleId]!);
    touchedClauses.add(owner);
  }

  const bayesLogLikelihood = new Float64Array(clauseCount);
  const bayesTouched = new Set<number>();
  for (const [feature, count] of counts) {
    if (!index.idf.has(feature)) continue;
    const list = index.bayesPostings.get(feature);
    for (let clauseId = 0; clauseId < clauseCount; clauseId += 1) {
      bayesLogLikelihood[clauseId] = bayesLogLikelihood[clauseId]! + count * index.bayesUnseen[clauseId]!;
    }
    if (!list) continue;
    for (let position = 0; position < list.ids.length; position += 1) {
      const clauseId = list.ids[position]!;
      bayesLogLikelihood[clauseId] = bayesLogLikelihood[clauseId]! + count * list.weights[position]!;
      bayesTouched.add(clauseId);
    }
  }
  const bayesPosterior = softmaxOver(bayesLogLikelihood, touchedClauses);

  const firstPass = [...touchedClauses]
    .map((clauseId) => ({
      clauseId,
      quick:
        weights.example * bestExample[clauseId]! +
        weights.text * textScores[clauseId]! +
        weights.bayes * (bayesPosterior.get(clauseId) ?? 0),
    }))
    .sort((left, right) => right.quick - left.quick || left.clauseId - right.clauseId)
    .slice(0, RERANK_DEPTH);

  const matches = firstPass.map(({ clauseId }) => {
    const clause = index.clauses[clauseId]!;
    const profile = index.profiles[clauseId]!;
    let coveredMass = 0;
    for (const feature of counts.keys()) {
      if (profile.has(feature)) coveredMass += index.idf.get(feature) ?? 0;
    }
    const coverage = totalMass > 0 ? coveredMass / totalMass : 0;
    const profileSimilarity = profileCosine(queryVector, profile);
    const exampleSimilarity = bestExample[clauseId]!;
    const textSimilarity = textScores[clauseId]!;
    const posterior = bayesPosterior.get(clauseId) ?? 0;
    const evidence =
      weights.bayes * posterior +
      weights.example * exampleSimilarity +
      weights.text * textSimilarity +
      weights.profile * profileSimilarity -
      (clause.stance === 'information' ? weights.informationPenalty : 0);
    const score = adjustForAudience(evidence, clause.audience, asker, weights);
    return { clause, score, exampleSimilarity, textSimilarity, profileSimilarity, coverage, bayesPosterior: posterior };
  });
  matches.sort((left, right) => right.score - left.score || left.clause.id.localeCompare(right.clause.id));
  return { matches, knownShare, outOfScopeSimilarity };
}

function closestOutOfScope(index: ClauseIndex, counts: SparseVector): number {
  if (index.outOfScopePostings.size === 0) return 0;
  const scores = new Map<number, number>();
  for (const [feature, weight] of weighByIdf(counts, index.outOfScopeIdf)) {
    const list = index.outOfScopePostings.get(feature);
    if (!list) continue;
    for (let position = 0; position < list.ids.length; position += 1) {
      const id = list.ids[position]!;
      scores.set(id, (scores.get(id) ?? 0) + weight * list.weights[position]!);
    }
  }
  let best = 0;
  for (const score of scores.values()) best = Math.max(best, score);
  return best;
}
