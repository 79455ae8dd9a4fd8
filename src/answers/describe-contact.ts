import type { Role } from '../policies/policy-pack.js';

/** "Communications team (communications@dacorum.gov.uk)": a role as one readable line. */
export function describeContact(role: Role): string {
  const reach = [role.email, role.phone].filter((value): value is string => Boolean(value));
  return reach.length > 0 ? `${role.title} (${reach.join(', ')})` : role.title;
}
