import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PolicyDeskError } from '../errors.js';
import { normaliseText } from '../answers/normalise-text.js';
import { readYamlFile } from '../policies/read-yaml-file.js';
import { INTENT_IDS, type IntentId } from './intent-ids.js';

/** Fewer examples than this and an intent cannot be told apart from the others. */
export const MIN_EXAMPLES_PER_INTENT = 5;

export interface IntentExample {
  intent: IntentId;
  text: string;
  /** Where it was written, for messages: "intents/back.yaml:12". */
  origin: string;
}

/** Rasa NLU training data, as Rasa writes it: examples are one `|` block of "- " lines per intent. */
const intentFileSchema = z.strictObject({
  version: z.string().optional(),
  nlu: z.array(
    z.strictObject({
      intent: z.enum(INTENT_IDS),
      examples: z.string(),
    }),
  ),
});

/** Rasa's entity mark-up, "[insta](platform)": the classifier wants the words only. */
const ENTITY_MARKUP = /\[([^\]]+)\]\([^)]*\)/g;

/**
 * Reads every intents/*.yaml. By convention each intent has its own file, intents/<intent-id>.yaml, but as in
 * Rasa any file may hold any intent. Unknown intents, examples outside the "- " list, and an example written twice
 * (in any file, compared after normalising) are PACK_INVALID errors naming file and line. A missing file is
 * fine as long as each intent still has MIN_EXAMPLES_PER_INTENT examples in all.
 */
export function loadIntentExamples(intentsDirectory: string, displayDirectory = 'intents'): IntentExample[] {
  if (!existsSync(intentsDirectory)) {
    throw new PolicyDeskError('INVALID_CONFIG', `intents folder not found: ${intentsDirectory}`);
  }
  const examples: IntentExample[] = [];
  const firstSeen = new Map<string, string>();
  const files = readdirSync(intentsDirectory).filter((name) => /\.ya?ml$/.test(name)).sort();
  for (const file of files) {
    const display = join(displayDirectory, file);
    const parsed = readYamlFile(join(intentsDirectory, file), display, intentFileSchema);
    parsed.data.nlu.forEach((entry, position) => {
      // The block's text starts on the line after "examples: |".
      const firstLine = parsed.lineOf(['nlu', position, 'examples']) + 1;
      entry.examples.split('\n').forEach((rawLine, offset) => {
        if (rawLine.trim() === '') return;
        const origin = `${display}:${firstLine + offset}`;
        const match = /^\s*-\s+(.*\S)\s*$/.exec(rawLine);
        if (!match) {
          throw new PolicyDeskError('PACK_INVALID', `${origin}: nlu[${position}].examples: each example is a line starting with "- "`);
        }
        const text = match[1]!.replace(ENTITY_MARKUP, '$1');
        // Examples that differ only in case or punctuation are the same example to the classifier.
        const key = normaliseText(text) || text;
        const earlier = firstSeen.get(key);
        if (earlier) throw new PolicyDeskError('PACK_INVALID', `${origin}: "${text}" is already an example at ${earlier}`);
        firstSeen.set(key, origin);
        examples.push({ intent: entry.intent, text, origin });
      });
    });
  }
  for (const intent of INTENT_IDS) {
    const count = examples.filter((example) => example.intent === intent).length;
    if (count < MIN_EXAMPLES_PER_INTENT) {
      throw new PolicyDeskError(
        'PACK_INVALID',
        `${displayDirectory}/: intent "${intent}" has ${count} example${count === 1 ? '' : 's'}; it needs at least ${MIN_EXAMPLES_PER_INTENT}`,
      );
    }
  }
  return examples;
}
