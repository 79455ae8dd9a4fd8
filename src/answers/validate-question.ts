import { PolicyDeskError } from '../errors.js';

export const MAX_QUESTION_LENGTH = 2000;

// Control characters other than tab and line breaks, and U+FFFD (bytes that were not valid UTF-8).
const GARBAGE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/u;

/** The question, trimmed, or an INVALID_QUESTION error whose message can be shown to the person who asked. */
export function validateQuestion(raw: string): string {
  const question = raw.trim();
  if (question === '') throw new PolicyDeskError('INVALID_QUESTION', 'the question is empty');
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new PolicyDeskError(
      'INVALID_QUESTION',
      `the question is ${question.length} characters long; the limit is ${MAX_QUESTION_LENGTH}`,
    );
  }
  if (GARBAGE.test(question)) {
    throw new PolicyDeskError('INVALID_QUESTION', 'the question contains binary or unreadable characters');
  }
  if (!/\p{L}{2,}/u.test(question)) throw new PolicyDeskError('INVALID_QUESTION', 'the question has no words in it');
  return question;
}
