import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyDeskError } from '../errors.js';
import { REPORT_CATEGORIES, REPORTER_ROLES } from '../reports/report-categories.js';
import { readYamlFile } from './read-yaml-file.js';
import { findRoutingRule, toReportRouting, type ReportRouting } from './report-routing.js';
import { reportRoutingFileSchema } from './report-routing-schema.js';

export const REPORT_ROUTING_FILE = 'reports.yaml';

/**
 * Loads a pack's report routing, if it has one, checking every clause and role it names and that every
 * category is routed for staff and for councillors, so no report is ever left with nowhere to go.
 */
export function loadReportRouting(
  packDirectory: string,
  displayPath: string,
  clauseIds: ReadonlySet<string>,
  roleIds: ReadonlySet<string>,
): ReportRouting | undefined {
  const path = join(packDirectory, REPORT_ROUTING_FILE);
  if (!existsSync(path)) return undefined;
  const file = readYamlFile(path, displayPath, reportRoutingFileSchema);
  const problem = (at: (string | number)[], message: string) =>
    new PolicyDeskError('PACK_INVALID', `${displayPath}:${file.lineOf(at)}: ${at.join('.')}: ${message}`);
  const requireRole = (at: (string | number)[], roleId: string) => {
    if (!roleIds.has(roleId)) throw problem(at, `"${roleId}" is not one of the roles in pack.yaml`);
  };

  requireRole(['comms', 'role'], file.data.comms.role);
  const ruleIds = new Set<string>();
  file.data.rules.forEach((rule, index) => {
    const at = ['rules', index];
    if (ruleIds.has(rule.id)) throw problem([...at, 'id'], `"${rule.id}" is used twice`);
    ruleIds.add(rule.id);
    if (!clauseIds.has(rule.clause)) throw problem([...at, 'clause'], `"${rule.clause}" is not a clause id in clauses.yaml`);
    rule.officers.forEach((officer, position) => requireRole([...at, 'officers', position, 'role'], officer.role));
  });
  const routing = toReportRouting(file.data);
  for (const category of REPORT_CATEGORIES) {
    for (const reporter of REPORTER_ROLES) {
      if (!findRoutingRule(routing, category, reporter)) {
        throw problem(['rules'], `no rule routes a "${category}" report from ${reporter === 'member' ? 'a councillor' : 'an employee'}`);
      }
    }
  }
  return routing;
}
