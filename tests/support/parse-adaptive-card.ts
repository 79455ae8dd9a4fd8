import { createRequire } from 'node:module';
import { isDeepStrictEqual } from 'node:util';
import type * as AdaptiveCardsModule from 'adaptivecards';

/**
 * The adaptivecards library's own parser and validator. Its lib/ build is ESM with extensionless imports, which
 * Node cannot load, so the UMD bundle is required instead; the types still come from lib/.
 */
const AdaptiveCards = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

/** Written out here, not imported from the renderer, so a renderer that raised its own budget would still be caught. */
const CARD_BYTE_LIMIT = 28_000;

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);

/** Properties the library parses itself rather than through a type's schema, and `fallback`, which any element or action may have. */
const CHILDREN_BY_TYPE: Record<string, string[]> = {
  AdaptiveCard: ['body', 'actions'],
  Container: ['items'],
  ActionSet: ['actions'],
  ColumnSet: ['columns'],
};

/** Every property name each registered element and action type knows, read from the library's schemas. */
function knownProperties(): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>();
  const add = (typeName: string, object: { getSchema(): AdaptiveCardsModule.SerializableObjectSchema }) => {
    const schema = object.getSchema();
    const names = new Set(['fallback', ...(CHILDREN_BY_TYPE[typeName] ?? [])]);
    for (let index = 0; index < schema.getCount(); index += 1) names.add(schema.getItemAt(index).name);
    known.set(typeName, names);
  };
  for (const registry of [AdaptiveCards.GlobalRegistry.elements, AdaptiveCards.GlobalRegistry.actions] as AdaptiveCardsModule.CardObjectRegistry<AdaptiveCardsModule.CardObject>[]) {
    for (let index = 0; index < registry.getItemCount(); index += 1) {
      const { typeName } = registry.getItemAt(index);
      const instance = registry.createInstance(typeName, AdaptiveCards.Versions.latest);
      if (instance) add(typeName, instance);
    }
  }
  add('AdaptiveCard', new AdaptiveCards.AdaptiveCard());
  return known;
}

const KNOWN_PROPERTIES = knownProperties();
const NESTED_ITEMS: Record<string, { key: string; properties: string[] }> = {
  FactSet: { key: 'facts', properties: ['title', 'value'] },
  'Input.ChoiceSet': { key: 'choices', properties: ['title', 'value'] },
};

/** Property names the library would silently drop (a misspelt "isSubtl" is no error to the parser, just ignored). */
function findUnknownProperties(node: unknown, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => findUnknownProperties(item, `${path}[${index}]`, problems));
    return;
  }
  const object = asRecord(node);
  if (!object) return;
  const type = object['type'];
  const known = typeof type === 'string' ? KNOWN_PROPERTIES.get(type) : undefined;
  // Unknown types are reported by the parser; `data` is ours to shape.
  if (!known) return;
  for (const key of Object.keys(object)) if (!known.has(key)) problems.push(`${path} (${type}): unknown property "${key}"`);
  const nested = NESTED_ITEMS[type as string];
  if (nested && Array.isArray(object[nested.key])) {
    (object[nested.key] as unknown[]).forEach((item, index) => {
      for (const key of Object.keys(asRecord(item) ?? {})) if (!nested.properties.includes(key)) problems.push(`${path}.${nested.key}[${index}]: unknown property "${key}"`);
    });
  }
  for (const key of ['body', 'items', 'actions', 'columns']) if (key in object) findUnknownProperties(object[key], `${path}.${key}`, problems);
}

/** Every Action.Execute needs an Action.Submit fallback with the same data, or a client without Execute drops the button. */
function findExecuteWithoutFallback(node: unknown, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => findExecuteWithoutFallback(item, `${path}[${index}]`, problems));
    return;
  }
  const object = asRecord(node);
  if (!object) return;
  if (object['type'] === 'Action.Execute') {
    const fallback = asRecord(object['fallback']);
    if (fallback?.['type'] !== 'Action.Submit') problems.push(`${path} (Action.Execute "${String(object['title'])}"): no Action.Submit fallback`);
    else if (!isDeepStrictEqual(fallback['data'], object['data'])) problems.push(`${path} (Action.Execute "${String(object['title'])}"): its fallback's data differs`);
    else if (fallback['title'] !== object['title']) problems.push(`${path} (Action.Execute "${String(object['title'])}"): its fallback's title differs`);
  }
  for (const key of ['body', 'items', 'actions', 'columns']) if (key in object) findExecuteWithoutFallback(object[key], `${path}.${key}`, problems);
}

/** Parses a card as a client would, with a given action registry; returns the parse events and the parsed card. */
function parseWith(json: unknown, actionRegistry?: AdaptiveCardsModule.CardObjectRegistry<AdaptiveCardsModule.Action>) {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  if (actionRegistry) context.setActionRegistry(actionRegistry);
  card.parse(json, context);
  const events: string[] = [];
  for (let index = 0; index < context.eventCount; index += 1) events.push(context.getEventAt(index).message);
  return { card, events };
}

/** A client that predates Universal Actions: everything but Action.Execute. */
function registryWithoutExecute(): AdaptiveCardsModule.CardObjectRegistry<AdaptiveCardsModule.Action> {
  const registry = new AdaptiveCards.CardObjectRegistry<AdaptiveCardsModule.Action>();
  AdaptiveCards.GlobalRegistry.populateWithDefaultActions(registry);
  registry.unregister('Action.Execute');
  return registry;
}

function countJsonActions(node: unknown, type: string): number {
  if (Array.isArray(node)) return node.reduce((sum: number, item) => sum + countJsonActions(item, type), 0);
  const object = asRecord(node);
  if (!object) return 0;
  const own = object['type'] === type ? 1 : 0;
  return own + ['body', 'items', 'actions', 'columns'].reduce((sum, key) => sum + countJsonActions(object[key], type), 0);
}

/**
 * Everything wrong with a card, as Teams' own library sees it: parse events (unknown element or action types,
 * invalid property values), validation failures (version, duplicate or missing input ids, too many actions in a
 * set), property names it would ignore, an Action.Execute that an older client could not fall back from, and a
 * card over Teams' message size. An empty list means the card is good.
 */
export function findAdaptiveCardProblems(json: unknown): string[] {
  const root = asRecord(json);
  if (!root) return ['the card is not a JSON object'];
  const problems: string[] = [];
  const bytes = Buffer.byteLength(JSON.stringify(root), 'utf8');
  if (bytes > CARD_BYTE_LIMIT) problems.push(`the card is ${bytes.toLocaleString('en-GB')} bytes of JSON, over ${CARD_BYTE_LIMIT.toLocaleString('en-GB')}`);
  if (root['type'] !== 'AdaptiveCard') problems.push(`the card's type is ${JSON.stringify(root['type'])}, not "AdaptiveCard"`);

  const { card, events } = parseWith(root);
  problems.push(...events.map((message) => `parse: ${message}`));
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  findUnknownProperties(root, 'card', problems);
  findExecuteWithoutFallback(root, 'card', problems);

  // An older client sees each Action.Execute as unknown and uses its fallback; none may be lost or go wrong.
  // Such a client knows no refresh either (both came with Universal Actions), so it never asks for one.
  const { refresh: _refresh, ...withoutRefresh } = root as Record<string, unknown>;
  const older = parseWith(withoutRefresh, registryWithoutExecute());
  const unexpected = older.events.filter((message) => !message.startsWith('Unknown action type "Action.Execute"'));
  problems.push(...unexpected.map((message) => `parse without Action.Execute: ${message}`));
  const expectedSubmits = countJsonActions(withoutRefresh, 'Action.Execute') + countJsonActions(withoutRefresh, 'Action.Submit');
  const submits = countJsonActions(older.card.toJSON(), 'Action.Submit');
  if (submits !== expectedSubmits) problems.push(`without Action.Execute, ${submits} of ${expectedSubmits} buttons remain`);
  return problems;
}
