import type { Person, RoleDirectory } from '../directory/role-directory.js';
import type { Clause, PolicyPack } from '../policies/policy-pack.js';
import { findRoutingRule, LINE_MANAGER_ROLE, type OfficerSlot, type RoutingRule } from '../policies/report-routing.js';
import type { ReportCategory, ReporterRole } from './report-categories.js';
import type { ReportAssigneeReason } from './report.js';

export interface RoutedOfficer {
  roleId: string;
  roleTitle: string;
  /** Who receives it; empty when the directory names nobody for the role. */
  people: { person: Person; reason: ReportAssigneeReason }[];
  /** Holders passed over because the report names them, or because they are the reporter. */
  passedOver: Person[];
}

export interface ReportRoute {
  rule: RoutingRule;
  clause: Clause;
  officers: RoutedOfficer[];
}

export interface RouteQuestion {
  category: ReportCategory;
  reporterRole: ReporterRole;
  /** The reporter, when the directory knows them: picks their line manager and service. */
  reporter?: Person | undefined;
  /** People the report names: none of them receives it (their alternate does). */
  named?: readonly Person[] | undefined;
}

/**
 * Where a report goes: the pack's first matching rule, with each role resolved to people through the role
 * directory. A holder the report names, or who is the reporter, is replaced by the role's alternate.
 * Returns undefined only for a pack with no reports.yaml.
 */
export function routeReport(pack: PolicyPack, directory: RoleDirectory, question: RouteQuestion): ReportRoute | undefined {
  const routing = pack.reportRouting;
  if (!routing) return undefined;
  const rule = findRoutingRule(routing, question.category, question.reporterRole);
  const clause = rule && pack.clausesById.get(rule.clauseId);
  if (!rule || !clause) return undefined;
  const excluded = new Set([...(question.named ?? []), ...(question.reporter ? [question.reporter] : [])].map((person) => person.id));
  const officers = rule.officers.map((slot) => resolveOfficer(pack, directory, slot, question.reporter, excluded));
  return { rule, clause, officers };
}

function resolveOfficer(
  pack: PolicyPack,
  directory: RoleDirectory,
  slot: OfficerSlot,
  reporter: Person | undefined,
  excluded: ReadonlySet<string>,
): RoutedOfficer {
  const roleTitle = pack.roles.get(slot.roleId)?.title ?? slot.roleId;
  const { holders, alternate } = holdersFor(directory, slot, reporter);
  const kept = holders.filter((person) => !excluded.has(person.id));
  const passedOver = holders.filter((person) => excluded.has(person.id));
  const people: RoutedOfficer['people'] = kept.map((person) => ({ person, reason: 'policy' }));
  if (kept.length === 0 && passedOver.length > 0 && alternate && !excluded.has(alternate.id)) {
    people.push({ person: alternate, reason: 'conflict-alternate' });
  }
  return { roleId: slot.roleId, roleTitle, people, passedOver };
}

/** The role's holders and alternate; for "line-manager", the reporter's own manager and theirs. */
function holdersFor(directory: RoleDirectory, slot: OfficerSlot, reporter: Person | undefined): { holders: Person[]; alternate?: Person | undefined } {
  if (slot.roleId === LINE_MANAGER_ROLE && reporter?.lineManagerId !== undefined) {
    const manager = directory.people.get(reporter.lineManagerId);
    if (manager) {
      const managersManager = manager.lineManagerId === undefined ? undefined : directory.people.get(manager.lineManagerId);
      return { holders: [manager], alternate: managersManager ?? directory.holdersOf(LINE_MANAGER_ROLE).alternate };
    }
  }
  const found = directory.holdersOf(slot.roleId, slot.perService ? reporter?.serviceId : undefined);
  return { holders: found.people, alternate: found.alternate };
}

/** Everyone the route sends to, once each, in order. */
export function routedPeople(route: ReportRoute): { person: Person; roleId: string; reason: ReportAssigneeReason }[] {
  const seen = new Set<string>();
  return route.officers.flatMap((officer) =>
    officer.people.flatMap(({ person, reason }) => {
      if (seen.has(person.id)) return [];
      seen.add(person.id);
      return [{ person, roleId: officer.roleId, reason }];
    }),
  );
}
