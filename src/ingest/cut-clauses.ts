import {
  endsWithColon,
  headingLabel,
  isListBlock,
  isTitleLike,
  lastSentence,
  numberDepth,
  sectionOfNumber,
  wordCount,
} from './block-shapes.js';
import type { Block } from './split-into-blocks.js';

/** A clause as cut from the document, before ids, stance and audience are guessed. */
export interface CutClause {
  section: string;
  heading: string[];
  context?: string;
  text: string;
}

/** Where a heading sits: lettered section 0, numbered headings by depth, item headings, unnumbered headings. */
const RANK = { section: 0, item: 5, unnumbered: 9, minor: 10 } as const;
const LETTERED_SECTION = /^Section\s+([A-Z])(?:\s*[-–—:.]\s*\S.*)?$/;
// A short line with a modal verb, or one that stops on a little word, is a lead-in ("However, you must not").
const LEAD_IN_WORDING = /\b(must|should|shall|will|may|can|could|would|need|needs)\b|\b(to|not|that|the|a|an|of|and|or|for|by|with|are|is|include|including|as)$/i;
// "None" under a heading is that heading's (empty) text, not a heading of its own.
const NOTHING_TO_SAY = /^(none|nil|n\/a|not applicable)\.?$/i;
// Used for the part of a document before any heading, when the document has no numbers at all.
const UNHEADED_SECTION = 'Introduction';

interface LeadIn {
  text: string;
  /** Bullets indented deeper than this take the lead-in; -1 for a paragraph's lead-in. */
  level: number;
  bulletsSeen: boolean;
}

/** The walk's position in the document's structure. */
interface Position {
  prefix: string;
  headings: { rank: number; label: string }[];
  base: string | undefined;
  baseDepth: number;
  item: string | undefined;
  lastItem: string | undefined;
  itemLeadIn: string | undefined;
  leadIns: LeadIn[];
  /** An unnumbered heading has just been read and nothing under it yet. */
  headingWithoutBody: boolean;
}

/**
 * Walks the blocks of a policy and cuts a clause at the finest numbered level: numbered paragraphs,
 * lettered items, each bullet, and each paragraph under a heading. Section references follow
 * policies/README.md: "2.2(d)", "C 2.15", "B What happens if things go wrong?", "2.2 footnote 1".
 */
export function cutClauses(blocks: readonly Block[], fallbackHeading: string): CutClause[] {
  const clauses: CutClause[] = [];
  const at: Position = {
    prefix: '',
    headings: [],
    base: undefined,
    baseDepth: 0,
    item: undefined,
    lastItem: undefined,
    itemLeadIn: undefined,
    leadIns: [],
    headingWithoutBody: false,
  };

  const sectionBase = () => `${at.prefix}${at.base ?? UNHEADED_SECTION}`;
  const emit = (text: string, context: string | undefined, section = sectionBase() + (at.item ? `(${at.item})` : '')) => {
    const heading = at.headings.length > 0 ? at.headings.map((entry) => entry.label) : [fallbackHeading];
    clauses.push({ section, heading, ...(context ? { context } : {}), text });
  };
  const enterHeading = (rank: number, label: string) => {
    at.headings = [...at.headings.filter((entry) => entry.rank < rank), { rank, label }];
  };
  const startClause = (base: string | undefined, depth: number) => {
    Object.assign(at, { base, baseDepth: depth, item: undefined, lastItem: undefined, itemLeadIn: undefined, leadIns: [] });
    at.headingWithoutBody = false;
  };
  const currentLeadIn = () => at.leadIns[at.leadIns.length - 1];

  /**
   * Emits a paragraph, bullet or item. One that introduces the list after it becomes the lead-in
   * (the context) of that list: a sentence ending in ":" is emitted only if the paragraph says more
   * than that sentence; a full sentence before a bullet list is emitted and also used as lead-in.
   */
  const paragraph = (text: string, context: string | undefined, next: Block | undefined, level: number, fromItem = false) => {
    const bulletsFollow = next?.kind === 'bullet' && (level < 0 || next.indent > level);
    const itemsFollow = (next?.kind === 'item' || becomesItem(next)) && !fromItem;
    const single = lastSentence(text) === text;
    // "... the following:" and "However, you must not" introduce a list; a full sentence may as well.
    const openEnded = endsWithColon(text) || (level < 0 && !/[.!?]["'”’)]*$/.test(text) && (bulletsFollow || itemsFollow));
    const colonLeadIn = openEnded && (bulletsFollow || itemsFollow || (level < 0 && !fromItem && next?.kind === 'plain'));
    const sentenceLeadIn = !openEnded && bulletsFollow && level < 0 && single && wordCount(text) <= 40;
    if (!colonLeadIn || !single) emit(text, context);
    if (colonLeadIn || sentenceLeadIn) {
      at.leadIns = [...at.leadIns.filter((leadIn) => leadIn.level < level), { text: lastSentence(text), level, bulletsSeen: false }];
    }
  };

  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    const lettered = block.kind === 'plain' ? LETTERED_SECTION.exec(block.text) : null;
    if (lettered && wordCount(block.text) <= 20) {
      at.prefix = `${lettered[1]} `;
      at.headings = [{ rank: RANK.section, label: block.text }];
      startClause(undefined, 0);
      return;
    }

    switch (block.kind) {
      case 'numbered': {
        const depth = numberDepth(block.marker);
        const siblingFollows = next?.kind === 'numbered' && numberDepth(next.marker) === depth && depth >= 2;
        const heading =
          block.emphasised ||
          (isTitleLike(block.text, depth === 1 ? 16 : 12) && !siblingFollows && !(endsWithColon(block.text) && isListBlock(next)));
        if (heading) {
          enterHeading(depth, headingLabel(block.marker, block.text));
          startClause(sectionOfNumber(block.marker), depth);
          return;
        }
        const label = sectionOfNumber(block.marker);
        if (becomesItem(block)) {
          listItem(block, label, next);
          return;
        }
        at.headings = at.headings.filter((entry) => entry.rank < depth);
        startClause(label, depth);
        paragraph(block.text, undefined, next, -1);
        return;
      }
      case 'item':
        listItem(block, block.marker, next);
        return;
      case 'footnote':
        emit(block.text, undefined, `${sectionBase()} footnote ${block.marker}`);
        return;
      case 'bullet': {
        at.headingWithoutBody = false;
        at.leadIns = at.leadIns.filter((leadIn) => leadIn.level < block.indent);
        const leadIn = currentLeadIn();
        if (leadIn) leadIn.bulletsSeen = true;
        paragraph(block.text, leadIn?.text, next, block.indent);
        return;
      }
      case 'plain':
        plainParagraph(block, index, next);
        return;
    }
  });

  function listItem(block: Block, label: string, next: Block | undefined): void {
    if (at.item === undefined) at.itemLeadIn = at.leadIns.find((leadIn) => leadIn.level < 0)?.text ?? currentLeadIn()?.text;
    at.item = label;
    at.lastItem = label;
    at.leadIns = [];
    at.headingWithoutBody = false;
    // "1) Protection and control:" over paragraphs is a heading for the item, not a clause.
    if (isTitleLike(block.text, 8) && /^\p{Lu}/u.test(block.text) && next !== undefined && (next.kind === 'plain' || next.kind === 'bullet')) {
      enterHeading(RANK.item, headingLabel(`${label})`, block.text));
      return;
    }
    paragraph(block.text, at.itemLeadIn, next, -1, true);
  }

  function plainParagraph(block: Block, index: number, next: Block | undefined): void {
    if (isUnnumberedHeading(block, next)) {
      const minor = /^[\p{Lu}\s'’]+$/u.test(block.text) && wordCount(block.text) <= 2 && at.headings.some((entry) => entry.rank === RANK.unnumbered);
      if (minor) {
        const parent = at.headings.find((entry) => entry.rank === RANK.unnumbered)!;
        enterHeading(RANK.minor, block.text);
        const leadIns = at.leadIns;
        startClause(`${parent.label}: ${block.text}`, RANK.minor);
        at.leadIns = leadIns;
      } else {
        at.headings = [...at.headings.filter((entry) => entry.rank <= 1), { rank: RANK.unnumbered, label: block.text }];
        startClause(block.text, RANK.unnumbered);
      }
      at.headingWithoutBody = true;
      return;
    }
    at.headingWithoutBody = false;
    // After the last item of a list, paragraphs belong to the clause again, not to the item.
    if (at.item !== undefined && !itemFollows(index)) {
      at.item = undefined;
      at.itemLeadIn = undefined;
    }
    const leadIn = at.leadIns.find((entry) => entry.level < 0);
    if (leadIn?.bulletsSeen || at.leadIns.some((entry) => entry.level >= 0)) at.leadIns = [];
    paragraph(block.text, at.leadIns.find((entry) => entry.level < 0)?.text, next, -1);
  }

  function isUnnumberedHeading(block: Block, next: Block | undefined): boolean {
    const standalone = block.blankBefore && block.blankAfter;
    const looksLikeTitle =
      (standalone || block.emphasised) &&
      isTitleLike(block.text, 8) &&
      !endsWithColon(block.text) &&
      !LEAD_IN_WORDING.test(block.text) &&
      !NOTHING_TO_SAY.test(block.text) &&
      /^["'‘“(]?[\p{Lu}\d]/u.test(block.text);
    if (!looksLikeTitle || next === undefined) return false;
    // Under a heading with nothing yet, a second title-like line is that heading's first line of text.
    if (at.headingWithoutBody) return next.kind === 'numbered' || LETTERED_SECTION.test(next.text);
    return true;
  }

  /** "- 1. Post a message: ..." inside clause 2.6 is item 2.6(1), not a new section 1. */
  function becomesItem(block: Block | undefined): boolean {
    if (block?.kind !== 'numbered' || numberDepth(block.marker) !== 1 || at.base === undefined || at.baseDepth < 2) return false;
    const label = sectionOfNumber(block.marker);
    const continuesItems = at.lastItem !== undefined && Number(label) === Number(at.lastItem) + 1;
    return block.dashed || label === '1' || continuesItems;
  }

  function itemFollows(index: number): boolean {
    for (const later of blocks.slice(index + 1)) {
      if (later.kind === 'item') return true;
      if (becomesItem(later)) return true;
      if (later.kind === 'numbered' || LETTERED_SECTION.test(later.text)) return false;
    }
    return false;
  }

  return clauses;
}
