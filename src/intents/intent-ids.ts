/**
 * What a message asks the conversation to do. Shared by the training data in intents/<intent-id>.yaml, the
 * classifier, the conversation core and the tests.
 */
export const INTENT_IDS = ['ask-policy', 'request-account', 'report', 'my-requests', 'help', 'cancel', 'back'] as const;

export type IntentId = (typeof INTENT_IDS)[number];

/** Anything unclear is taken as a policy question: answering it, or saying the policy does not cover it, is harmless. */
export const DEFAULT_INTENT: IntentId = 'ask-policy';

export function isIntentId(value: string): value is IntentId {
  return (INTENT_IDS as readonly string[]).includes(value);
}
