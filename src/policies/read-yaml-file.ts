import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { PolicyDeskError } from '../errors.js';

/** Reads and validates one YAML file; any problem becomes a PACK_INVALID error naming file, line and field. */
export interface YamlFile<Data> {
  data: Data;
  /** The line a field sits on, so later checks (cross-references) can name it too. */
  lineOf(path: (string | number)[]): number;
}

export function readYamlFile<Schema extends z.ZodType>(
  filePath: string,
  displayPath: string,
  schema: Schema,
): YamlFile<z.output<Schema>> {
  let source: string;
  try {
    source = readFileSync(filePath, 'utf8');
  } catch {
    throw new PolicyDeskError('PACK_INVALID', `${displayPath}: cannot read the file`);
  }
  return parseYamlText(source, displayPath, schema);
}

/**
 * Valid files take the fast path (js-yaml, about six times quicker at start-up on the packs); anything wrong
 * is parsed again with \`yaml\`, whose syntax tree knows the line of every field, to word the error.
 */
export function parseYamlText<Schema extends z.ZodType>(
  source: string,
  displayPath: string,
  schema: Schema,
): YamlFile<z.output<Schema>> {
  let data: unknown;
  try {
    // The core schema, as `yaml` uses: dates stay text and "yes" stays a word.
    data = jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return parseYamlTextPrecisely(source, displayPath, schema);
  }
  const result = schema.safeParse(data);
  if (!result.success) return parseYamlTextPrecisely(source, displayPath, schema);
  return {
    data: result.data,
    lineOf: (path) => {
      const lineCounter = new LineCounter();
      return lineOfPath(parseDocument(source, { lineCounter }), lineCounter, path);
    },
  };
}

function parseYamlTextPrecisely<Schema extends z.ZodType>(
  source: string,
  displayPath: string,
  schema: Schema,
): YamlFile<z.output<Schema>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    const reason = syntaxError.message.split('\n')[0] ?? 'invalid YAML';
    throw new PolicyDeskError('PACK_INVALID', `${displayPath}:${line}: ${reason}`);
  }
  const result = schema.safeParse(document.toJS(), { reportInput: true });
  if (result.success) {
    return { data: result.data, lineOf: (path) => lineOfPath(document, lineCounter, path) };
  }

  // A misspelt field name explains the "missing field" it causes, so it is reported first.
  const issue = result.error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? result.error.issues[0]!;
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  const fieldPath = issue.code === 'unrecognized_keys' ? [...path, issue.keys[0] ?? ''] : path;
  const line = lineOfPath(document, lineCounter, fieldPath);
  const field = formatFieldPath(fieldPath);
  const message = describeIssue(issue);
  throw new PolicyDeskError('PACK_INVALID', `${displayPath}:${line}: ${field ? `${field}: ` : ''}${message}`);
}

/** The line of the deepest node on the path that exists (a missing field points at its parent). */
function lineOfPath(document: Document, lineCounter: LineCounter, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? document.contents : document.getIn(prefix, true);
    if (isNode(node) && node.range) {
      const keyOffset = depth > 0 ? keyOffsetOf(document, prefix) : undefined;
      return lineCounter.linePos(keyOffset ?? node.range[0]).line;
    }
  }
  return 1;
}

/** For a mapping entry, the key's position reads better than the value's (the value may be a block on later lines). */
function keyOffsetOf(document: Document, path: (string | number)[]): number | undefined {
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = parentPath.length === 0 ? document.contents : document.getIn(parentPath, true);
  if (!parent || typeof parent !== 'object' || !('items' in parent) || !Array.isArray(parent.items)) return undefined;
  for (const item of parent.items as unknown[]) {
    if (item && typeof item === 'object' && 'key' in item) {
      const pairKey = (item as { key: unknown }).key;
      if (isNode(pairKey) && 'value' in pairKey && pairKey.value === key && pairKey.range) return pairKey.range[0];
    }
  }
  return undefined;
}

function formatFieldPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key),
    '',
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if ('input' in issue && issue.input === undefined && issue.code !== 'unrecognized_keys') return 'is missing';
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a field this file knows (check the spelling)';
    default:
      return issue.message;
  }
}
