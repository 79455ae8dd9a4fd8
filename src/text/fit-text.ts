/**
 * Fitting plain text into a chat platform's limits: split at the most natural breaks, or shortened with an
 * ellipsis. Shared by the Slack and Teams renderers, which each measure a chunk in their own markup.
 */

export const isBlank = (text: string | undefined): boolean => !text || text.trim() === '';

/** The longest prefix, by whole code points, that fits; at least one code point so splitting always advances. */
function longestFittingPrefix(codePoints: string[], fits: (chunk: string) => boolean): number {
  let low = 1;
  let high = codePoints.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(codePoints.slice(0, middle).join(''))) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Where text may break, most natural first: paragraphs, lines, sentences, words; and how each break is rejoined. */
const BREAKS: { at: RegExp; join: string }[] = [
  { at: /\n\s*\n/, join: '\n\n' },
  { at: /\n/, join: '\n' },
  { at: /(?<=[.!?…]["'”’)\]]*)\s+/, join: ' ' },
  { at: /\s+/, join: ' ' },
];

/** Splits plain text into chunks that fit, at the most natural breaks available, inside a word only when it alone is too long. */
export function splitToFit(text: string, fits: (chunk: string) => boolean, level = 0): string[] {
  if (fits(text)) return [text];
  const split = BREAKS[level];
  if (!split) {
    const codePoints = Array.from(text);
    const chunks: string[] = [];
    while (codePoints.length > 0) chunks.push(codePoints.splice(0, longestFittingPrefix(codePoints, fits)).join(''));
    return chunks.filter((chunk) => !isBlank(chunk));
  }
  const pieces = text.split(split.at);
  if (pieces.length === 1) return splitToFit(text, fits, level + 1);
  const chunks: string[] = [];
  let current: string | undefined;
  for (const piece of pieces) {
    const joined = current === undefined ? piece : current + split.join + piece;
    if (fits(joined)) {
      current = joined;
      continue;
    }
    if (current !== undefined) chunks.push(current);
    const parts = fits(piece) ? [piece] : splitToFit(piece, fits, level + 1);
    current = parts.pop();
    chunks.push(...parts);
  }
  if (current !== undefined) chunks.push(current);
  return chunks.filter((chunk) => !isBlank(chunk));
}


/** Shortens plain text to `max` with an ellipsis, at a word break when one is near, never inside a code point. */
export function shortenTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const codePoints = Array.from(text);
  let cut = '';
  for (const point of codePoints) {
    if (cut.length + point.length > max - 1) break;
    cut += point;
  }
  const wordBreak = cut.lastIndexOf(' ');
  return `${(wordBreak > max / 2 ? cut.slice(0, wordBreak) : cut).trimEnd()}…`;
}

/** The heading without the section it starts with: "Section 2.3, 2.3 Social media" and "2.3 Social media" → "Social media". */
export function headingAfterSection(heading: string, section: string): string {
  let rest = heading.trim();
  for (const prefix of [`section ${section}`, section]) {
    const after = rest.slice(prefix.length);
    if (rest.toLowerCase().startsWith(prefix.toLowerCase()) && /^(,|\s|$)/.test(after)) rest = after.replace(/^,?\s*/, '');
  }
  return rest;
}

/** "*Dacorum Borough Council, section 2.2(d)* · 2.2 Social media: business use vs personal use" */
