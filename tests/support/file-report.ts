import { expect } from 'vitest';
import type { ConversationHarness } from './conversation-harness.js';

export interface ReportAnswers {
  category: string;
  whatHappened: string;
  personConcerned?: string;
}

/** Files a report as a directory person, answering every question in the shared form by typing. */
export async function fileReport(chat: ConversationHarness, personId: string, answers: ReportAnswers): Promise<string> {
  const opening = await chat.say(personId, 'I need to report something');
  expect(opening).toContain('Report a concern');
  await chat.say(personId, answers.category);
  await chat.say(personId, 'It can wait a few days');
  await chat.say(personId, 'Facebook');
  await chat.say(personId, 'skip');
  await chat.say(personId, 'this morning');
  await chat.say(personId, answers.whatHappened);
  await chat.say(personId, 'skip');
  await chat.say(personId, answers.personConcerned ?? 'skip');
  const summary = await chat.say(personId, 'no');
  expect(summary).toContain('Check your report');
  return chat.press(personId, 'Send report');
}

