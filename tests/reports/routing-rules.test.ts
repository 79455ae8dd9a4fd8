import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { readConfig } from '../../src/config/read-config.js';
import { loadRoleDirectories } from '../../src/directory/load-role-directories.js';
import { loadPolicyLibrary } from '../../src/policies/load-policy-library.js';
import { REPORT_CATEGORIES, REPORTER_ROLES } from '../../src/reports/report-categories.js';
import { routedPeople, routeReport } from '../../src/reports/route-report.js';
import { expectOneLineError, runCli } from '../support/run-cli.js';

/**
 * Every routing rule in issue 4's table, through the built CLI. Expected people are read from the demo
 * directory YAML here, independently of the loader in src/, so a rule that resolves the wrong person fails.
 */

interface DemoHolders {
  people: string[];
  alternate?: string;
}
interface DemoDirectory {
  people: Record<string, { name: string; line_manager?: string; service?: string; councillor?: boolean }>;
  roles: Record<string, DemoHolders | { by_service: Record<string, DemoHolders>; default?: DemoHolders }>;
}

const directories = new Map<string, DemoDirectory>();
function demo(council: string): DemoDirectory {
  if (!directories.has(council)) {
    directories.set(council, parse(readFileSync(join(findPackageRoot(), 'directory', 'demo', `${council}.yaml`), 'utf8')) as DemoDirectory);
  }
  return directories.get(council)!;
}

/** The role's holders as {id, name}; a per-service role uses the reporter's service (or the default). */
function holders(council: string, role: string, reporter?: string): { id: string; name: string }[] {
  const directory = demo(council);
  const assignment = directory.roles[role]!;
  const service = reporter === undefined ? undefined : directory.people[reporter]!.service;
  const set = 'by_service' in assignment ? (service !== undefined && assignment.by_service[service]) || assignment.default! : assignment;
  return set.people.map((id) => ({ id, name: directory.people[id]!.name }));
}
const alternateOf = (council: string, role: string) => {
  const assignment = demo(council).roles[role] as DemoHolders;
  return { id: assignment.alternate!, name: demo(council).people[assignment.alternate!]!.name };
};
const lineManagerOf = (council: string, reporter: string) => {
  const id = demo(council).people[reporter]!.line_manager!;
  return [{ id, name: demo(council).people[id]!.name }];
};

interface RouteJson {
  council: string;
  category: string;
  role: string;
  rule: string;
  clause: string;
  clause_id: string;
  officers: { role: string; title: string; people: { id: string; name: string; reason?: string }[]; passed_over?: string[] }[];
  advice?: string;
  note?: string;
}

function route(args: string[]): RouteJson {
  const run = runCli(['route', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as RouteJson;
}
const officersOf = (json: RouteJson) => json.officers.map(({ role, people }) => ({ role, people }));

interface Rule {
  name: string;
  args: string[];
  clause: string;
  clauseId: string;
  officers: () => { role: string; people: { id: string; name: string }[] }[];
  advice?: RegExp;
}

// One row per line of the routing table (some lines need two rows: both reporter roles, or two reporters).
const RULES: Rule[] = [
  {
    name: 'Cannock C 2.15: a member receiving threats',
    args: ['--council', 'cannock', '--role', 'member', '--category', 'harassment'],
    clause: 'C 2.15',
    clauseId: 'cannock-c-2-15',
    officers: () => [
      { role: 'political-group-leader', people: holders('cannock', 'political-group-leader') },
      { role: 'monitoring-officer', people: holders('cannock', 'monitoring-officer') },
    ],
    advice: /police/,
  },
  {
    name: "Cannock B 'What happens if things go wrong?': own mistake, Robin's own line manager",
    args: ['--council', 'cannock', '--role', 'employee', '--category', 'own-mistake', '--reporter', 'robin'],
    clause: 'B What happens if things go wrong?',
    clauseId: 'cannock-b-wrong-mistakes',
    officers: () => [
      { role: 'line-manager', people: lineManagerOf('cannock', 'robin') },
      { role: 'policy-communications-team', people: holders('cannock', 'policy-communications-team') },
    ],
  },
  {
    // Robin's manager is also the directory's default line manager; Dan's is not, so this shows the directory look-up.
    name: 'Cannock own mistake from Dan goes to his own line manager, not the default one',
    args: ['--council', 'cannock', '--role', 'employee', '--category', 'own-mistake', '--reporter', 'dan'],
    clause: 'B What happens if things go wrong?',
    clauseId: 'cannock-b-wrong-mistakes',
    officers: () => [
      { role: 'line-manager', people: lineManagerOf('cannock', 'dan') },
      { role: 'policy-communications-team', people: holders('cannock', 'policy-communications-team') },
    ],
  },
  {
    name: 'Cannock B (cyber bullying): bullying by a colleague goes to the line manager',
    args: ['--council', 'cannock', '--role', 'employee', '--category', 'colleague-bullying', '--reporter', 'hannah'],
    clause: 'B What happens if things go wrong?',
    clauseId: 'cannock-b-wrong-cyberbullying',
    officers: () => [{ role: 'line-manager', people: lineManagerOf('cannock', 'hannah') }],
    advice: /HR/,
  },
  {
    name: 'Chiltern 17.6: a breach goes to the senior manager of the reporter’s service',
    args: ['--council', 'chiltern', '--role', 'employee', '--category', 'policy-breach', '--reporter', 'robin'],
    clause: '17.6',
    clauseId: 'chiltern-17-6-report-breach',
    officers: () => [{ role: 'senior-manager', people: holders('chiltern', 'senior-manager', 'robin') }],
  },
  {
    name: 'Chiltern 7.3 and 10.12: press contact goes to the senior manager and the press office',
    args: ['--council', 'chiltern', '--role', 'employee', '--category', 'press-contact', '--reporter', 'robin'],
    clause: '7.3',
    clauseId: 'chiltern-7-3-press',
    officers: () => [
      { role: 'senior-manager', people: holders('chiltern', 'senior-manager', 'robin') },
      { role: 'press-office', people: holders('chiltern', 'press-office') },
    ],
  },
  ...['robin', 'omar', 'grace'].map((reporter) => ({
    name: `Dacorum 2.2(h): safeguarding from ${reporter} goes to the safeguarding lead of their directorate`,
    args: ['--council', 'dacorum', '--role', 'employee', '--category', 'safeguarding', '--reporter', reporter],
    clause: '2.2(h)',
    clauseId: 'dacorum-2-2-h',
    officers: () => [{ role: 'safeguarding-lead', people: holders('dacorum', 'safeguarding-lead', reporter) }],
    advice: /999/,
  })),
  ...['robin', 'tom'].map((reporter) => ({
    name: `Dacorum 5.0: a staff breach reported by ${reporter} goes to their line manager`,
    args: ['--council', 'dacorum', '--role', 'employee', '--category', 'policy-breach', '--reporter', reporter],
    clause: '5.0',
    clauseId: 'dacorum-5-0-managers-duty',
    officers: () => [{ role: 'line-manager', people: lineManagerOf('dacorum', reporter) }],
  })),
  ...REPORTER_ROLES.map((role) => ({
    name: `Dacorum Minutes 35: a data breach from ${role === 'member' ? 'a councillor' : 'staff'} goes to the Information Security Team Leader`,
    args: ['--council', 'dacorum', '--role', role, '--category', 'data-breach'],
    clause: 'Minutes 35',
    clauseId: 'dacorum-minutes-35-breach-reporting',
    officers: () => [{ role: 'information-security-team-leader', people: holders('dacorum', 'information-security-team-leader') }],
  })),
  {
    name: 'Dacorum 3.2 note: communities discussing the council go to the Communications team',
    args: ['--council', 'dacorum', '--role', 'employee', '--category', 'misinformation'],
    clause: '3.2',
    clauseId: 'dacorum-3-2-note-report',
    officers: () => [{ role: 'communications-team', people: holders('dacorum', 'communications-team') }],
  },
  ...REPORTER_ROLES.map((role) => ({
    name: `Wouldham 3: abuse from the public, reported by ${role === 'member' ? 'a councillor' : 'staff'}, goes to the Council Officer`,
    args: ['--council', 'wouldham', '--role', role, '--category', 'harassment'],
    clause: '3',
    clauseId: 'wouldham-3-threats-abuse',
    officers: () => [{ role: 'council-officer', people: holders('wouldham', 'council-officer') }],
  })),
  ...REPORTER_ROLES.map((role) => ({
    name: `Wouldham 6: misuse, reported by ${role === 'member' ? 'a councillor' : 'staff'}, goes to the appropriate officer`,
    args: ['--council', 'wouldham', '--role', role, '--category', 'policy-breach'],
    clause: '6',
    clauseId: 'wouldham-6-reporting',
    officers: () => [{ role: 'appropriate-officer', people: holders('wouldham', 'appropriate-officer') }],
  })),
];

describe('policy-desk route: the routing rules from each council’s policy', () => {
  it.each(RULES.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    const json = route(rule.args);
    expect(json.clause).toBe(rule.clause);
    expect(json.clause_id).toBe(rule.clauseId);
    expect(officersOf(json)).toEqual(rule.officers());
    if (rule.advice) expect(json.advice).toMatch(rule.advice);
  });

  it('sends safeguarding from different directorates to different leads', () => {
    const lead = (reporter: string) => route(['--council', 'dacorum', '--role', 'employee', '--category', 'safeguarding', '--reporter', reporter]).officers[0]!.people;
    expect(lead('robin')).not.toEqual(lead('omar'));
  });
});

describe('conflict of interest', () => {
  it('a report naming the Monitoring Officer goes to their alternate, and never to them', () => {
    const [paul] = holders('cannock', 'monitoring-officer');
    const json = route(['--council', 'cannock', '--role', 'member', '--category', 'harassment', '--names', paul!.name]);
    const monitoring = json.officers.find((officer) => officer.role === 'monitoring-officer')!;
    expect(monitoring.people).toEqual([{ ...alternateOf('cannock', 'monitoring-officer'), reason: 'conflict-alternate' }]);
    expect(monitoring.passed_over).toEqual([paul!.id]);
    expect(json.officers.flatMap((officer) => officer.people.map((person) => person.id))).not.toContain(paul!.id);
    // The other officer is not named, so still gets it.
    expect(json.officers.find((officer) => officer.role === 'political-group-leader')!.people).toEqual(holders('cannock', 'political-group-leader'));
  });

  it('finds the name inside a sentence, with or without the "Cllr" title', () => {
    const [june] = holders('cannock', 'political-group-leader');
    const bare = june!.name.replace(/^Cllr /, '');
    const json = route(['--council', 'cannock', '--role', 'member', '--category', 'harassment', '--names', `It was ${bare} who shared the post`]);
    expect(json.officers.find((officer) => officer.role === 'political-group-leader')!.people).toEqual([
      { ...alternateOf('cannock', 'political-group-leader'), reason: 'conflict-alternate' },
    ]);
  });
});

describe('policy-desk route with bad arguments', () => {
  const base = ['route', '--json'];
  it.each([
    ['an unknown council', ['--council', 'atlantis', '--role', 'member', '--category', 'harassment'], 'atlantis'],
    ['a bad --role', ['--council', 'cannock', '--role', 'boss', '--category', 'harassment'], '--role'],
    ['a bad --category', ['--council', 'cannock', '--role', 'member', '--category', 'gossip'], '--category'],
    ['a missing --category', ['--council', 'cannock', '--role', 'member'], '--category is required'],
    ['an unknown --reporter', ['--council', 'cannock', '--role', 'employee', '--category', 'harassment', '--reporter', 'nobody'], '"nobody"'],
  ])('%s gets one line on stderr and exit code 2', (_what, args, mentions) => {
    expectOneLineError(runCli([...base, ...args]), mentions);
  });
});

describe('every council, category and reporter has somebody to receive the report', () => {
  const config = readConfig({});
  const library = loadPolicyLibrary(config.policiesDirectory);
  const loaded = loadRoleDirectories(config.roleDirectoryFolder, library.packs, findPackageRoot());

  it('loads all four councils with their routing and directories', () => {
    expect([...library.packs.keys()].sort()).toEqual(['cannock', 'chiltern', 'dacorum', 'wouldham']);
    for (const pack of library.packs.values()) {
      expect(pack.reportRouting, pack.councilId).toBeDefined();
      expect(loaded.get(pack.councilId), pack.councilId).toBeDefined();
    }
  });

  it('routes each category from each role, and from each person in the directory, to people in the directory', () => {
    const gaps: string[] = [];
    for (const pack of library.packs.values()) {
      const directory = loaded.get(pack.councilId)!;
      for (const category of REPORT_CATEGORIES) {
        for (const reporterRole of REPORTER_ROLES) {
          const reporters = [undefined, ...[...directory.people.values()].filter((person) => person.isCouncillor === (reporterRole === 'member'))];
          for (const reporter of reporters) {
            const where = `${pack.councilId} ${category} ${reporterRole} from ${reporter?.id ?? 'someone unknown'}`;
            const found = routeReport(pack, directory, { category, reporterRole, reporter });
            const people = found ? routedPeople(found) : [];
            if (people.length === 0) gaps.push(`${where}: nobody`);
            for (const { person } of people) {
              if (directory.people.get(person.id) !== person) gaps.push(`${where}: ${person.id} is not in the directory`);
              if (person.id === reporter?.id) gaps.push(`${where}: goes to the reporter`);
            }
            // Naming every first-choice recipient still leaves someone else to receive it.
            if (people.length > 0) {
              const named = people.map(({ person }) => person);
              const instead = routedPeople(routeReport(pack, directory, { category, reporterRole, reporter, named })!);
              if (instead.some(({ person }) => named.includes(person))) gaps.push(`${where}: a named person still receives it`);
            }
          }
        }
      }
    }
    expect(gaps).toEqual([]);
  });
});
