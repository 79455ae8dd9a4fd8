import type { Block } from './split-into-blocks.js';

/** Small judgements about a block's words, shared by the table-of-contents finder and the clause cutter. */

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Short, with no sentence punctuation at the end: reads as a title, not as a rule. */
export function isTitleLike(text: string, maxWords: number): boolean {
  return (
    text !== '' &&
    wordCount(text) <= maxWords &&
    text.length <= 120 &&
    /\p{L}/u.test(text) &&
    !/@|https?:|www\./i.test(text) &&
    !/[.;,]["'”’)]*$/.test(text)
  );
}

/** "2.2" → 2, "5." → 1, "1.0" → 1 (a trailing ".0" is a top-level number written long). */
export function numberDepth(marker: string): number {
  const parts = marker.replace(/\.$/, '').split('.');
  while (parts.length > 1 && /^0+$/.test(parts[parts.length - 1]!)) parts.pop();
  return parts.length;
}

/** The section reference as printed, without a trailing dot: "5." → "5", "1.0" stays "1.0". */
export function sectionOfNumber(marker: string): string {
  return marker.replace(/\.$/, '');
}

export function endsWithColon(text: string): boolean {
  return /:["'”’)]*$/.test(text);
}

export function isListBlock(block: Block | undefined): boolean {
  return block !== undefined && (block.kind === 'bullet' || block.kind === 'item');
}

// A sentence ends at . ! or ? (and any closing quote) before a capital, digit or opening quote.
const SENTENCE_BREAK = /[.!?]["'”’)]*\s+(?=["'‘“(]?[\p{Lu}\d])/gu;

/** The last sentence of a paragraph: the part that introduces the list after it. */
export function lastSentence(text: string): string {
  let start = 0;
  for (const match of text.matchAll(SENTENCE_BREAK)) start = match.index + match[0].length;
  return text.slice(start);
}

/** A heading's label as printed, tidied: "### **5. Monitoring Arrangements**" → "5. Monitoring Arrangements". */
export function headingLabel(marker: string, text: string): string {
  const title = text.replace(/\s*[.:]$/, '');
  return marker === '' ? title : title === '' ? marker : `${marker} ${title}`;
}
