import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../policies/read-yaml-file.js';

export const QUESTION_SPLITS = ['dev', 'holdout'] as const;
export type QuestionSplit = (typeof QUESTION_SPLITS)[number];

const expectedClauseSchema = z.strictObject({
  section: z.string().trim().min(1),
  quote: z.string().trim().min(1),
});

const labelledQuestionSchema = z.strictObject({
  q: z.string().trim().min(1),
  role: z.enum(['employee', 'member']).optional(),
  expect: z.union([z.literal('none'), z.array(expectedClauseSchema).min(1)]),
});

export type ExpectedClause = z.infer<typeof expectedClauseSchema>;

export interface LabelledQuestion {
  councilId: string;
  split: QuestionSplit;
  question: string;
  role?: 'employee' | 'member' | undefined;
  /** Acceptable answers, or 'none' when the policy does not cover the question. */
  expect: 'none' | ExpectedClause[];
  /** Where it was written, for messages: "tests/questions/dev/dacorum.yaml#12". */
  origin: string;
}

/** Reads tests/questions/<split>/<council>.yaml for the splits asked for. */
export function loadQuestionSets(questionsDirectory: string, splits: readonly QuestionSplit[]): LabelledQuestion[] {
  const questions: LabelledQuestion[] = [];
  for (const split of splits) {
    const directory = join(questionsDirectory, split);
    if (!existsSync(directory)) continue;
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.yaml')).sort()) {
      const councilId = basename(file, '.yaml');
      const display = join('tests', 'questions', split, file);
      const entries = readYamlFile(join(directory, file), display, z.array(labelledQuestionSchema)).data;
      entries.forEach((entry, position) =>
        questions.push({
          councilId,
          split,
          question: entry.q,
          role: entry.role,
          expect: entry.expect,
          origin: `${display}#${position}`,
        }),
      );
    }
  }
  return questions;
}
