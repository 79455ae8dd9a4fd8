import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { INTENT_IDS, type IntentId } from '../intents/intent-ids.js';
import { readYamlFile } from '../policies/read-yaml-file.js';
import type { QuestionSplit } from './question-set.js';

export interface LabelledIntent {
  split: QuestionSplit;
  text: string;
  intent: IntentId;
  /** Where it was written, for messages: "tests/intents/dev.yaml#12". */
  origin: string;
}

const labelledIntentSchema = z.strictObject({
  // Empty text is a fair test (it must fall to ask-policy), so only its presence is checked.
  text: z.string(),
  intent: z.enum(INTENT_IDS),
});

/** Reads tests/intents/<split>.yaml (a list of { text, intent }) for the splits asked for; a missing split is skipped. */
export function loadIntentSets(intentSetsDirectory: string, splits: readonly QuestionSplit[]): LabelledIntent[] {
  const items: LabelledIntent[] = [];
  for (const split of splits) {
    const path = join(intentSetsDirectory, `${split}.yaml`);
    if (!existsSync(path)) continue;
    const display = join('tests', 'intents', `${split}.yaml`);
    const entries = readYamlFile(path, display, z.array(labelledIntentSchema)).data;
    entries.forEach((entry, position) => items.push({ split, text: entry.text, intent: entry.intent, origin: `${display}#${position}` }));
  }
  return items;
}
