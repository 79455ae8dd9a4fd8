import type { Stance } from '../policies/pack-schema.js';
import type { Role } from '../policies/policy-pack.js';

/** The one-line verdict a clause's stance gives to "can I ...?"; `contact` is the first role the clause names. */
export function verdictForStance(stance: Stance, contact: Role | undefined): string {
  switch (stance) {
    case 'prohibited':
      return 'No: not allowed.';
    case 'permitted':
      return 'Yes: allowed.';
    case 'conditional':
      return 'Yes, but only on the conditions in the clause below.';
    case 'needs-approval':
      return contact ? `Only with approval from the ${lowerFirst(contact.title)}.` : 'Only with approval first.';
    case 'guidance':
      return 'Guidance: the policy advises as below.';
    case 'information':
      return 'For information: this is what the policy says.';
  }
}

function lowerFirst(title: string): string {
  // "Communications team" reads "the communications team"; acronyms ("HR") and names stay as they are.
  return /^[A-Z][a-z]/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
}
