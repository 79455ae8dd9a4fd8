import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftPackFromText, type DraftPack } from '../../src/ingest/draft-pack-from-text.js';
import { findPackageRoot } from '../../src/config/find-package-root.js';

const fixtures = join(findPackageRoot(), 'tests', 'fixtures', 'ingest');

function draftFixture(file: string): DraftPack {
  return draftPackFromText({
    text: readFileSync(join(fixtures, file), 'utf8'),
    councilId: 'testshire',
    councilName: 'Testshire Council',
    sourceFileName: file,
  });
}

/** The draft's clauses as [section, start of text], to compare cuts at a glance. */
function cuts(draft: DraftPack): [string, string][] {
  return draft.clauses.map((clause) => [clause.section, clause.text.split(' ').slice(0, 4).join(' ')]);
}

function clauseStarting(draft: DraftPack, start: string) {
  const clause = draft.clauses.find((candidate) => candidate.text.startsWith(start));
  expect(clause, `a clause starting "${start}"`).toBeDefined();
  return clause!;
}

describe('draftPackFromText on a clean numbered policy', () => {
  const draft = draftFixture('clean-numbered-policy.txt');

  it('cuts one clause per numbered paragraph and skips the cover and the table of contents', () => {
    expect(cuts(draft)).toEqual([
      ['1.1', 'This policy sets out'],
      ['1.2', 'The Communications team manages'],
      ['2.1', 'Staff must not post'],
      ['2.2', 'New social media accounts'],
      ['2.3', 'Staff may use social'],
      ['2.4', 'Staff may share council'],
      ['2.5', 'Employees should make their'],
      ['2.6', 'Councillors are responsible for'],
      ['3.1', 'Never give out the'],
      ['3.2', 'Breach of this policy'],
    ]);
  });

  it('puts the numbered top-level heading in the heading path, as printed', () => {
    expect(clauseStarting(draft, 'Staff must not post').heading).toEqual(['2. Using social media at work']);
  });

  it('joins a paragraph whose printed line was wrapped, keeping the words as printed', () => {
    expect(clauseStarting(draft, 'The Communications team manages').text).toBe(
      "The Communications team manages the Council's corporate accounts and keeps this policy under review. It applies whether the equipment used is council owned or your own, and the same standards of conduct apply online as they do anywhere else.",
    );
  });

  it('guesses the stance of clear-cut sentences', () => {
    const stances = Object.fromEntries(draft.clauses.map((clause) => [clause.section, clause.stance]));
    expect(stances).toMatchObject({
      '1.1': 'information',
      '2.1': 'prohibited',
      '2.2': 'needs-approval',
      '2.3': 'permitted',
      '2.4': 'conditional',
      '2.5': 'guidance',
      '3.1': 'prohibited',
      '3.2': 'information',
    });
  });

  it('guesses the audience from who the clause names', () => {
    expect(clauseStarting(draft, 'Staff must not post').audience).toBe('employees');
    expect(clauseStarting(draft, 'Councillors are responsible').audience).toBe('members');
    expect(clauseStarting(draft, 'Never give out').audience).toBe('everyone');
  });

  it('gives every clause a unique id starting with the council id, and no example questions', () => {
    const ids = draft.clauses.map((clause) => clause.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^testshire-[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toBe(true);
    expect(ids[0]).toBe('testshire-1-1');
    expect(draft.clauses.every((clause) => clause.questions.length === 0)).toBe(true);
  });

  it('drafts a manifest with the title, a placeholder role and the copied source', () => {
    expect(draft.manifest).toEqual({
      council: { id: 'testshire', name: 'Testshire Council' },
      policy: { title: 'SOCIAL MEDIA POLICY FOR STAFF', date: 'to be confirmed' },
      sources: ['sources/clean-numbered-policy.txt'],
      corrections: [],
      roles: { 'communications-team': { title: 'Communications team (to be confirmed)' } },
      fallback_contact: 'communications-team',
    });
  });
});

describe('draftPackFromText on bullets and lettered items', () => {
  const draft = draftFixture('bullets-and-items.txt');

  it('gives each bullet its clause number and the lead-in line as context', () => {
    const bullet = clauseStarting(draft, 'advocate support for');
    expect(bullet.section).toBe('1.1');
    expect(bullet.context).toBe('When you identify yourself as working for the Council you should not:');
    expect(bullet.text).toBe('advocate support for a political party;');
    expect(bullet.stance).toBe('prohibited');
  });

  it('numbers lettered items in brackets, strips the marker and takes the stance of the lead-in', () => {
    const item = clauseStarting(draft, 'pornographic material');
    expect(item.section).toBe('1.2(a)');
    expect(item.text).toBe('pornographic material (writing, films, pictures, video clips)');
    expect(item.context).toMatch(/^In particular, posting any of the following types of material will amount to gross misconduct/);
    expect(item.stance).toBe('prohibited');
    expect(clauseStarting(draft, 'confidential information about').section).toBe('1.2(c)');
  });

  it('gives a paragraph after the last item back to its clause, and one between items to the item', () => {
    expect(clauseStarting(draft, 'Any such action').section).toBe('1.2');
    expect(clauseStarting(draft, 'The Communications team can supply').section).toBe('2.1(b)');
    expect(clauseStarting(draft, 'Failure to comply').section).toBe('2.1');
  });

  it('takes an unnumbered lead-in paragraph as the context of the items after it', () => {
    const item = clauseStarting(draft, 'Seek permission');
    expect(item.section).toBe('2.1(b)');
    expect(item.context).toBe('When using social media for business purposes employees should:');
    expect(item.heading).toEqual(['2. Business and internal use', '2.1 Business use']);
  });

  it('reads "- 1." inside a numbered clause as a numbered item', () => {
    const item = clauseStarting(draft, 'Post a message');
    expect(item.section).toBe('2.2(1)');
    expect(item.context).toBe('Examples of what people can do on the intranet include:');
  });

  it('names an unnumbered headed block by its heading, one clause per paragraph', () => {
    const sections = draft.clauses.filter((clause) => clause.section === 'What happens if things go wrong?');
    expect(sections.map((clause) => clause.text.split(' ')[0])).toEqual(['Mistakes', 'Anyone']);
  });

  it('names DO and DON\'T lists after their parent heading, and reads DON\'T as prohibited', () => {
    const dont = clauseStarting(draft, 'Blog in haste');
    expect(dont.section).toBe("Members general guidance: DON'T");
    expect(dont.context).toBe('To make sure you comply with the code of conduct, we suggest the following advice:');
    expect(dont.stance).toBe('prohibited');
    expect(dont.audience).toBe('members');
    expect(clauseStarting(draft, 'Treat others with respect').section).toBe('Members general guidance: DO');
  });

  it('drops markdown marks from the title', () => {
    expect(draft.manifest.policy.title).toBe('Eastmere Parish Council Social Media Policy');
  });
});

describe('draftPackFromText on a policy numbered again in each lettered section', () => {
  const draft = draftFixture('lettered-sections.txt');

  it('puts the section letter before the number, and plain numbers before Section A', () => {
    expect(cuts(draft).map(([section]) => section)).toEqual([
      '1.1',
      '1.2',
      'A 1.1(i)',
      'A 1.1(ii)',
      'B 1.1',
      'B 2.1',
      'B 2.2',
      'C 2.14',
      'C 2.15',
      'C 10',
    ]);
  });

  it('finds C 2.15 with its lettered-section heading path', () => {
    const clause = clauseStarting(draft, 'Any Member receiving threats');
    expect(clause.section).toBe('C 2.15');
    expect(clause.heading).toEqual(['Section C - Guidance for Members when using social media', '2. Rights and responsibilities']);
    expect(clause.audience).toBe('members');
  });

  it('gives roman-numbered items the lead-in of their clause', () => {
    const item = clauseStarting(draft, 'promote the Council');
    expect(item.section).toBe('A 1.1(i)');
    expect(item.context).toBe('The Council uses social media to:');
  });

  it('takes Do and Don\'t at the start of a rule as guidance and prohibition', () => {
    expect(clauseStarting(draft, 'Do make your').stance).toBe('guidance');
    expect(clauseStarting(draft, "Don't use Council").stance).toBe('prohibited');
  });
});

describe('draftPackFromText on text with nothing to cut', () => {
  it('throws a one-line INVALID_ARGUMENTS error', () => {
    expect(() =>
      draftPackFromText({ text: '\n\n', councilId: 'testshire', councilName: 'Testshire', sourceFileName: 'blank.txt' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENTS', message: expect.stringMatching(/^blank\.txt: no clauses found/) }));
  });
});
