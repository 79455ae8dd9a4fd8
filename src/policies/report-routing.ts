import type { ReportCategory, ReporterRole } from '../reports/report-categories.js';
import type { ReportRoutingFile } from './report-routing-schema.js';

export interface OfficerSlot {
  roleId: string;
  perService: boolean;
}

export interface RoutingRule {
  id: string;
  categories: ReportCategory[];
  reporters: ReporterRole[];
  clauseId: string;
  officers: OfficerSlot[];
  advice?: string | undefined;
  note?: string | undefined;
}

/** Where one council's reports go, from its reports.yaml. */
export interface ReportRouting {
  acknowledgeWithinWorkingDays: number;
  anonymousAllowed: boolean;
  anonymousNote?: string | undefined;
  commsRoleId: string;
  commsCategories: ReportCategory[];
  rules: RoutingRule[];
}

/** The role id that means "the reporter's own line manager", looked up in the role directory. */
export const LINE_MANAGER_ROLE = 'line-manager';

export function toReportRouting(file: ReportRoutingFile): ReportRouting {
  return {
    acknowledgeWithinWorkingDays: file.acknowledge_within_working_days,
    anonymousAllowed: file.anonymous.allowed,
    anonymousNote: file.anonymous.note,
    commsRoleId: file.comms.role,
    commsCategories: file.comms.categories,
    rules: file.rules.map((rule) => ({
      id: rule.id,
      categories: rule.categories,
      reporters: rule.reporters,
      clauseId: rule.clause,
      officers: rule.officers.map((officer) => ({ roleId: officer.role, perService: officer.per_service })),
      advice: rule.advice,
      note: rule.note,
    })),
  };
}

/** The first rule for this category and reporter; load-time checks make sure there always is one. */
export function findRoutingRule(routing: ReportRouting, category: ReportCategory, reporter: ReporterRole): RoutingRule | undefined {
  return routing.rules.find((rule) => rule.categories.includes(category) && rule.reporters.includes(reporter));
}
