import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { isPolicyDeskError } from '../../src/errors.js';
import { INTENT_IDS } from '../../src/intents/intent-ids.js';
import { loadIntentExamples } from '../../src/intents/load-intent-examples.js';
import { editFile, lineOf } from '../support/make-policies-folder.js';

const shippedIntents = join(findPackageRoot(), 'intents');

/** A throwaway copy of the shipped intents folder, for tests that break a file. */
function copyIntentsFolder(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'policy-desk-intents-')), 'intents');
  cpSync(shippedIntents, folder, { recursive: true });
  return folder;
}

function loadError(folder: string): string {
  try {
    loadIntentExamples(folder);
  } catch (error) {
    if (isPolicyDeskError(error) && error.code === 'PACK_INVALID') return error.message;
    throw error;
  }
  throw new Error('expected the intents to be refused');
}

describe('loading intent examples', () => {
  it('loads the shipped examples: every intent, each with plenty of examples, each naming its file and line', () => {
    const examples = loadIntentExamples(shippedIntents);
    for (const intent of INTENT_IDS) expect(examples.filter((example) => example.intent === intent).length).toBeGreaterThanOrEqual(60);
    const first = examples.find((example) => example.intent === 'back')!;
    expect(first.origin).toBe(`intents/back.yaml:${lineOf(join(shippedIntents, 'back.yaml'), `- ${first.text}`)}`);
  });

  it('refuses an intent id it does not know, naming the file and the line', () => {
    const folder = copyIntentsFolder();
    const path = join(folder, 'cancel.yaml');
    editFile(path, (text) => text.replace('- intent: cancel', '- intent: cancle'));
    const message = loadError(folder);
    expect(message).toBe(`intents/cancel.yaml:${lineOf(path, 'intent: cancle')}: nlu[0].intent: must be one of: ${INTENT_IDS.join(', ')}`);
  });

  it('refuses an example written twice, in the same or another file, naming both places', () => {
    const folder = copyIntentsFolder();
    editFile(join(folder, 'back.yaml'), (text) => `${text.trimEnd()}\n    - Go back!\n`);
    const path = join(folder, 'back.yaml');
    const message = loadError(folder);
    expect(message).toBe(
      `intents/back.yaml:${lineOf(path, '- Go back!')}: "Go back!" is already an example at intents/back.yaml:${lineOf(path, '- go back')}`,
    );

    const other = copyIntentsFolder();
    editFile(join(other, 'report.yaml'), (text) => `${text.trimEnd()}\n    - cancel\n`);
    expect(loadError(other)).toMatch(/^intents\/report\.yaml:\d+: "cancel" is already an example at intents\/cancel\.yaml:\d+$/);
  });

  it('reports malformed YAML with its file and line', () => {
    const folder = copyIntentsFolder();
    const path = join(folder, 'help.yaml');
    editFile(path, (text) => text.replace('- intent: help', '- intent: [help'));
    expect(loadError(folder)).toMatch(/^intents\/help\.yaml:\d+: /);
  });

  it('refuses a line in the examples block that is not a "- " item, naming its line', () => {
    const folder = copyIntentsFolder();
    const path = join(folder, 'help.yaml');
    editFile(path, (text) => text.replace('    - what can you do\n', '    what can you do\n'));
    expect(loadError(folder)).toBe(
      `intents/help.yaml:${lineOf(path, '    what can you do')}: nlu[0].examples: each example is a line starting with "- "`,
    );
  });

  it('refuses a misspelt field, naming its line', () => {
    const folder = copyIntentsFolder();
    const path = join(folder, 'help.yaml');
    editFile(path, (text) => text.replace('  examples: |', '  exmaples: |'));
    expect(loadError(folder)).toContain(`intents/help.yaml:${lineOf(path, 'exmaples:')}: nlu[0].exmaples: is not a field`);
  });

  it('allows a missing file, as long as every intent keeps five examples somewhere', () => {
    const folder = copyIntentsFolder();
    rmSync(join(folder, 'back.yaml'));
    expect(loadError(folder)).toBe('intents/: intent "back" has 0 examples; it needs at least 5');
    writeFileSync(
      join(folder, 'form-steps.yaml'),
      'version: "3.1"\nnlu:\n- intent: back\n  examples: |\n    - back\n    - go back\n    - previous question\n    - edit platform\n    - [bk](shorthand)\n',
    );
    const examples = loadIntentExamples(folder);
    expect(examples.filter((example) => example.intent === 'back').map((example) => example.text)).toEqual([
      'back',
      'go back',
      'previous question',
      'edit platform',
      'bk',
    ]);
    expect(examples.find((example) => example.text === 'bk')?.origin).toBe('intents/form-steps.yaml:9');
  });
});
