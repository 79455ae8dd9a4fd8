import type { Clause, PolicyPack, PreElectionPeriod, Role } from '../policies/policy-pack.js';
import type { Confidence } from './estimate-confidence.js';
import type { ClauseMatch } from './match-clauses.js';
import { CONCEPT_PREFIX } from './compile-thesaurus.js';
import { findCurrentPreElectionPeriod } from './is-in-pre-election-period.js';
import type { MatchedQuestion } from './policy-matcher.js';
import { verdictForStance } from './verdict-for-stance.js';

/** A second clause this close to the first, saying something different, is shown as "did you mean". */
const CLOSE_CALL_RATIO = 0.9;
/** Related clauses must score at least this share of the best one. */
const RELATED_RATIO = 0.6;
const MAX_RELATED = 2;

export interface QuotedClause {
  clause: Clause;
  score: number;
  verdict: string;
  /** The roles the clause names, in its order; empty when it names nobody. */
  contacts: Role[];
}

export interface PolicyAnswer {
  question: string;
  pack: PolicyPack;
  abstained: boolean;
  confidence: number;
  verdict: string;
  /** The deciding clause; absent when Policy Desk abstains. */
  best?: QuotedClause | undefined;
  /** A close second that says something different: shown as "did you mean". */
  closeCall?: QuotedClause | undefined;
  related: QuotedClause[];
  /** Who to ask: the roles the deciding clause names, else the pack's fallback (the communications team). */
  contacts: Role[];
  /** During a pre-election period, the pack's purdah clause for questions about political content. */
  preElectionWarning?: { period: PreElectionPeriod; clause: Clause } | undefined;
  /** Ranked clauses (up to three, best first), for machine-readable output. */
  ranked: QuotedClause[];
}

export interface ComposeOptions {
  abstainBelow: number;
  now: Date;
}

function quote(pack: PolicyPack, match: ClauseMatch): QuotedClause {
  const contacts = match.clause.contactRoleIds.map((roleId) => pack.roles.get(roleId)!);
  return { clause: match.clause, score: match.score, verdict: verdictForStance(match.clause.stance, contacts[0]), contacts };
}

// Clauses are loaded once; normalising their text on every answer was a noticeable share of a turn.
const comparableTexts = new WeakMap<object, string>();
function comparableText(clause: ClauseMatch['clause']): string {
  let text = comparableTexts.get(clause);
  if (text === undefined) {
    text = clause.text.replace(/\s+/g, ' ').trim().toLowerCase();
    comparableTexts.set(clause, text);
  }
  return text;
}

/** Drops clauses printed twice with the same words (Cannock B 2.7 and 2.8): quoting both adds nothing. */
function distinctByText(matches: readonly ClauseMatch[]): ClauseMatch[] {
  const seen = new Set<string>();
  return matches.filter((match) => {
    const key = comparableText(match.clause);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Turns a ranked match into the answer a user sees. Pure: the clock and the threshold are passed in. */
export function composeAnswer(
  pack: PolicyPack,
  question: string,
  matched: MatchedQuestion,
  { confidence, inScope }: Confidence,
  options: ComposeOptions,
): PolicyAnswer {
  const fallback = pack.roles.get(pack.fallbackContactRoleId)!;
  const matches = distinctByText(matched.matches);
  const ranked = matches.slice(0, 3).map((match) => quote(pack, match));
  const preElectionWarning = findPreElectionWarning(pack, matched, options.now);
  const abstained = ranked.length === 0 || inScope < options.abstainBelow;

  if (abstained) {
    return {
      question,
      pack,
      abstained: true,
      confidence,
      verdict: `Not covered: ${pack.councilName}'s policy does not answer this. Please ask the ${fallback.title.replace(/^The /, '')}.`,
      related: [],
      contacts: [fallback],
      preElectionWarning,
      ranked: [],
    };
  }

  const [best, second] = ranked as [QuotedClause, QuotedClause | undefined];
  const isCloseCall =
    second !== undefined && second.score >= best.score * CLOSE_CALL_RATIO && second.clause.stance !== best.clause.stance;
  const closeCall = isCloseCall ? second : undefined;
  const related = ranked
    .slice(1)
    .filter((candidate) => candidate !== closeCall && candidate.score >= best.score * RELATED_RATIO)
    .slice(0, MAX_RELATED);
  return {
    question,
    pack,
    abstained: false,
    confidence,
    verdict: closeCall ? `It depends: two clauses could apply. ${best.verdict}` : best.verdict,
    best,
    closeCall,
    related,
    contacts: best.contacts.length > 0 ? best.contacts : [fallback],
    preElectionWarning: preElectionWarning?.clause.id === best.clause.id ? undefined : preElectionWarning,
    ranked,
  };
}

function findPreElectionWarning(pack: PolicyPack, matched: MatchedQuestion, now: Date): PolicyAnswer['preElectionWarning'] {
  if (!pack.preElection) return undefined;
  const topics = new Set(pack.preElection.topics.map((topic) => CONCEPT_PREFIX + topic));
  if (!matched.analysed.features.some((feature) => topics.has(feature))) return undefined;
  const period = findCurrentPreElectionPeriod(pack.preElection.periods, now);
  const clause = pack.clausesById.get(pack.preElection.clauseId);
  return period && clause ? { period, clause } : undefined;
}
