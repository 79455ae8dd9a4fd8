import { matchLongestPhrase, type CompiledThesaurus } from './compile-thesaurus.js';
import { tokenise } from './normalise-text.js';
import type { SpellingCorrector } from './correct-spelling.js';
import { stemWord } from './stem-word.js';

export interface AnalysedText {
  /** Concept ids (prefixed "~") and stems of the words no concept covers, in order, repeats kept. */
  features: string[];
  /** Off-topic concepts found (annual leave, wifi): a strong hint the policy is not what is being asked about. */
  offTopicConcepts: string[];
  /** Whether any concept ties the text to social media (a platform, posting, an account...). */
  mentionsSocialMedia: boolean;
  corrections: { from: string; to: string }[];
}

/** Turns text into matching features: spelling fixed, thesaurus phrases mapped to concepts, the rest stemmed. */
export class TextAnalyser {
  /**
   * Questions are analysed with a corrector and keep off-topic concepts. Pack text has no corrector and
   * drops them: an example that mentions annual leave in passing must not make "annual leave" policy
   * vocabulary. `words`, when given, collects every word seen, to become the corrector's vocabulary.
   */
  constructor(
    private readonly thesaurus: CompiledThesaurus,
    private readonly corrector?: SpellingCorrector,
    private readonly keepOffTopic: boolean = corrector !== undefined,
    private readonly words?: Set<string>,
  ) {}

  analyse(text: string): AnalysedText {
    const corrections: AnalysedText['corrections'] = [];
    const words = tokenise(text).map((word) => {
      this.words?.add(word);
      if (!this.corrector || this.thesaurus.stopWords.has(word) || this.corrector.isKnown(word)) return word;
      const corrected = this.corrector.correct(word);
      if (corrected === undefined) return word;
      corrections.push({ from: word, to: corrected });
      return corrected;
    });
    const stems = words.map(stemWord);
    const features: string[] = [];
    const offTopicConcepts: string[] = [];
    for (let index = 0; index < words.length; ) {
      const phrase = matchLongestPhrase(this.thesaurus, words, stems, index);
      // A lone stop word is filler even when a concept lists it ("im" is "I'm", not instant messaging).
      if (phrase && !(phrase.length === 1 && this.thesaurus.stopWords.has(words[index]!))) {
        for (const concept of phrase.concepts) {
          const offTopic = this.thesaurus.offTopicConcepts.has(concept);
          if (offTopic) offTopicConcepts.push(concept);
          if (!offTopic || this.keepOffTopic) features.push(concept);
        }
        index += phrase.length;
        continue;
      }
      if (!this.thesaurus.stopWords.has(words[index]!)) features.push(stems[index]!);
      index += 1;
    }
    const mentionsSocialMedia = features.some((feature) => this.thesaurus.anchorConcepts.has(feature));
    return { features, offTopicConcepts, mentionsSocialMedia, corrections };
  }
}
