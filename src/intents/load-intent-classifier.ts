import { createIntentClassifier, type IntentClassifier } from './create-intent-classifier.js';
import { loadIntentExamples } from './load-intent-examples.js';

/** Reads intents/*.yaml and trains the classifier: the only part of intents that touches the disk. */
export function loadIntentClassifier(intentsDirectory: string): IntentClassifier {
  return createIntentClassifier(loadIntentExamples(intentsDirectory));
}
