import type { Config } from '../config/read-config.js';
import { loadRoleDirectories } from '../directory/load-role-directories.js';
import { emptyRoleDirectory } from '../directory/role-directory.js';
import { PolicyDeskError } from '../errors.js';
import { findPackageRoot } from '../config/find-package-root.js';
import { loadPolicyLibrary, requirePack } from '../policies/load-policy-library.js';
import { isReportCategory, REPORT_CATEGORIES, REPORTER_ROLES, type ReporterRole } from '../reports/report-categories.js';
import { findNamedPeople } from '../reports/find-named-people.js';
import { routeReport } from '../reports/route-report.js';
import type { CommandOutput } from './command-output.js';
import { parseCommandArguments, requireOption } from './parse-command-arguments.js';

const USAGE =
  'usage: policy-desk route --council <id> --role employee|member --category <id> [--reporter <person id>] [--names "<text>"] [--json]';

/** Where a report would go, and the clause that says so: for checking a pack's reports.yaml and directory. */
export function runRouteCommand(args: readonly string[], config: Config, output: CommandOutput): number {
  const parsed = parseCommandArguments(
    args,
    { council: { type: 'string' }, role: { type: 'string' }, category: { type: 'string' }, reporter: { type: 'string' }, names: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (parsed.positionals.length > 0) throw new PolicyDeskError('INVALID_ARGUMENTS', `unexpected "${parsed.positionals[0]}"; ${USAGE}`);
  const councilId = requireOption(parsed, 'council', USAGE);
  const role = requireOption(parsed, 'role', USAGE);
  if (!(REPORTER_ROLES as readonly string[]).includes(role)) {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `--role must be employee or member, not "${role}"; ${USAGE}`);
  }
  const category = requireOption(parsed, 'category', USAGE);
  if (!isReportCategory(category)) {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `--category must be one of ${REPORT_CATEGORIES.join(', ')}, not "${category}"`);
  }
  const library = loadPolicyLibrary(config.policiesDirectory);
  const pack = requirePack(library, councilId);
  if (!pack.reportRouting) throw new PolicyDeskError('INVALID_ARGUMENTS', `${pack.councilName} has no reports.yaml: reports are not routed there yet`);
  const directory = loadRoleDirectories(config.roleDirectoryFolder, library.packs, findPackageRoot()).get(councilId) ?? emptyRoleDirectory(councilId);
  const reporterId = parsed.options.reporter as string | undefined;
  const reporter = reporterId === undefined ? undefined : directory.people.get(reporterId);
  if (reporterId !== undefined && !reporter) throw new PolicyDeskError('INVALID_ARGUMENTS', `--reporter "${reporterId}" is not in ${councilId}'s role directory`);
  const names = parsed.options.names as string | undefined;
  const route = routeReport(pack, directory, {
    category,
    reporterRole: role as ReporterRole,
    reporter,
    named: names === undefined ? [] : findNamedPeople(directory, [names], [names]),
  })!;
  const officers = route.officers.map((officer) => ({
    role: officer.roleId,
    title: officer.roleTitle,
    people: officer.people.map(({ person, reason }) => ({ id: person.id, name: person.name, ...(reason === 'policy' ? {} : { reason }) })),
    ...(officer.passedOver.length > 0 ? { passed_over: officer.passedOver.map((person) => person.id) } : {}),
  }));
  if (parsed.options.json === true) {
    output.print(
      JSON.stringify(
        { council: councilId, category, role, rule: route.rule.id, clause: route.clause.section, clause_id: route.clause.id, officers, advice: route.rule.advice, note: route.rule.note },
        null,
        2,
      ),
    );
    return 0;
  }
  output.print(`${pack.councilName}: a ${category} report from ${role === 'member' ? 'a councillor' : 'an employee'} goes to (Section ${route.clause.section}, rule ${route.rule.id}):`);
  for (const officer of officers) {
    const people = officer.people.map((person) => `${person.name}${person.reason ? ` (${person.reason})` : ''}`).join(', ');
    output.print(`  ${officer.title}: ${people || 'nobody in the role directory'}`);
  }
  if (route.rule.advice) output.print(`advice: ${route.rule.advice}`);
  if (route.rule.note) output.print(`note: ${route.rule.note}`);
  return 0;
}
