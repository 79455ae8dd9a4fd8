import { similarity } from 'ml-distance';
import { AUDIENCES, type Audience } from '../policies/pack-schema.js';
import type { Clause } from '../policies/policy-pack.js';
import type { AnalysedText } from './analyse-text.js';
import type { ClauseIndex } from './build-clause-index.js';
import { accumulate, scratchFor, selectBest, softmaxInPlace } from './candidate-buffers.js';
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
  example: 0.47,
  text: 0.56,
  profile: 0.16,
  bayes: 0.75,
  audienceBonus: 0.3,
  audiencePenalty: 0.17,
  narrowAudiencePenalty: 0.1,
  informationPenalty: 0.02,
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

  const { textScores, exampleScores, bestExample, bayes, quickScores, touchedClauses, touchedExamples } = scratchFor(index);
  accumulate(index.textPostings, queryVector, textScores, touchedClauses);
  accumulate(index.examplePostings, queryVector, exampleScores, touchedExamples);
  const examples = touchedExamples.ids;
  for (let position = 0; position < examples.length; position += 1) {
    const exampleId = examples[position]!;
    const owner = index.exampleOwners[exampleId]!;
    if (exampleScores[exampleId]! > bestExample[owner]!) bestExample[owner] = exampleScores[exampleId]!;
    touchedClauses.add(owner);
  }
  const candidates = touchedClauses.ids;

  // Naive Bayes over the candidate clauses: each known word's log-probability, the unseen one where the clause never uses it.
  let knownWords = 0;
  for (const [feature, count] of counts) if (index.idf.has(feature)) knownWords += count;
  for (let position = 0; position < candidates.length; position += 1) {
    bayes[candidates[position]!] = knownWords * index.bayesUnseen[candidates[position]!]!;
  }
  for (const [feature, count] of counts) {
    const list = index.bayesPostings.get(feature);
    if (!list || !index.idf.has(feature)) continue;
    for (let position = 0; position < list.ids.length; position += 1) {
      const clauseId = list.ids[position]!;
      if (touchedClauses.has(clauseId)) bayes[clauseId] = bayes[clauseId]! + count * list.weights[position]!;
    }
  }
  softmaxInPlace(bayes, candidates);

  // The audience adjustment as a scale and a bonus per audience, worked out once rather than per candidate.
  const bonusByAudience = AUDIENCES.map((audience) => adjustForAudience(0, audience, asker, weights));
  const scaleByAudience = AUDIENCES.map((audience, code) => adjustForAudience(1, audience, asker, weights) - bonusByAudience[code]!);
  for (let position = 0; position < candidates.length; position += 1) {
    const clauseId = candidates[position]!;
    const code = index.audienceCodes[clauseId]!;
    const evidence = weights.example * bestExample[clauseId]! + weights.text * textScores[clauseId]! + weights.bayes * bayes[clauseId]!;
    quickScores[clauseId] = evidence * scaleByAudience[code]! + bonusByAudience[code]!;
  }
  const firstPass = selectBest(candidates, quickScores, RERANK_DEPTH).map((clauseId) => ({
    clauseId,
    exampleSimilarity: bestExample[clauseId]!,
    textSimilarity: textScores[clauseId]!,
    posterior: bayes[clauseId]!,
  }));

  for (let position = 0; position < examples.length; position += 1) exampleScores[examples[position]!] = 0;
  for (let position = 0; position < candidates.length; position += 1) {
    const id = candidates[position]!;
    textScores[id] = 0;
    bestExample[id] = 0;
    bayes[id] = 0;
    quickScores[id] = 0;
  }
  touchedExamples.clear();
  touchedClauses.clear();

  const matches = firstPass.map(({ clauseId, exampleSimilarity, textSimilarity, posterior }) => {
    const clause = index.clauses[clauseId]!;
    const profile = index.profiles[clauseId]!;
    let coveredMass = 0;
    for (const feature of counts.keys()) {
      if (profile.has(feature)) coveredMass += index.idf.get(feature) ?? 0;
    }
    const coverage = totalMass > 0 ? coveredMass / totalMass : 0;
    const profileSimilarity = profileCosine(queryVector, profile);
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
