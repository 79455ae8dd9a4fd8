import type { PolicyLibrary } from '../policies/load-policy-library.js';
import { TextAnalyser, type AnalysedText } from './analyse-text.js';
import { buildClauseIndex, type ClauseIndex } from './build-clause-index.js';
import { compileThesaurus, type CompiledThesaurus } from './compile-thesaurus.js';
import type { Audience } from '../policies/pack-schema.js';
import { SpellingCorrector } from './correct-spelling.js';
import { inferAskerRole, type RoleCues } from './infer-asker-role.js';
import { loadEnglishWords } from './load-english-words.js';
import { DEFAULT_MATCH_WEIGHTS, matchClauses, type AskerRole, type MatchResult, type MatchWeights } from './match-clauses.js';

export interface MatchedQuestion extends MatchResult {
  analysed: AnalysedText;
  /** The role used for ranking: the one given, or the one the question gives away. */
  role: AskerRole | undefined;
}

/** Every council's clause index, built once at start-up, with the analyser they share. */
export class PolicyMatcher {
  private readonly indexes = new Map<string, ClauseIndex>();
  private readonly queryAnalyser: TextAnalyser;
  private readonly roleCues: RoleCues;
  private readonly audienceCues: CompiledThesaurus['audienceCues'];

  constructor(
    library: Pick<PolicyLibrary, 'packs' | 'thesaurus' | 'outOfScopeQuestions'>,
    private readonly weights: MatchWeights = DEFAULT_MATCH_WEIGHTS,
  ) {
    const thesaurus = compileThesaurus(library.thesaurus);
    const packList = [...library.packs.values()];
    // Pack and out-of-scope text is the vocabulary itself: only questions need their spelling fixed. The
    // words are collected while that text is analysed for the indexes, so it is read once.
    const vocabulary = new Set(thesaurus.words);
    const indexAnalyser = new TextAnalyser(thesaurus, undefined, false, vocabulary);
    // Declined questions keep their off-topic concepts (annual leave, wifi): those are what mark them.
    const outOfScopeAnalyser = new TextAnalyser(thesaurus, undefined, true, vocabulary);
    const outOfScope = library.outOfScopeQuestions.map((question) => outOfScopeAnalyser.analyse(question).features);
    for (const pack of packList) this.indexes.set(pack.councilId, buildClauseIndex(pack, indexAnalyser, outOfScope));
    this.queryAnalyser = new TextAnalyser(thesaurus, new SpellingCorrector(vocabulary, loadEnglishWords()));
    this.roleCues = library.thesaurus.role_cues;
    this.audienceCues = thesaurus.audienceCues;
  }

  match(councilId: string, question: string, givenRole?: AskerRole): MatchedQuestion {
    const index = this.indexes.get(councilId);
    if (!index) throw new Error(`no index for council "${councilId}"`);
    const analysed = this.queryAnalyser.analyse(question);
    const role = givenRole ?? inferAskerRole(question, this.roleCues);
    const unconfirmedAudiences = new Set<Audience>();
    for (const [audience, cues] of this.audienceCues) {
      if (!analysed.features.some((feature) => cues.has(feature))) unconfirmedAudiences.add(audience);
    }
    return { ...matchClauses(index, analysed, { role, unconfirmedAudiences }, this.weights), analysed, role };
  }
}
