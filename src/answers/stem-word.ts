import { stemmer } from 'stemmer';

const stems = new Map<string, string>();

/** Porter stem, remembered: the same few thousand words are stemmed over and over. */
export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = /^\d+$/.test(word) ? word : stemmer(word);
    stems.set(word, stem);
  }
  return stem;
}
