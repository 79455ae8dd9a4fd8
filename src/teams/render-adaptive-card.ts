import { headingAfterSection, isBlank, shortenTo, splitToFit } from '../text/fit-text.js';
import type { Button, FormView, FormViewField, Message, MessagePart } from '../conversations/message.js';

/** One Adaptive Card element, action or fact as JSON: a card is data for the Teams client, so it is typed loosely. */
export interface AdaptiveElementJson {
  type: string;
  [property: string]: unknown;
}

export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** An Adaptive Card as a Teams attachment carries it (contentType application/vnd.microsoft.card.adaptive). */
export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: '1.5';
  body: AdaptiveElementJson[];
  actions?: AdaptiveElementJson[] | undefined;
  fallbackText?: string | undefined;
  /** Universal Actions' refresh: Teams asks the bot for this user's current view of the card when it is shown. */
  refresh?: { action: AdaptiveElementJson; userIds?: string[] } | undefined;
}

/**
 * Bytes of card JSON (UTF-8) per card. Teams documents 28 KB for a posted message (Workflows connector) and
 * 100 KB counted in UTF-16 for bot messages; 28,000 UTF-8 bytes is at most 56,000 in UTF-16, under both.
 */
export const CARD_BYTE_BUDGET = 28_000;
/** The adaptivecards default host config shows five actions in a set; past that they overflow or are dropped. */
export const ACTIONS_PER_SET = 5;
/** The verb of a form card's submit; the form's id travels in its data. */
export const FORM_SUBMIT_VERB = 'policy_desk.whole_form_submit';

/** The verb of a card's refresh, whose data names the card. */
export const REFRESH_VERB = 'policy_desk.refresh';

/** Our data inside an action's data. Teams merges input values into that object by input id, so it needs its own key. */
const DATA_KEY = 'policyDesk';
/** Each TextBlock's text, as JSON: any element then fits a card several times over, and a long clause is a few blocks. */
const TEXT_BLOCK_BYTES = 4_000;
/** Facts and actions are grouped into sets of at most this much JSON. */
const SET_BYTES = 8_000;
/** Clause headings and fact titles are shortened to this, so they leave room for the text they introduce. */
const MAX_LABEL = 300;
const MAX_FALLBACK_TEXT = 500;

type TextStyle = Record<string, string | boolean>;
const HEADING: TextStyle = { weight: 'Bolder', size: 'Medium' };
const NOTE: TextStyle = { isSubtle: true, size: 'Small' };
const ATTENTION: TextStyle = { color: 'Attention' };

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Plain text as TextBlock markdown that shows exactly that text. Teams' TextBlocks (and facts) read a CommonMark
 * subset: bold, italic, bullet and numbered lists, links; CommonMark's backslash escapes turn each marker back into
 * text. Markers that only count at the start of a line are escaped only there, and a single newline is not a
 * break in markdown, so each line becomes its own paragraph.
 */
export function escapeTeamsMarkdown(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map((line) => escapeLine(line.trim()))
    .filter((line) => line !== '')
    .join('\n\n');
}

function escapeLine(line: string): string {
  return (
    line
      // A backslash before punctuation would itself be read as an escape.
      .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\')
      .replace(/[*_[\]`]/g, '\\$&')
      // "&amp;" would be shown as "&"; "{{DATE(…)}}" would be rewritten as a date.
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
      .replace(/\{\{(?=(DATE|TIME)\()/g, '{\\{')
      .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
      .replace(/^(>|[-+](?=\s|$)|-(?=[\s-]*$))/, '\\$1')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
  );
}

function textChunks(text: string): string[] {
  if (isBlank(text)) return [];
  return splitToFit(text.trim(), (chunk) => jsonBytes(escapeTeamsMarkdown(chunk)) <= TEXT_BLOCK_BYTES);
}

const textBlock = (text: string, style: TextStyle = {}): AdaptiveElementJson => ({ type: 'TextBlock', text: escapeTeamsMarkdown(text), wrap: true, ...style });
const textBlocks = (text: string, style: TextStyle = {}): AdaptiveElementJson[] => textChunks(text).map((chunk) => textBlock(chunk, style));
const container = (style: string, items: AdaptiveElementJson[]): AdaptiveElementJson => ({ type: 'Container', style, items });

/** A clause in an emphasis container: council and section in bold, its heading, then its context and quoted words, continued in further containers if long. */
function clauseContainers(part: Extract<MessagePart, { kind: 'clause' }>): AdaptiveElementJson[] {
  const numbered = /^([A-Z] )?\d/.test(part.section);
  const heading = shortenTo(headingAfterSection(part.heading, part.section), MAX_LABEL);
  const source = [
    textBlock(`${part.council}, ${numbered ? `section ${part.section}` : part.section}`, { weight: 'Bolder' }),
    ...(isBlank(heading) ? [] : [textBlock(heading, { spacing: 'None' })]),
  ];
  const body = [part.context, isBlank(part.text) ? undefined : `“${part.text.trim()}”`].filter((line) => !isBlank(line)).join('\n');
  const chunks = textChunks(body);
  if (chunks.length === 0) return [container('emphasis', source)];
  return chunks.map((chunk, index) => container('emphasis', [...(index === 0 ? source : []), textBlock(chunk)]));
}

/** Items in groups of at most `maxCount` and SET_BYTES of JSON. */
function groupWithin<T>(items: readonly T[], maxCount: number): T[][] {
  const groups: T[][] = [];
  let bytes = 0;
  for (const item of items) {
    const size = jsonBytes(item) + 1;
    const group = groups.at(-1);
    if (group && group.length < maxCount && bytes + size <= SET_BYTES) {
      group.push(item);
      bytes += size;
    } else {
      groups.push([item]);
      bytes = size;
    }
  }
  return groups;
}

/** Labels and values as facts; a value too long for one fact continues in the next. */
function factSets(fields: { label: string; value: string }[]): AdaptiveElementJson[] {
  const facts = fields.flatMap(({ label, value }) => {
    const title = (suffix: string) => (isBlank(label) ? '' : escapeTeamsMarkdown(shortenTo(label.trim(), MAX_LABEL) + suffix));
    if (isBlank(value)) return isBlank(label) ? [] : [{ title: title(''), value: '' }];
    return textChunks(value).map((chunk, index) => ({ title: title(index === 0 ? '' : ' (continued)'), value: escapeTeamsMarkdown(chunk) }));
  });
  return groupWithin(facts, Infinity).map((group) => ({ type: 'FactSet', facts: group }));
}

/** Action.Execute (Universal Actions) with an Action.Submit fallback carrying the same data, so a client without Execute reaches the same handler. */
function executeWithSubmitFallback(title: string, verb: string, data: Record<string, unknown>, style?: string): AdaptiveElementJson {
  const styled = style ? { style } : {};
  return { type: 'Action.Execute', title, verb, data, ...styled, fallback: { type: 'Action.Submit', title, data: structuredClone(data), ...styled } };
}

function buttonAction(button: Button): AdaptiveElementJson {
  if (isBlank(button.label)) throw new Error(`Button ${button.actionId} has no label`);
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  return executeWithSubmitFallback(button.label.trim(), button.actionId, { [DATA_KEY]: { actionId: button.actionId, value: button.value } }, style);
}

const actionSets = (buttons: Button[]): AdaptiveElementJson[] =>
  groupWithin(buttons.map(buttonAction), ACTIONS_PER_SET).map((actions) => ({ type: 'ActionSet', actions }));

function renderPart(part: MessagePart): AdaptiveElementJson[] {
  switch (part.kind) {
    case 'heading':
      return textBlocks(part.text, HEADING);
    case 'text':
      return textBlocks(part.text);
    case 'note':
      return textBlocks(part.text, NOTE);
    case 'warning':
      return textChunks(part.text).map((chunk) => container('warning', [textBlock(chunk, ATTENTION)]));
    case 'clause':
      return clauseContainers(part);
    case 'fields':
      return factSets(part.fields);
    case 'buttons':
      return actionSets(part.buttons);
  }
}

function card(body: AdaptiveElementJson[], fallbackText: string, actions?: AdaptiveElementJson[]): AdaptiveCardJson {
  return { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: '1.5', body, ...(actions ? { actions } : {}), fallbackText };
}

/** Cards of elements in order, each within the budget; every element alone fits, so none is ever left out. */
function packIntoCards(elements: AdaptiveElementJson[], fallbackText: string): AdaptiveCardJson[] {
  const emptyBytes = jsonBytes(card([], fallbackText));
  const bodies: AdaptiveElementJson[][] = [];
  let bytes = 0;
  for (const element of elements) {
    const size = jsonBytes(element) + 1;
    const body = bodies.at(-1);
    if (body && emptyBytes + bytes + size <= CARD_BYTE_BUDGET) {
      body.push(element);
      bytes += size;
    } else {
      bodies.push([element]);
      bytes = size;
    }
  }
  return bodies.map((body) => card(body, fallbackText));
}

/**
 * A neutral message as Adaptive Cards: usually one; a message too big for one card continues on more, its
 * content in order and then all its buttons, so they end on the last card, under everything they act on.
 */
export function renderAdaptiveCards(message: Message): AdaptiveCardJson[] {
  const firstText = message.parts.flatMap((part) => (part.kind === 'heading' || part.kind === 'text' ? [part.text] : []));
  const summary = [message.summary, ...firstText].find((text) => !isBlank(text))?.trim() ?? 'Policy Desk';
  const fallbackText = escapeTeamsMarkdown(shortenTo(summary, MAX_FALLBACK_TEXT));
  const rendered = message.parts.map((part) => ({ elements: renderPart(part), isButtons: part.kind === 'buttons' }));
  const elements = rendered.flatMap((part) => part.elements);
  if (elements.length === 0) return [card(textBlocks(shortenTo(summary, MAX_FALLBACK_TEXT)), fallbackText)];
  const whole = card(elements, fallbackText);
  if (jsonBytes(whole) <= CARD_BYTE_BUDGET) return [whole];
  const contentThenButtons = [...rendered.filter((part) => !part.isButtons), ...rendered.filter((part) => part.isButtons)];
  return packIntoCards(contentThenButtons.flatMap((part) => part.elements), fallbackText);
}

function formInput(field: FormViewField): AdaptiveElementJson {
  const common = { id: field.id, label: field.label, isRequired: field.required, ...(field.required ? { errorMessage: 'Please answer this question.' } : {}) };
  const choices = field.kind === 'choice' ? (field.choices ?? []) : [];
  if (choices.length === 0) {
    const value = field.initial === undefined ? {} : { value: field.initial };
    return { type: 'Input.Text', ...common, maxLength: field.maxLength, ...(field.kind === 'long-text' ? { isMultiline: true } : {}), ...value };
  }
  // The earlier answer preselects its choice, matched by id or, as typed, by label.
  const typed = field.initial?.trim().toLowerCase();
  const initial = choices.find((choice) => choice.id === field.initial) ?? choices.find((choice) => choice.label.toLowerCase() === typed);
  const value = initial ? { value: initial.id } : {};
  return { type: 'Input.ChoiceSet', ...common, style: 'compact', choices: choices.map((choice) => ({ title: choice.label, value: choice.id })), ...value };
}

/**
 * A whole form as one card (one submit sends every input): per field its input, the problem with its answer
 * right under it, then its hint. Problems for no field in the view are shown under the introduction.
 */
export function renderFormCard(view: FormView, problems: Readonly<Record<string, string>> = {}): AdaptiveCardJson {
  const problemOf = (id: string) => (Object.hasOwn(problems, id) && !isBlank(problems[id]) ? problems[id] : undefined);
  const fieldIds = new Set(view.fields.map((field) => field.id));
  const otherProblems = Object.entries(problems).flatMap(([id, problem]) => (fieldIds.has(id) ? [] : textBlocks(problem, ATTENTION)));
  const fields = (withHints: boolean) =>
    view.fields.flatMap((field) => [formInput(field), ...textBlocks(problemOf(field.id) ?? '', ATTENTION), ...(withHints ? textBlocks(field.hint ?? '', NOTE) : [])]);
  const submit = executeWithSubmitFallback(view.submitLabel, FORM_SUBMIT_VERB, { [DATA_KEY]: { formId: view.formId } }, 'positive');
  const heading = textBlocks(view.title, HEADING);
  const fallbackText = escapeTeamsMarkdown(shortenTo(view.title, MAX_FALLBACK_TEXT));
  // A long draft can push the card past the budget: the introduction gives way, then the hints, never an input
  // or an answer. A card still over (every answer at full length) goes as it is: a form cannot be split, and
  // Teams' documented limit for a bot's message is 100 KB.
  const bodies = [
    [...heading, ...textBlocks(view.intro ?? ''), ...otherProblems, ...fields(true)],
    [...heading, ...otherProblems, ...fields(true)],
    [...heading, ...otherProblems, ...fields(false)],
  ];
  const cards = bodies.map((body) => card(body, fallbackText, [submit]));
  return cards.find((candidate) => jsonBytes(candidate) <= CARD_BYTE_BUDGET) ?? cards.at(-1)!;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** An action's data from what Teams sends: an Action.Execute invoke's value ({ action: { data } }), or an Action.Submit message's value (the data itself). */
function actionData(payload: unknown): Record<string, unknown> | undefined {
  const root = asRecord(payload);
  return asRecord(asRecord(root?.['action'])?.['data']) ?? root;
}

/**
 * The card with a refresh naming it: when one of `userIds` (29: ids) sees it, Teams asks for their current view,
 * so a card whose update was missed, or seen by someone else, never offers a button that no longer applies.
 */
export function withRefresh(card: AdaptiveCardJson, cardKey: string, userIds: readonly string[]): AdaptiveCardJson {
  return { ...card, refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: REFRESH_VERB, data: { [DATA_KEY]: { card: cardKey } } }, userIds: [...userIds] } };
}

/** The card key in a refresh invoke's data. */
export function readRefreshRequest(data: unknown): string | undefined {
  const card = asRecord(asRecord(data)?.[DATA_KEY])?.['card'];
  return typeof card === 'string' && card !== '' ? card : undefined;
}

/** The button a person pressed, from an Action.Execute or Action.Submit payload; undefined for anything else. */
export function readCardAction(payload: unknown): { actionId: string; value: string } | undefined {
  const ours = asRecord(actionData(payload)?.[DATA_KEY]);
  const actionId = ours?.['actionId'];
  const value = ours?.['value'];
  if (typeof actionId !== 'string' || actionId === '' || typeof value !== 'string') return undefined;
  return { actionId, value };
}

/** A submitted form card: its form id and every input's text by field id (Teams merges the inputs into the action's data). */
export function readFormSubmission(payload: unknown): { formId: string; answers: Record<string, string> } | undefined {
  const data = actionData(payload);
  const formId = asRecord(data?.[DATA_KEY])?.['formId'];
  if (!data || typeof formId !== 'string' || formId === '') return undefined;
  // fromEntries defines own properties, so an input named "__proto__" cannot reach the prototype.
  return { formId, answers: Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => entry[0] !== DATA_KEY && typeof entry[1] === 'string')) };
}
