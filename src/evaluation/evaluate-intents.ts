import type { IntentClassifier } from '../intents/create-intent-classifier.js';
import { INTENT_IDS, type IntentId } from '../intents/intent-ids.js';

export interface IntentOutcome {
  text: string;
  expected: IntentId;
  got: IntentId;
  confidence: number;
}

export interface IntentScores {
  n: number;
  accuracy: number;
  /** Per intent: precision (of the messages given this intent, the share right) and recall (of those that are it, the share found). */
  perIntent: Record<IntentId, { support: number; predicted: number; precision: number; recall: number }>;
  /** Wrong answers grouped by expected and given intent, most frequent first. */
  confusions: { expected: IntentId; got: IntentId; count: number }[];
  outcomes: IntentOutcome[];
}

/** Classifies every labelled message and scores the result. */
export function evaluateIntents(classifier: IntentClassifier, items: readonly { text: string; intent: IntentId }[]): IntentScores {
  const outcomes = items.map((item) => {
    const classified = classifier.classify(item.text);
    return { text: item.text, expected: item.intent, got: classified.intent, confidence: classified.confidence };
  });
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  const perIntent = Object.fromEntries(
    INTENT_IDS.map((intent) => {
      const support = outcomes.filter((outcome) => outcome.expected === intent).length;
      const predicted = outcomes.filter((outcome) => outcome.got === intent).length;
      const right = outcomes.filter((outcome) => outcome.expected === intent && outcome.got === intent).length;
      return [intent, { support, predicted, precision: share(right, predicted), recall: share(right, support) }];
    }),
  ) as IntentScores['perIntent'];
  const confusionCounts = new Map<string, { expected: IntentId; got: IntentId; count: number }>();
  for (const outcome of outcomes) {
    if (outcome.expected === outcome.got) continue;
    const key = `${outcome.expected}>${outcome.got}`;
    const entry = confusionCounts.get(key) ?? { expected: outcome.expected, got: outcome.got, count: 0 };
    entry.count += 1;
    confusionCounts.set(key, entry);
  }
  return {
    n: outcomes.length,
    accuracy: share(outcomes.filter((outcome) => outcome.expected === outcome.got).length, outcomes.length),
    perIntent,
    confusions: [...confusionCounts.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    outcomes,
  };
}
