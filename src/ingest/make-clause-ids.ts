/** "C 2.15" → "c-2-15"; "Members general guidance: DON'T" → "members-general-guidance-dont". */
export function slugOfSection(section: string, maxWords = 6): string {
  const words = section
    .normalize('NFKD')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.slice(0, maxWords).join('-') || 'clause';
}

/**
 * One id per clause, "<council>-<section>", with "-2", "-3" ... where a section holds several
 * clauses (bullets and paragraphs that share their clause's number), so every id is unique.
 */
export function makeClauseIds(councilId: string, sections: readonly string[]): string[] {
  const used = new Set<string>();
  return sections.map((section) => {
    const stem = `${councilId}-${slugOfSection(section)}`;
    let id = stem;
    for (let copy = 2; used.has(id); copy += 1) id = `${stem}-${copy}`;
    used.add(id);
    return id;
  });
}
