import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { draftPackFromText } from '../../src/ingest/draft-pack-from-text.js';
import { writeDraftPack } from '../../src/ingest/write-draft-pack.js';
import { findDriftedClauses } from '../../src/policies/find-drifted-clauses.js';
import { loadPolicyPack } from '../../src/policies/load-policy-pack.js';

const policies = join(findPackageRoot(), 'policies');
const scratch = mkdtempSync(join(tmpdir(), 'policy-desk-ingest-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Each published source document, drafted into a pack folder named after the council id given. */
const SOURCES = {
  cannock: 'cannock/sources/cannock-chase-cabinet-report-2020-and-policy.txt',
  chiltern: 'chiltern/sources/chiltern-south-bucks-social-media-policy.txt',
  dacorum: 'dacorum/sources/dacorum-standards-minutes-and-policy-2016.txt',
  'dacorum-two-column': 'dacorum/sources/dacorum-policy-2016-two-column.txt',
  wouldham: 'wouldham/sources/wouldham-social-media-policy.txt',
} as const;

function ingest(councilId: keyof typeof SOURCES) {
  const sourceFile = join(policies, SOURCES[councilId]);
  const draft = draftPackFromText({
    text: readFileSync(sourceFile, 'utf8'),
    councilId,
    councilName: councilId,
    sourceFileName: basename(sourceFile),
  });
  const folder = join(scratch, councilId);
  writeDraftPack(draft, sourceFile, folder);
  return { draft, pack: loadPolicyPack(folder, scratch) };
}

const drafted = Object.fromEntries(Object.keys(SOURCES).map((id) => [id, ingest(id as keyof typeof SOURCES)]));

function clauseContaining(councilId: string, words: string) {
  return drafted[councilId]!.pack.clauses.filter((clause) => clause.text.includes(words));
}

describe('ingest on the published policies', () => {
  for (const councilId of Object.keys(SOURCES)) {
    it(`${councilId}: the written draft loads and every text and context is found in the source`, () => {
      const { draft, pack } = drafted[councilId]!;
      expect(pack.clauses.length).toBe(draft.clauses.length);
      expect(pack.clauses.length).toBeGreaterThan(40);
      expect(pack.clauses.map((clause) => clause.text)).toEqual(draft.clauses.map((clause) => clause.text));
      expect(findDriftedClauses(pack).map(({ clause, field }) => `${clause.id} (${field})`)).toEqual([]);
    });
  }

  it('chiltern: finds 17.4(a) with its lead-in', () => {
    const [clause] = drafted.chiltern!.pack.clauses.filter((candidate) => candidate.section === '17.4(a)');
    expect(clause?.text).toMatch(/^pornographic material/);
    expect(clause?.context).toMatch(/^In particular uploading, posting or forwarding a link/);
    expect(clause?.stance).toBe('prohibited');
    expect(clause?.heading).toEqual(['17. Monitoring use of social media']);
  });

  it('chiltern: cuts every 6.2 bullet as its own clause under the lead-in', () => {
    const bullets = drafted.chiltern!.pack.clauses.filter((clause) => clause.section === '6.2');
    expect(bullets).toHaveLength(6);
    expect(bullets.every((clause) => clause.context?.startsWith('To this end when identified as a Chiltern'))).toBe(true);
    expect(bullets.every((clause) => clause.stance === 'prohibited')).toBe(true);
  });

  it('cannock: finds C 2.15 and the lettered-section numbering', () => {
    const [clause] = clauseContaining('cannock', 'threats, abuse or harassment via their social media');
    expect(clause?.section).toBe('C 2.15');
    expect(clause?.heading[0]).toBe('Section C - Guidance for Members when using social media');
    const sections = new Set(drafted.cannock!.pack.clauses.map((candidate) => candidate.section));
    for (const section of ['A 1.1(i)', 'B 1.4', 'B 3.2', 'B What happens if things go wrong?', 'D 1(a)', 'D 10', 'D 11.2']) {
      expect(sections, section).toContain(section);
    }
  });

  it('dacorum: finds 2.2(d) with the list lead-in, and the footnote', () => {
    const [clause] = clauseContaining('dacorum', 'written consent must be obtained');
    expect(clause?.section).toBe('2.2(d)');
    expect(clause?.context).toBe('When using social media for business purposes employees should:');
    expect(clause?.text).toMatch(/^Seek permission from customers/);
    const [footnote] = clauseContaining('dacorum', "See Dacorum Borough Council's Corporate Information Technology Security Policy");
    expect(footnote?.section).toBe('2.2 footnote 1');
  });

  it("dacorum: names the members' guidance lists by their headings", () => {
    const [clause] = clauseContaining('dacorum', 'Publish personal data of individuals');
    expect(clause?.section).toBe("Members general guidance for using social media: DON'T");
    expect(clause?.stance).toBe('prohibited');
    expect(clause?.audience).toBe('members');
  });

  it('wouldham: skips the table of contents and keeps the first real heading', () => {
    const { pack } = drafted.wouldham!;
    expect(pack.clauses[0]?.section).toBe('1.0');
    expect(pack.clauses[0]?.heading).toEqual(['1.0 Introduction']);
    expect(pack.clauses.filter((clause) => clause.section === 'Breaches of Policy')).toHaveLength(2);
    expect(pack.policyTitle).toBe('Wouldham social media policy');
  });
});
