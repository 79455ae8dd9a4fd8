import { NOISE_LINES } from './wording-rules.js';

/**
 * One paragraph, list item or heading line of a plain-text policy, with its list marker or number
 * taken off. `text` is the printed words with whitespace collapsed, so it stays verbatim for the
 * drift check; markdown emphasis (#, **) is dropped because the check ignores punctuation anyway.
 */
export interface Block {
  kind: 'numbered' | 'item' | 'bullet' | 'footnote' | 'plain';
  /** numbered: the number as printed ("2.2", "5.", "1.0"); item: its label ("a", "ii", "1"); footnote: its digit. */
  marker: string;
  /** A dash or bullet was printed before the number or item label ("- 5.1", "- d)"). */
  dashed: boolean;
  /** Leading spaces of the first line, for nested bullets. */
  indent: number;
  text: string;
  /** Printed as a heading: a markdown "#" line or a line wholly in bold. */
  emphasised: boolean;
  /** A blank line (or the start of the document) comes before it. */
  blankBefore: boolean;
  /** A blank line (or the end of the document) comes after it. */
  blankAfter: boolean;
}

const DASH = String.raw`(?:[-•*·▪‣–]\s+)`;
const NUMBERED = new RegExp(String.raw`^${DASH}?(\d{1,2}(?:\.\d{1,2}){0,3})(\.?)(?=\s|$)\s*(.*)$`);
const ITEM = new RegExp(String.raw`^${DASH}?\(?([a-z]|[ivx]{1,4}|\d{1,2})\)(?=\s|$)\s*(.*)$`);
const BULLET = /^[-•*·▪‣–](?:\s+(.*)|$)/;
const FOOTNOTE = /^([¹²³⁴⁵⁶⁷⁸⁹])\s*(.+)$/;
const MONTH = /^\d{1,2}(st|nd|rd|th)?\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b/i;
const ENDS_SENTENCE = /[.!?:;]["'”’)\]*]*$/;
// A printed line this long that stops without punctuation was wrapped, so the next line goes on with it.
const WRAPPED_LINE = 40;

interface LineShape {
  kind: Block['kind'];
  marker: string;
  dashed: boolean;
  text: string;
  emphasised: boolean;
}

function stripEmphasis(text: string): string {
  return text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}

function shapeOfLine(raw: string): LineShape {
  const trimmed = raw.trim();
  const heading = /^#+\s*/.exec(trimmed);
  const unmarked = heading ? trimmed.slice(heading[0].length) : trimmed;
  const bold = /^\*\*[^*]+\*\*$/.test(unmarked);
  const line = bold ? unmarked.slice(2, -2).trim() : unmarked;
  const dashed = /^[-•*·▪‣–]\s/.test(line);
  const shape = (kind: Block['kind'], marker: string, rest: string): LineShape => ({
    kind,
    marker,
    dashed,
    text: stripEmphasis(rest),
    emphasised: Boolean(heading) || bold || /^\*\*[^*]+\*\*$/.test(rest.trim()),
  });
  const numbered = MONTH.test(line) ? null : NUMBERED.exec(line);
  if (numbered) return shape('numbered', numbered[1]! + numbered[2]!, numbered[3]!);
  const item = ITEM.exec(line);
  if (item) return shape('item', item[1]!, item[2]!);
  const footnote = FOOTNOTE.exec(line);
  if (footnote) return shape('footnote', String('¹²³⁴⁵⁶⁷⁸⁹'.indexOf(footnote[1]!) + 1), footnote[2]!);
  const bullet = BULLET.exec(line);
  if (bullet && !line.startsWith('**')) return shape('bullet', '', bullet[1] ?? '');
  return { ...shape('plain', '', line), dashed: false };
}

function startsInLowerCase(text: string): boolean {
  return /^\p{Ll}/u.test(text);
}

/** Whether a marker-less line carries on the block above rather than starting its own. */
function continuesBlock(lastLine: string, next: LineShape, inWrappedParagraph: boolean): boolean {
  if (next.kind !== 'plain' || next.emphasised) return false;
  if (startsInLowerCase(next.text) || inWrappedParagraph) return true;
  const last = stripEmphasis(lastLine);
  return !ENDS_SENTENCE.test(last) && last.length >= WRAPPED_LINE;
}

/** Whether a paragraph after a blank line is the rest of the one before, cut by a page break. */
function continuesAcrossBreak(previous: Block, next: Block): boolean {
  if (next.kind !== 'plain' || next.emphasised || previous.emphasised || ENDS_SENTENCE.test(previous.text)) return false;
  if (startsInLowerCase(next.text)) return true;
  // A capital after the break only carries on a long paragraph if it does not look like a title itself.
  return previous.text.length >= 150 && next.text.length >= WRAPPED_LINE && !/^[^.;:!?]{0,120}$/.test(next.text);
}

function append(block: Block, text: string): void {
  block.text = block.text === '' ? text : `${block.text} ${text}`;
}

/**
 * For each line, whether it sits in a paragraph printed with hard line breaks: a run of lines
 * without blank lines between, where some line goes on in lower case from the one before.
 */
function findWrappedParagraphs(lines: readonly string[]): boolean[] {
  const wrapped = lines.map(() => false);
  let start = 0;
  for (let index = 0; index <= lines.length; index += 1) {
    if (index < lines.length && lines[index]!.trim() !== '') continue;
    const run = lines.slice(start, index);
    const isWrapped = run.some((line, at) => at > 0 && shapeOfLine(line).kind === 'plain' && startsInLowerCase(line.trim()));
    for (let at = start; at < index; at += 1) wrapped[at] = isWrapped;
    start = index + 1;
  }
  return wrapped;
}

/** Cuts a document into blocks: one per paragraph, numbered line, list item or bullet. */
export function splitIntoBlocks(documentText: string): Block[] {
  const blocks: Block[] = [];
  const lines = documentText.split('\n');
  const wrapped = findWrappedParagraphs(lines);
  let lastLine = '';
  let blank = true;
  lines.forEach((raw, index) => {
    if (raw.trim() === '') {
      blank = true;
      return;
    }
    const shape = shapeOfLine(raw);
    const previous = blocks[blocks.length - 1];
    if (previous && shape.text !== '' && (previous.text === '' ? shape.kind === 'plain' : !blank && continuesBlock(lastLine, shape, wrapped[index]!))) {
      // A marker printed alone on its line ("d)", "2.0") takes the words that follow as its own.
      append(previous, shape.text);
      previous.emphasised ||= shape.emphasised;
    } else {
      if (previous) previous.blankAfter = blank;
      const indent = raw.length - raw.trimStart().length;
      // A line set in from the margin that does not carry on the line above is a bullet whose
      // symbol was lost in extraction.
      const kind = shape.kind === 'plain' && indent > 0 ? 'bullet' : shape.kind;
      blocks.push({ ...shape, kind, indent, blankBefore: blank, blankAfter: true });
    }
    lastLine = raw;
    blank = false;
  });
  return dropNoise(mergeAcrossBreaks(blocks));
}

function mergeAcrossBreaks(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged[merged.length - 1];
    if (previous && block.blankBefore && continuesAcrossBreak(previous, block)) {
      append(previous, block.text);
      previous.blankAfter = block.blankAfter;
    } else {
      merged.push({ ...block });
    }
  }
  return merged;
}

function dropNoise(blocks: Block[]): Block[] {
  return blocks.filter((block) => block.text !== '' && !(block.kind === 'plain' && NOISE_LINES.some((noise) => noise.test(block.text))));
}
