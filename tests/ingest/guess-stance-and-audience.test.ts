import { describe, expect, it } from 'vitest';
import { guessAudience } from '../../src/ingest/guess-audience.js';
import { guessStance } from '../../src/ingest/guess-stance.js';
import type { Audience, Stance } from '../../src/policies/pack-schema.js';

describe('guessStance', () => {
  const sentences: [string, Stance][] = [
    ['Staff must not post confidential information.', 'prohibited'],
    ['Employees should not advocate support for a political party.', 'prohibited'],
    ['Never give out personal details such as home addresses.', 'prohibited'],
    ["Don't use Council email addresses for personal accounts.", 'prohibited'],
    ['The Council will not tolerate abusive behaviour.', 'prohibited'],
    ['Any online activity must be approved by a senior manager.', 'needs-approval'],
    ['New accounts may only be set up following agreement by Management Team.', 'needs-approval'],
    ['Seek permission from the Communications team before posting.', 'needs-approval'],
    ['Staff may use social media during their lunch break.', 'permitted'],
    ['Staff members are free to talk about content on their blogs.', 'permitted'],
    ['Members are encouraged to use social media to talk to residents.', 'permitted'],
    ['Staff may share council news, provided it has already been published.', 'conditional'],
    ['Unless there are concerns about their role, staff are free to blog.', 'conditional'],
    ['Employees should make their account settings private.', 'guidance'],
    ['Do make your social media account settings as private as possible.', 'guidance'],
    ['Managers should ensure that special instructions are explained to staff.', 'guidance'],
    ['Social media is the term used for online tools and websites.', 'information'],
    ['Breach of this policy may be dealt with under the Disciplinary Procedure.', 'information'],
    ['Misuse of social media can, in certain circumstances, constitute a criminal offence.', 'information'],
  ];
  it.each(sentences)('%s → %s', (sentence, stance) => {
    expect(guessStance(sentence)).toBe(stance);
  });

  it('gives a list item with no wording of its own the stance of its lead-in', () => {
    expect(guessStance('pornographic material', 'the following will amount to gross misconduct:')).toBe('prohibited');
    expect(guessStance('Facebook: at least once a day', 'Accounts should post as follows:')).toBe('guidance');
  });

  it('keeps every item under a prohibiting lead-in prohibited', () => {
    expect(guessStance('Use social media sites to make derogatory comments', 'However, you must not')).toBe('prohibited');
  });

  it('reads a list headed DON\'T as prohibitions', () => {
    expect(guessStance('Blog in haste', 'we suggest the following advice:', ['Members general guidance', "DON'T"])).toBe('prohibited');
  });
});

describe('guessAudience', () => {
  const cases: [string, string | undefined, string[], Audience][] = [
    ['Members must not share confidential information.', undefined, [], 'members'],
    ['Councillors should use a disclaimer.', undefined, [], 'members'],
    ['Staff should check their privacy settings.', undefined, [], 'employees'],
    ['Officers and Members are encouraged to use social media.', undefined, [], 'everyone'],
    ['Social media is the term used for online tools.', undefined, [], 'everyone'],
    ['If a member of staff notices misuse they should report it.', undefined, [], 'employees'],
    ['Any Member receiving threats should report it to the Monitoring Officer.', undefined, [], 'members'],
    ['Blog in haste', 'we suggest the following advice:', ['Members general guidance'], 'members'],
    ['pornographic material', 'Employees posting any of the following:', [], 'employees'],
  ];
  it.each(cases)('%s → %s', (text, context, headings, audience) => {
    expect(guessAudience(text, context, headings)).toBe(audience);
  });
});
