import type { types } from '@slack/bolt';
import type { Button, Message, MessagePart } from '../conversations/message.js';
import { headingAfterSection, isBlank, shortenTo, splitToFit } from '../text/fit-text.js';
import { BLOCK_KIT_LIMITS as LIMITS } from './block-kit-limits.js';

type KnownBlock = types.KnownBlock;
type ButtonElement = types.Button;

/** Slack's control characters: escaped, a clause or a user's answer can never become a link, mention or @channel. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

/** Labels and clause headings are shortened to this, so they leave room in a block for the text they introduce. */
const MAX_LABEL = 300;

/** Escapes and splits text into mrkdwn sections of at most `limit`; `decorate` adds markup around each chunk. */
function mrkdwnChunks(text: string, limit: number, decorate: (escaped: string, index: number) => string): string[] {
  if (isBlank(text)) return [];
  // Measured as the first chunk, the widest decoration, so every chunk fits.
  const chunks = splitToFit(text.trim(), (chunk) => decorate(escapeMrkdwn(chunk), 0).length <= limit);
  return chunks.map((chunk, index) => decorate(escapeMrkdwn(chunk), index));
}

function sections(text: string, decorate: (escaped: string, index: number) => string = (escaped) => escaped): KnownBlock[] {
  return mrkdwnChunks(text, LIMITS.sectionText, decorate).map((chunk) => ({ type: 'section', text: mrkdwn(chunk) }));
}

const quote = (lines: string) => lines.split('\n').map((line) => `> ${line}`).join('\n');

function clauseSource(part: Extract<MessagePart, { kind: 'clause' }>): string {
  const numbered = /^([A-Z] )?\d/.test(part.section);
  const source = `*${escapeMrkdwn(`${part.council}, ${numbered ? `section ${part.section}` : part.section}`)}*`;
  const heading = shortenTo(headingAfterSection(part.heading, part.section), MAX_LABEL);
  return isBlank(heading) ? source : `${source} · ${escapeMrkdwn(heading)}`;
}

/** A clause as a blockquote: source first, then its context and words, split into consecutive quotes if long. */
function clauseBlocks(part: Extract<MessagePart, { kind: 'clause' }>): KnownBlock[] {
  const source = clauseSource(part);
  const body = [part.context, isBlank(part.text) ? undefined : `“${part.text.trim()}”`].filter((line) => !isBlank(line)).join('\n');
  if (isBlank(body)) return [{ type: 'section', text: mrkdwn(quote(source)) }];
  return sections(body, (escaped, index) => quote(index === 0 ? `${source}\n${escaped}` : escaped));
}

/** Label and value as section fields, ten to a section; a value too long for one field continues in the next. */
function fieldBlocks(fields: { label: string; value: string }[]): KnownBlock[] {
  const texts = fields.flatMap(({ label, value }) => {
    const bold = (text: string) => (isBlank(text) ? '' : `*${escapeMrkdwn(shortenTo(text.trim(), MAX_LABEL))}*\n`);
    if (isBlank(value)) return isBlank(label) ? [] : [bold(label).trimEnd()];
    return mrkdwnChunks(value, LIMITS.sectionFieldText, (escaped, index) => `${bold(index === 0 ? label : `${label} (continued)`)}${escaped}`);
  });
  const blocks: KnownBlock[] = [];
  for (let start = 0; start < texts.length; start += LIMITS.sectionFields) {
    blocks.push({ type: 'section', fields: texts.slice(start, start + LIMITS.sectionFields).map(mrkdwn) });
  }
  return blocks;
}

function buttonElement(button: Button): ButtonElement {
  // Ids and tokens are never shortened: a cut one would not match when pressed, so an over-long one is a bug upstream.
  if (button.actionId.length > LIMITS.actionId) throw new Error(`Button "${button.label}": action_id is ${button.actionId.length} characters, over Slack's ${LIMITS.actionId}`);
  if (button.value.length > LIMITS.buttonValue) throw new Error(`Button "${button.label}": value is ${button.value.length} characters, over Slack's ${LIMITS.buttonValue}`);
  if (isBlank(button.label)) throw new Error(`Button ${button.actionId} has no label`);
  const element: ButtonElement = {
    type: 'button',
    action_id: button.actionId,
    value: button.value,
    text: { type: 'plain_text', text: shortenTo(button.label.trim(), LIMITS.buttonText), emoji: true },
  };
  if (button.style) element.style = button.style;
  return element;
}

/** Separates a repeat's number from the action id: Slack rejects a row with one action id twice (a form's choices). */
export const ACTION_ID_REPEAT_MARK = '#';

/** The core's action id behind a Slack action_id, with any repeat number removed. */
export function coreActionId(slackActionId: string): string {
  const mark = slackActionId.indexOf(ACTION_ID_REPEAT_MARK);
  return mark < 0 ? slackActionId : slackActionId.slice(0, mark);
}

/** Buttons in rows of up to 25; an action id repeated in a row gets a number ("policy_desk.form_choice#2"), the token still says which. */
function actionsBlocks(buttons: Button[]): KnownBlock[] {
  const rows: ButtonElement[][] = [];
  for (const button of buttons) {
    let row = rows.at(-1);
    if (!row || row.length >= LIMITS.actionsElements) rows.push((row = []));
    const element = buttonElement(button);
    const repeats = row.filter((other) => coreActionId(other.action_id ?? '') === element.action_id).length;
    if (repeats > 0) element.action_id = `${element.action_id}${ACTION_ID_REPEAT_MARK}${repeats + 1}`;
    row.push(element);
  }
  return rows.map((elements) => ({ type: 'actions', elements }));
}

function renderPart(part: MessagePart): KnownBlock[] {
  switch (part.kind) {
    case 'heading':
      if (isBlank(part.text)) return [];
      if (part.text.trim().length <= LIMITS.headerText) return [{ type: 'header', text: { type: 'plain_text', text: part.text.trim(), emoji: true } }];
      return sections(part.text, (escaped) => `*${escaped}*`);
    case 'text':
      return sections(part.text);
    case 'note':
      return mrkdwnChunks(part.text, LIMITS.contextElementText, (escaped) => escaped).map((chunk) => ({ type: 'context', elements: [mrkdwn(chunk)] }));
    case 'warning':
      return sections(part.text, (escaped, index) => (index === 0 ? `:warning: ${escaped}` : escaped));
    case 'clause':
      return clauseBlocks(part);
    case 'fields':
      return fieldBlocks(part.fields);
    case 'buttons':
      return actionsBlocks(part.buttons);
  }
}

/**
 * Keeps a message within Slack's 50 blocks: every button row stays (buttons are how people act), then as many of
 * the first blocks as fit, and one note where the rest was dropped. Buttons always leave room for the first block
 * and the note, so even a message of nothing but buttons still says what it is.
 */
function fitBlockCount(rendered: { block: KnownBlock; isButtons: boolean }[]): KnownBlock[] {
  if (rendered.length <= LIMITS.blocksPerMessage) return rendered.map(({ block }) => block);
  const buttonCount = rendered.filter(({ isButtons }) => isButtons).length;
  const keptButtons = Math.min(buttonCount, LIMITS.blocksPerMessage - 1 - Math.min(rendered.length - buttonCount, 1));
  const room = { buttons: keptButtons, content: LIMITS.blocksPerMessage - 1 - keptButtons };
  const dropped = rendered.length - (LIMITS.blocksPerMessage - 1);
  const kept: KnownBlock[] = [];
  let noted = false;
  for (const { block, isButtons } of rendered) {
    const kind = isButtons ? 'buttons' : 'content';
    if (room[kind] > 0) {
      kept.push(block);
      room[kind] -= 1;
    } else if (!noted) {
      kept.push({ type: 'context', elements: [mrkdwn(`(shortened: ${dropped} more parts not shown)`)] });
      noted = true;
    }
  }
  return kept;
}

/** The summary as the notification line: escaped, since Slack parses it as mrkdwn too, and cut whole-entity. */
function notificationText(message: Message): string {
  const firstText = message.parts.flatMap((part) => (part.kind === 'heading' || part.kind === 'text' ? [part.text] : []));
  const line = [message.summary, ...firstText].find((text) => !isBlank(text))?.trim() ?? 'Policy Desk';
  if (escapeMrkdwn(line).length <= LIMITS.notificationText) return escapeMrkdwn(line);
  let cut = '';
  for (const point of Array.from(line)) {
    const escaped = escapeMrkdwn(point);
    if (cut.length + escaped.length > LIMITS.notificationText - 1) break;
    cut += escaped;
  }
  return `${cut}…`;
}

/** A neutral message as a Slack message: the notification line and Block Kit blocks within Slack's limits. */
export function renderBlockKit(message: Message): { text: string; blocks: KnownBlock[] } {
  const rendered = message.parts.flatMap((part) => renderPart(part).map((block) => ({ block, isButtons: part.kind === 'buttons' })));
  return { text: notificationText(message), blocks: fitBlockCount(rendered) };
}
