/**
 * Slack's documented Block Kit limits for messages (docs.slack.dev/reference/block-kit), and a checker for any
 * payload against them. Lengths are counted in UTF-16 code units (String.length), which is never fewer than the
 * characters Slack counts, so a payload that passes here is not rejected for length there.
 */
export const BLOCK_KIT_LIMITS = {
  blocksPerMessage: 50,
  /** The top-level `text`: Slack truncates past 40,000; the renderer keeps the notification line far shorter. */
  messageText: 40_000,
  notificationText: 3_000,
  /** Any text object: 1 to 3,000 characters. */
  textObject: 3_000,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  contextElements: 10,
  contextElementText: 3_000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  actionId: 255,
  blockId: 255,
  markdownBlockText: 12_000,
} as const;

/** Slack's documented limits for modals (views.open) and their input blocks. */
export const MODAL_LIMITS = {
  blocksPerView: 100,
  titleText: 24,
  callbackId: 255,
  privateMetadata: 3_000,
  sectionText: 3_000,
  inputLabel: 2_000,
  inputHint: 2_000,
  plainTextInput: 3_000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  /** response_action "errors": no documented maximum; kept to a readable line. */
  errorText: 300,
} as const;

type JsonObject = Record<string, unknown>;

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** 3412 → "3,412", the same on every machine whatever its locale. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function checkLength(problems: string[], where: string, value: unknown, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'string') problems.push(`${where} is not a string`);
  else if (value.length > max) problems.push(`${where} is ${count(value.length)} characters, over ${count(max)}`);
}

/** A text object: present, a known type, not empty (Slack rejects empty text), within `max`. */
function checkTextObject(problems: string[], where: string, value: unknown, max: number, options: { plainOnly?: boolean } = {}): void {
  const text = asObject(value);
  if (!text) {
    problems.push(`${where} is missing or not a text object`);
    return;
  }
  const allowed = options.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (!allowed.includes(String(text['type']))) problems.push(`${where} has type ${JSON.stringify(text['type'])}, not ${allowed.join(' or ')}`);
  if (typeof text['text'] !== 'string') problems.push(`${where} has no text`);
  else if (text['text'].trim() === '') problems.push(`${where} is empty`);
  else checkLength(problems, where, text['text'], max);
}

function checkButton(problems: string[], where: string, button: JsonObject): void {
  checkTextObject(problems, `${where} text`, button['text'], BLOCK_KIT_LIMITS.buttonText, { plainOnly: true });
  checkLength(problems, `${where} value`, button['value'], BLOCK_KIT_LIMITS.buttonValue);
  checkLength(problems, `${where} action_id`, button['action_id'], BLOCK_KIT_LIMITS.actionId);
  checkLength(problems, `${where} url`, button['url'], BLOCK_KIT_LIMITS.buttonUrl);
}

function checkSection(problems: string[], where: string, block: JsonObject): void {
  const { text, fields, accessory } = block;
  if (text === undefined && fields === undefined) problems.push(`${where}: has neither text nor fields`);
  if (text !== undefined) checkTextObject(problems, `${where}: text`, text, BLOCK_KIT_LIMITS.sectionText);
  if (fields !== undefined) {
    if (!Array.isArray(fields)) problems.push(`${where}: fields is not a list`);
    else {
      if (fields.length === 0) problems.push(`${where}: fields is empty`);
      if (fields.length > BLOCK_KIT_LIMITS.sectionFields) problems.push(`${where}: has ${fields.length} fields, over ${BLOCK_KIT_LIMITS.sectionFields}`);
      fields.forEach((field, index) => checkTextObject(problems, `${where}: field ${index + 1}`, field, BLOCK_KIT_LIMITS.sectionFieldText));
    }
  }
  const element = asObject(accessory);
  if (element?.['type'] === 'button') checkButton(problems, `${where}: accessory button`, element);
}

function checkContext(problems: string[], where: string, block: JsonObject): void {
  const { elements } = block;
  if (!Array.isArray(elements) || elements.length === 0) {
    problems.push(`${where}: elements is missing or empty`);
    return;
  }
  if (elements.length > BLOCK_KIT_LIMITS.contextElements) problems.push(`${where}: has ${elements.length} elements, over ${BLOCK_KIT_LIMITS.contextElements}`);
  elements.forEach((element, index) => {
    const type = asObject(element)?.['type'];
    // Image elements carry no text; anything else must be a text object.
    if (type !== 'image') checkTextObject(problems, `${where}: element ${index + 1}`, element, BLOCK_KIT_LIMITS.contextElementText);
  });
}

function checkActions(problems: string[], where: string, block: JsonObject): void {
  const { elements } = block;
  if (!Array.isArray(elements) || elements.length === 0) {
    problems.push(`${where}: elements is missing or empty`);
    return;
  }
  if (elements.length > BLOCK_KIT_LIMITS.actionsElements) problems.push(`${where}: has ${elements.length} elements, over ${BLOCK_KIT_LIMITS.actionsElements}`);
  const seen = new Set<unknown>();
  elements.forEach((value, index) => {
    const element = asObject(value);
    if (!element) return void problems.push(`${where}: element ${index + 1} is not an object`);
    // Documented as "should be unique in the containing block"; in practice Slack rejects the message (invalid_blocks).
    const actionId = element['action_id'];
    if (actionId !== undefined && seen.has(actionId)) problems.push(`${where}: element ${index + 1} repeats action_id ${JSON.stringify(actionId)}`);
    seen.add(actionId);
    if (element['type'] === 'button') checkButton(problems, `${where}: button ${index + 1}`, element);
    else checkLength(problems, `${where}: element ${index + 1} action_id`, actionId, BLOCK_KIT_LIMITS.actionId);
  });
}

function checkBlock(problems: string[], value: unknown, index: number, blockIds: Set<string>): void {
  const block = asObject(value);
  if (!block) return void problems.push(`block ${index + 1}: is not an object`);
  const type = block['type'];
  const where = `block ${index + 1} (${typeof type === 'string' ? type : 'no type'})`;
  const blockId = block['block_id'];
  checkLength(problems, `${where}: block_id`, blockId, BLOCK_KIT_LIMITS.blockId);
  if (typeof blockId === 'string') {
    if (blockIds.has(blockId)) problems.push(`${where}: block_id ${JSON.stringify(blockId)} is used twice`);
    blockIds.add(blockId);
  }
  switch (type) {
    case 'section':
      return checkSection(problems, where, block);
    case 'header':
      return checkTextObject(problems, `${where}: text`, block['text'], BLOCK_KIT_LIMITS.headerText, { plainOnly: true });
    case 'context':
      return checkContext(problems, where, block);
    case 'actions':
      return checkActions(problems, where, block);
    case 'markdown':
      return checkLength(problems, `${where}: text`, block['text'], BLOCK_KIT_LIMITS.markdownBlockText);
    case 'input':
      return checkInput(problems, where, block);
    case undefined:
      return void problems.push(`${where}: has no type`);
  }
}

/**
 * Every way a message payload breaks Slack's documented Block Kit limits, as sentences naming the block
 * (numbered from 1) and the field: "block 3 (section): text is 3,412 characters, over 3,000". Accepts anything,
 * including payloads the renderer did not make, and never throws; an empty list means no problems found.
 */
export function findBlockKitViolations(payload: { text?: string; blocks?: unknown[] }): string[] {
  const message = asObject(payload);
  if (!message) return ['the payload is not an object'];
  const problems: string[] = [];
  const { text, blocks } = message;
  checkLength(problems, 'text', text, BLOCK_KIT_LIMITS.messageText);
  if (blocks !== undefined && !Array.isArray(blocks)) problems.push('blocks is not a list');
  const list = Array.isArray(blocks) ? blocks : [];
  if ((typeof text !== 'string' || text.trim() === '') && list.length === 0) problems.push('the message has neither text nor blocks');
  if (list.length > BLOCK_KIT_LIMITS.blocksPerMessage) problems.push(`the message has ${list.length} blocks, over ${BLOCK_KIT_LIMITS.blocksPerMessage}`);
  const blockIds = new Set<string>();
  list.forEach((block, index) => checkBlock(problems, block, index, blockIds));
  return problems;
}

function checkInput(problems: string[], where: string, block: JsonObject): void {
  checkTextObject(problems, `${where}: label`, block['label'], MODAL_LIMITS.inputLabel, { plainOnly: true });
  if (block['hint'] !== undefined) checkTextObject(problems, `${where}: hint`, block['hint'], MODAL_LIMITS.inputHint, { plainOnly: true });
  const element = asObject(block['element']);
  if (!element) return void problems.push(`${where}: has no element`);
  checkLength(problems, `${where}: action_id`, element['action_id'], BLOCK_KIT_LIMITS.actionId);
  if (element['type'] === 'plain_text_input') {
    const maxLength = element['max_length'];
    if (typeof maxLength === 'number' && (maxLength < 1 || maxLength > MODAL_LIMITS.plainTextInput)) problems.push(`${where}: max_length ${maxLength} is outside 1 to ${count(MODAL_LIMITS.plainTextInput)}`);
    const initial = element['initial_value'];
    if (typeof initial === 'string' && typeof maxLength === 'number' && initial.length > maxLength) problems.push(`${where}: initial_value is longer than max_length`);
  } else if (element['type'] === 'static_select') {
    const options = Array.isArray(element['options']) ? element['options'] : [];
    if (options.length === 0 || options.length > MODAL_LIMITS.selectOptions) problems.push(`${where}: has ${options.length} options, not 1 to ${MODAL_LIMITS.selectOptions}`);
    options.forEach((value, index) => {
      const option = asObject(value) ?? {};
      checkTextObject(problems, `${where}: option ${index + 1} text`, option['text'], MODAL_LIMITS.optionText, { plainOnly: true });
      checkLength(problems, `${where}: option ${index + 1} value`, option['value'], MODAL_LIMITS.optionValue);
    });
    const initial = asObject(element['initial_option']);
    if (initial && !options.some((option) => asObject(option)?.['value'] === initial['value'])) problems.push(`${where}: initial_option is not one of its options`);
  } else {
    problems.push(`${where}: element type ${JSON.stringify(element['type'])} is not one Policy Desk uses`);
  }
}

/** Every way a modal view breaks Slack's documented limits (views.open); an empty list means none found. */
export function findModalViolations(value: unknown): string[] {
  const view = asObject(value);
  if (!view) return ['the view is not an object'];
  const problems: string[] = [];
  if (view['type'] !== 'modal') problems.push('type is not "modal"');
  for (const name of ['title', 'submit', 'close']) checkTextObject(problems, name, view[name], MODAL_LIMITS.titleText, { plainOnly: true });
  checkLength(problems, 'callback_id', view['callback_id'], MODAL_LIMITS.callbackId);
  checkLength(problems, 'private_metadata', view['private_metadata'], MODAL_LIMITS.privateMetadata);
  const blocks = Array.isArray(view['blocks']) ? view['blocks'] : [];
  if (blocks.length > MODAL_LIMITS.blocksPerView) problems.push(`the view has ${blocks.length} blocks, over ${MODAL_LIMITS.blocksPerView}`);
  const blockIds = new Set<string>();
  blocks.forEach((block, index) => checkBlock(problems, block, index, blockIds));
  return problems;
}
