import type { BusinessCase } from './business-case.js';
import type { ReportRouting } from './report-routing.js';
import type { Audience, ClauseEntry, PackManifest, Stance } from './pack-schema.js';

export interface Role {
  id: string;
  title: string;
  email?: string | undefined;
  phone?: string | undefined;
  note?: string | undefined;
}

export interface Clause {
  id: string;
  councilId: string;
  section: string;
  heading: string[];
  context?: string | undefined;
  text: string;
  audience: Audience;
  stance: Stance;
  /** The roles the clause names to ask, report to or get approval from, in the order it names them. */
  contactRoleIds: string[];
  questions: string[];
}

export interface PreElectionPeriod {
  from: string;
  to: string;
  label: string;
}

export interface PolicyPack {
  councilId: string;
  councilName: string;
  policyTitle: string;
  policyDate: string;
  directory: string;
  sourceFiles: string[];
  corrections: { printed: string; corrected: string }[];
  roles: Map<string, Role>;
  fallbackContactRoleId: string;
  preElection?: { clauseId: string; topics: string[]; periods: PreElectionPeriod[] } | undefined;
  clauses: Clause[];
  clausesById: Map<string, Clause>;
  /** The form and approval chain for a service's new account, where the policy sets one out. */
  businessCase?: BusinessCase | undefined;
  /** Where reports of abuse, breaches and mistakes go, rule by rule (reports.yaml). */
  reportRouting?: ReportRouting | undefined;
}

export function toClause(councilId: string, entry: ClauseEntry): Clause {
  return {
    id: entry.id,
    councilId,
    section: entry.section,
    heading: entry.heading,
    context: entry.context,
    text: entry.text,
    audience: entry.audience,
    stance: entry.stance,
    contactRoleIds: entry.contact === undefined ? [] : [entry.contact].flat(),
    questions: entry.questions,
  };
}

export function toRoles(manifest: PackManifest): Map<string, Role> {
  return new Map(Object.entries(manifest.roles).map(([id, role]) => [id, { id, ...role }]));
}
