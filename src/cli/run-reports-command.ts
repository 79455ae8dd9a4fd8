import { openSealer } from '../app/open-policy-desk.js';
import type { Config } from '../config/read-config.js';
import { PolicyDeskError } from '../errors.js';
import { parseRetentionPeriod, purgeReports } from '../reports/purge-reports.js';
import { resealEverything } from '../storage/reseal-everything.js';
import { openDatabase } from '../storage/open-database.js';
import type { CommandOutput } from './command-output.js';
import { parseCommandArguments } from './parse-command-arguments.js';

const USAGE = 'usage: policy-desk reports list [--council <id>] | purge --older-than <period, e.g. 2y, 18m, 90d> | rekey';

/**
 * The administrator's side of reports: a list without any content (content is for assignees, in the chat),
 * retention, and re-sealing after a key rotation.
 */
export function runReportsCommand(args: readonly string[], config: Config, output: CommandOutput, clock: () => Date): number {
  const [subcommand, ...rest] = args;
  const parsed = parseCommandArguments(rest, { council: { type: 'string' }, 'older-than': { type: 'string' } }, USAGE);
  if (subcommand !== 'list' && subcommand !== 'purge' && subcommand !== 'rekey') {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `${subcommand ? `unknown reports command "${subcommand}"` : 'no reports command given'}; ${USAGE}`);
  }
  const olderThan = parsed.options['older-than'] as string | undefined;
  const cutoff = olderThan === undefined ? undefined : parseRetentionPeriod(olderThan, clock());
  if (subcommand === 'purge' && cutoff === undefined) {
    throw new PolicyDeskError('INVALID_ARGUMENTS', `purge needs --older-than with a number and d, w, m or y (e.g. 2y)${olderThan === undefined ? '' : `, not "${olderThan}"`}; ${USAGE}`);
  }
  const sealer = subcommand === 'rekey' ? openSealer(config, true) : undefined;
  const database = openDatabase(config.databasePath);
  try {
    if (subcommand === 'purge') {
      const purged = purgeReports(database, cutoff!, clock());
      database.pragma('wal_checkpoint(TRUNCATE)');
      output.print(`Purged ${purged.length} report(s) finished before ${cutoff!.toISOString().slice(0, 10)}${purged.length > 0 ? `: ${purged.join(', ')}` : ''}. Open cases are kept.`);
      return 0;
    }
    if (subcommand === 'rekey') {
      const changed = resealEverything(database, sealer!);
      database.pragma('wal_checkpoint(TRUNCATE)');
      output.print(`Re-sealed ${changed} value(s) with the current key. Once every server runs with it, the previous keys can be removed.`);
      return 0;
    }
    const council = parsed.options.council as string | undefined;
    const rows = database
      .prepare(
        `SELECT id, council_id, status, category, urgency, anonymous, submitted_at,
           (SELECT COUNT(*) FROM report_assignees WHERE report_id = reports.id AND removed_at IS NULL) AS officers
         FROM reports WHERE status <> 'cancelled' AND (? IS NULL OR council_id = ?) ORDER BY created_at`,
      )
      .all(council ?? null, council ?? null) as { id: string; council_id: string; status: string; category: string | null; urgency: string | null; anonymous: number; submitted_at: string | null; officers: number }[];
    if (rows.length === 0) output.print('No reports recorded.');
    for (const row of rows) {
      output.print([row.id, row.council_id, row.status.padEnd(12), (row.category ?? '-').padEnd(18), row.urgency ?? '-', row.anonymous ? 'anonymous' : 'named', `${row.officers} officer(s)`, row.submitted_at ?? 'not sent'].join('  '));
    }
    return 0;
  } finally {
    database.close();
  }
}
