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
  coverage: number;
  /** Weight of the naive Bayes posterior among the candidates. */
  bayes: number;
  /** Added when the clause is written for the asker (a councillor reading Section C). */
  audienceBonus: number;
  /** Taken off when it is written for the other kind of reader. */
  audiencePenalty: number;
  /** Background clauses rarely answer "can I ...?". */
  informationPenalty: number;
}

export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  example: 0.45,
  text: 0.15,
  profile: 0.15,
  coverage: 0.25,
  bayes: 0.2,
  audienceBonus: 0.04,
  audiencePenalty: 0.08,
  informationPenalty: 0.03,
};

/** How many clauses, after the first cheap pass, are re-ranked on their whole profile. */
const RERANK_DEPTH = 40;

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
}

const MEMBER_AUDIENCES: ReadonlySet<Audience> = new Set(['members']);
const EMPLOYEE_AUDIENCES: ReadonlySet<Audience> = new Set([
  'employees',
  'sensitive-posts',
  'politically-restricted',
  'account-managers',
]);

function audienceAdjustment(audience: Audience, role: AskerRole | undefined, weights: MatchWeights): number {
  if (!role || audience === 'everyone') return 0;
  const forAsker = role === 'member' ? MEMBER_AUDIENCES.has(audience) : EMPLOYEE_AUDIENCES.has(audience);
  return forAsker ? weights.audienceBonus : -weights.audiencePenalty;
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
  role: AskerRole | undefined,
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
  if (queryVector.size === 0) return { matches: [], knownShare };

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
    const score =
      weights.bayes * posterior +
      weights.example * exampleSimilarity +
      weights.text * textSimilarity +
      weights.profile * profileSimilarity +
      weights.coverage * coverage +
      audienceAdjustment(clause.audience, role, weights) -
      (clause.stance === 'information' ? weights.informationPenalty : 0);
    return { clause, score, exampleSimilarity, textSimilarity, profileSimilarity, coverage, bayesPosterior: posterior };
  });
  matches.sort((left, right) => right.score - left.score || left.clause.id.localeCompare(right.clause.id));
  return { matches, knownShare };
}
