import type { Clause } from '../policies/policy-pack.js';

/**
 * How a clause is cited to a reader: "Section 2.2(d), 2.2 Social media: business use vs personal use",
 * "Section C 2.15, 2. Rights and responsibilities", or a heading-named block on its own ("Members general guidance: DO").
 */
export function describeSection(clause: Clause): string {
  const heading = clause.heading[clause.heading.length - 1]!;
  const numbered = /^([A-Z] )?\d/.test(clause.section);
  const label = numbered ? `Section ${clause.section}` : clause.section;
  return clause.section.toLowerCase().includes(heading.toLowerCase()) ? label : `${label}, ${heading}`;
}
