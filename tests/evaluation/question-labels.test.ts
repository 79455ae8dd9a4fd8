import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { loadQuestionSets } from '../../src/evaluation/question-set.js';
import { resolveExpectedClauses } from '../../src/evaluation/resolve-expected-clauses.js';
import { loadPolicyLibrary } from '../../src/policies/load-policy-library.js';
import { shippedPolicies } from '../support/make-policies-folder.js';

const library = loadPolicyLibrary(shippedPolicies);
const questions = loadQuestionSets(join(findPackageRoot(), 'tests', 'questions'), ['dev', 'holdout']);

describe('the labelled question set', () => {
  it('is big enough to mean something: at least 200 questions, 30 out of scope, 50 held out, all four councils', () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(questions.filter((q) => q.expect === 'none').length).toBeGreaterThanOrEqual(30);
    expect(questions.filter((q) => q.split === 'holdout').length).toBeGreaterThanOrEqual(50);
    expect(new Set(questions.map((q) => q.councilId))).toEqual(new Set(['cannock', 'chiltern', 'dacorum', 'wouldham']));
  });

  it('has every label pointing at a clause that exists in the pack', () => {
    const unresolved = questions
      .filter((q) => q.expect !== 'none' && resolveExpectedClauses(library.packs.get(q.councilId)!, q.expect).size === 0)
      .map((q) => `${q.origin}: ${q.question}`);
    expect(unresolved).toEqual([]);
  });

  it('keeps the holdout apart from dev: no question appears in both', () => {
    const dev = new Set(questions.filter((q) => q.split === 'dev').map((q) => `${q.councilId}:${q.question.toLowerCase()}`));
    const shared = questions.filter((q) => q.split === 'holdout' && dev.has(`${q.councilId}:${q.question.toLowerCase()}`));
    expect(shared).toEqual([]);
  });

  it('is not copied into the packs: no labelled question is also a pack example', () => {
    const examples = new Set([...library.packs.values()].flatMap((pack) => pack.clauses.flatMap((c) => c.questions.map((q) => `${pack.councilId}:${q.toLowerCase().trim()}`))));
    const copied = questions.filter((q) => examples.has(`${q.councilId}:${q.question.toLowerCase().trim()}`)).map((q) => q.origin);
    expect(copied).toEqual([]);
  });
});
