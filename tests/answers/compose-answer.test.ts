import { describe, expect, it } from 'vitest';
import { composeAnswer } from '../../src/answers/compose-answer.js';
import type { ClauseMatch } from '../../src/answers/match-clauses.js';
import type { MatchedQuestion } from '../../src/answers/policy-matcher.js';
import { verdictForStance } from '../../src/answers/verdict-for-stance.js';
import type { Stance } from '../../src/policies/pack-schema.js';
import type { Clause, PolicyPack } from '../../src/policies/policy-pack.js';

function clause(id: string, stance: Stance, extra: Partial<Clause> = {}): Clause {
  return { id, councilId: 'testshire', section: id.replace('testshire-', ''), heading: ['Heading'], text: `Text of ${id}.`, audience: 'everyone', stance, contactRoleIds: [], questions: [], ...extra };
}

const purdah = clause('testshire-9', 'guidance', { text: 'Avoid anything party political during purdah.' });
const pack: PolicyPack = {
  councilId: 'testshire',
  councilName: 'Testshire Council',
  policyTitle: 'Social Media Policy',
  policyDate: '2025',
  directory: '/nowhere',
  sourceFiles: [],
  corrections: [],
  roles: new Map([
    ['comms', { id: 'comms', title: 'Communications team', email: 'comms@testshire.gov.uk' }],
    ['boss', { id: 'boss', title: 'Head of service' }],
  ]),
  fallbackContactRoleId: 'comms',
  preElection: { clauseId: purdah.id, topics: ['election'], periods: [{ from: '2027-03-26', to: '2027-05-06', label: 'Local elections' }] },
  clauses: [purdah],
  clausesById: new Map([[purdah.id, purdah]]),
};

function matched(matches: [Clause, number][], features: string[] = ['post']): MatchedQuestion {
  return {
    matches: matches.map(([c, score]): ClauseMatch => ({ clause: c, score, exampleSimilarity: 0, textSimilarity: 0, profileSimilarity: 0, coverage: 0, bayesPosterior: 0 })),
    knownShare: 1,
    outOfScopeSimilarity: 0,
    analysed: { features, offTopicConcepts: [], mentionsSocialMedia: true, corrections: [] },
    role: undefined,
  };
}

const options = { abstainBelow: 0.5, now: new Date('2026-11-22T12:00:00Z') };
/** A confidence whose scope probability (what decides abstaining) is the given value. */
const sure = (inScope: number) => ({ confidence: inScope, inScope });

describe('composing an answer', () => {
  it('gives the deciding clause, its verdict and its contact', () => {
    const approval = clause('testshire-1', 'needs-approval', { contactRoleIds: ['boss', 'comms'] });
    const answer = composeAnswer(pack, 'can we start a page', matched([[approval, 0.8]]), sure(0.9), options);
    expect(answer.abstained).toBe(false);
    expect(answer.best?.clause).toBe(approval);
    expect(answer.verdict).toBe('Only with approval from the head of service.');
    expect(answer.contacts.map((role) => role.title)).toEqual(['Head of service', 'Communications team']);
  });

  it.each<[Stance, RegExp]>([
    ['prohibited', /^No/],
    ['permitted', /^Yes: allowed/],
    ['conditional', /^Yes, but/],
    ['needs-approval', /^Only with approval/],
    ['guidance', /^Guidance/],
    ['information', /^For information/],
  ])('derives the verdict for %s', (stance, verdict) => {
    expect(verdictForStance(stance, undefined)).toMatch(verdict);
  });

  it('abstains below the threshold, quotes nothing, and points to the communications team', () => {
    const answer = composeAnswer(pack, 'how do i book leave', matched([[clause('testshire-1', 'prohibited'), 0.3]]), sure(0.2), options);
    expect(answer.abstained).toBe(true);
    expect(answer.best).toBeUndefined();
    expect(answer.ranked).toEqual([]);
    expect(answer.verdict).toContain('does not answer this');
    expect(answer.contacts.map((role) => role.email)).toEqual(['comms@testshire.gov.uk']);
  });

  it('shows a close second that says something different as "did you mean"', () => {
    const no = clause('testshire-1', 'prohibited');
    const yes = clause('testshire-2', 'permitted');
    const answer = composeAnswer(pack, 'can i', matched([[no, 0.80], [yes, 0.78]]), sure(0.9), options);
    expect(answer.closeCall?.clause).toBe(yes);
    expect(answer.verdict).toMatch(/^It depends/);
    expect(answer.related).not.toContain(answer.closeCall);
  });

  it('keeps a close second that agrees as related, not as a close call', () => {
    const first = clause('testshire-1', 'prohibited');
    const second = clause('testshire-2', 'prohibited');
    const answer = composeAnswer(pack, 'can i', matched([[first, 0.80], [second, 0.79]]), sure(0.9), options);
    expect(answer.closeCall).toBeUndefined();
    expect(answer.related.map((quoted) => quoted.clause)).toEqual([second]);
  });

  it('quotes a clause printed twice only once', () => {
    const first = clause('testshire-1', 'prohibited', { text: 'Same words.' });
    const twin = clause('testshire-2', 'prohibited', { text: 'Same  words.' });
    const answer = composeAnswer(pack, 'can i', matched([[first, 0.8], [twin, 0.8]]), sure(0.9), options);
    expect(answer.ranked.map((quoted) => quoted.clause)).toEqual([first]);
  });

  it('adds the purdah clause to political questions during the pre-election period only', () => {
    const rule = clause('testshire-1', 'guidance');
    const political = matched([[rule, 0.8]], ['~election', 'tweet']);
    const during = composeAnswer(pack, 'can i tweet about the election', political, sure(0.9), { ...options, now: new Date('2027-04-10T09:00:00Z') });
    expect(during.preElectionWarning?.clause).toBe(purdah);
    expect(during.preElectionWarning?.period.label).toBe('Local elections');
    const after = composeAnswer(pack, 'can i tweet about the election', political, sure(0.9), { ...options, now: new Date('2027-05-07T09:00:00Z') });
    expect(after.preElectionWarning).toBeUndefined();
    const notPolitical = composeAnswer(pack, 'can i post a pic', matched([[rule, 0.8]]), sure(0.9), { ...options, now: new Date('2027-04-10T09:00:00Z') });
    expect(notPolitical.preElectionWarning).toBeUndefined();
  });

  it('uses the UK calendar day for the period boundary (23:30 UTC on 6 May is 7 May in London summer time)', () => {
    const political = matched([[clause('testshire-1', 'guidance'), 0.8]], ['~election']);
    const lastMinute = composeAnswer(pack, 'vote', political, sure(0.9), { ...options, now: new Date('2027-05-06T22:30:00Z') });
    expect(lastMinute.preElectionWarning).toBeDefined();
    const nextDay = composeAnswer(pack, 'vote', political, sure(0.9), { ...options, now: new Date('2027-05-06T23:30:00Z') });
    expect(nextDay.preElectionWarning).toBeUndefined();
  });
});
