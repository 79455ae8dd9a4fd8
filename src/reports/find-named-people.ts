import type { Person, RoleDirectory } from '../directory/role-directory.js';

const TITLES = /\b(cllr|councillor|mr|mrs|ms|miss|dr)\.?\s+/g;
const simplify = (text: string) => text.toLowerCase().replace(TITLES, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The directory's people a report names, for conflicts of interest: anyone whose full name appears in the
 * text, and, where a whole answer is a single name ("Paul"), the one person with that first or last name.
 */
export function findNamedPeople(directory: RoleDirectory, texts: readonly string[], wholeAnswers: readonly string[] = []): Person[] {
  const haystack = ` ${texts.map(simplify).join(' ')} `;
  const named = new Set<Person>();
  for (const person of directory.people.values()) {
    if (haystack.includes(` ${simplify(person.name)} `)) named.add(person);
  }
  for (const answer of wholeAnswers) {
    const wanted = simplify(answer);
    if (wanted === '' || wanted.includes(' ')) continue;
    const matches = [...directory.people.values()].filter((person) => simplify(person.name).split(' ').includes(wanted));
    if (matches.length === 1) named.add(matches[0]!);
  }
  return [...named];
}
