import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { evaluateIntents } from '../../src/evaluation/evaluate-intents.js';
import { loadIntentSets } from '../../src/evaluation/intent-set.js';
import type { QuestionSplit } from '../../src/evaluation/question-set.js';
import { createIntentClassifier } from '../../src/intents/create-intent-classifier.js';
import type { IntentId } from '../../src/intents/intent-ids.js';
import { loadIntentClassifier } from '../../src/intents/load-intent-classifier.js';
import { loadIntentExamples } from '../../src/intents/load-intent-examples.js';

/**
 * Floors under the measured accuracy (npm run eval), so a change that makes routing worse fails the build.
 * They sit a little below what was measured: not targets, and never raised to whatever a run happens to give.
 * Measured when set (2026-11-22): dev 99.5% of 202, holdout 95.0% of 100.
 */
const FLOORS: Record<QuestionSplit, number> = { dev: 0.97, holdout: 0.92 };

const root = findPackageRoot();
const classifier = loadIntentClassifier(join(root, 'intents'));
const labelled = loadIntentSets(join(root, 'tests', 'intents'), ['dev', 'holdout']);

describe('intent classification on the labelled messages', () => {
  for (const split of ['dev', 'holdout'] as const) {
    it(`${split}: accuracy stays above its floor`, () => {
      const items = labelled.filter((item) => item.split === split);
      expect(items.length).toBeGreaterThan(50);
      expect(evaluateIntents(classifier, items).accuracy).toBeGreaterThanOrEqual(FLOORS[split]);
    });
  }
});

/** What the conversation relies on: commands typed the way people type them, and the default for anything unclear. */
const BEHAVIOUR: [string, IntentId][] = [
  ['cancel', 'cancel'],
  ['cancel pls', 'cancel'],
  ['never mind', 'cancel'],
  ['forget it', 'cancel'],
  ['scrap that', 'cancel'],
  ['back', 'back'],
  ['bk', 'back'],
  ['go back', 'back'],
  ['previous question', 'back'],
  ['edit platform', 'back'],
  ['change the deputy', 'back'],
  ['help', 'help'],
  ['hi', 'help'],
  ['what can you do', 'help'],
  ['status', 'my-requests'],
  ['status?', 'my-requests'],
  ['has my request been approved', 'my-requests'],
  ['anything for me to approve', 'my-requests'],
  ['start a business case', 'request-account'],
  ['new account request', 'request-account'],
  ['we want an instagram account for the countryside service', 'request-account'],
  ['I want to report harassment', 'report'],
  ['can I post photos of residents?', 'ask-policy'],
  ['can I be Facebook friends with a client?', 'ask-policy'],
  ['what should I do if I am abused online?', 'ask-policy'],
  ['', 'ask-policy'],
  ['   ', 'ask-policy'],
  ['?!', 'ask-policy'],
];

describe('the messages the conversation depends on', () => {
  it.each(BEHAVIOUR)('"%s" is %s', (text, intent) => {
    expect(classifier.classify(text).intent).toBe(intent);
  });

  it('treats an empty message as a policy question it is not sure of', () => {
    const classified = classifier.classify('');
    expect(classified).toMatchObject({ intent: 'ask-policy', confidence: 0, ambiguous: true });
    expect(Object.values(classified.scores).reduce((sum, score) => sum + score, 0)).toBeCloseTo(1);
  });

  it('takes a close call between two intents as a policy question', () => {
    const examples = [
      ...['alpha', 'red', 'tan', 'sky', 'ink'].map((text) => ({ intent: 'cancel' as const, text })),
      ...['alpha', 'cat', 'dog', 'cow', 'pig'].map((text) => ({ intent: 'back' as const, text })),
      ...['sun', 'fog', 'dew', 'ice', 'air'].map((text) => ({ intent: 'ask-policy' as const, text })),
    ];
    const classified = createIntentClassifier(examples).classify('alpha');
    expect(classified.intent).toBe('ask-policy');
    expect(classified.ambiguous).toBe(true);
  });

  it('builds the same classifier from the same examples every time', () => {
    const examples = loadIntentExamples(join(root, 'intents'));
    const again = createIntentClassifier(examples);
    for (const text of ['can i tweet about the election', 'status', 'someone is harassing me']) {
      expect(again.classify(text)).toEqual(classifier.classify(text));
    }
  });

  it('is quick: trained in well under a second and a message classified in well under a millisecond', () => {
    const examples = loadIntentExamples(join(root, 'intents'));
    const started = performance.now();
    const built = createIntentClassifier(examples);
    // Generous bounds: the point is to catch a change that makes it ten times slower, not a busy machine.
    expect(performance.now() - started).toBeLessThan(1000);
    const texts = labelled.filter((item) => item.split === 'dev').map((item) => item.text);
    const timed = performance.now();
    for (const text of texts) built.classify(text);
    expect((performance.now() - timed) / texts.length).toBeLessThan(1);
  });
});
