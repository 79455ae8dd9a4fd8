import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_LENGTH, validateQuestion } from '../../src/answers/validate-question.js';

describe('validating a question', () => {
  it('trims and accepts an ordinary question, typos and all', () => {
    expect(validateQuestion('  can i post pics of residents??  ')).toBe('can i post pics of residents??');
  });

  it.each([
    ['', 'the question is empty'],
    ['   \n ', 'the question is empty'],
    ['x'.repeat(MAX_QUESTION_LENGTH + 1), `the limit is ${MAX_QUESTION_LENGTH}`],
    ['can i\u0000post', 'binary or unreadable'],
    ['caf\uFFFD post', 'binary or unreadable'],
    ['12345 !!!', 'no words'],
  ])('rejects %j with a message a person can act on', (question, message) => {
    expect(() => validateQuestion(question)).toThrowError(expect.objectContaining({ code: 'INVALID_QUESTION', message: expect.stringContaining(message) }));
  });

  it('accepts a question of exactly the maximum length', () => {
    expect(validateQuestion('a'.repeat(MAX_QUESTION_LENGTH))).toHaveLength(MAX_QUESTION_LENGTH);
  });
});
