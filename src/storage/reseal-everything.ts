import type { TextSealer } from '../crypto/text-sealer.js';
import { resealConversationStates } from './conversation-states.js';
import type { PolicyDeskDatabase } from './open-database.js';

/** After a key rotation: re-seals everything sealed with an older key under the current one. Returns how many values changed. */
export function resealEverything(database: PolicyDeskDatabase, sealer: TextSealer): number {
  let changed = 0;
  const reseal = (table: string, key: string, columns: string[], where = '1 = 1') => {
    const rows = database.prepare(`SELECT ${key} AS row_key, ${columns.join(', ')} FROM ${table} WHERE ${where}`).all() as Record<string, string>[];
    for (const row of rows) {
      const stale = columns.filter((column) => row[column] !== null && !sealer.isCurrent(row[column]!));
      if (stale.length === 0) continue;
      const values = stale.map((column) => sealer.seal(sealer.open(row[column]!)));
      database.prepare(`UPDATE ${table} SET ${stale.map((column) => `${column} = ?`).join(', ')} WHERE ${key} = ?`).run(...values, row.row_key);
      changed += stale.length;
    }
  };
  database.transaction(() => {
    reseal('reports', 'id', ['sealed_content']);
    reseal('report_entries', 'id', ['sealed_body']);
    changed += resealConversationStates(database, sealer);
    reseal('outbox', 'id', ['recipient', 'message'], 'sealed = 1');
    // The fingerprint is keyed too: recompute it from the sealed reporter so "my requests" still finds their reports.
    const relays = database.prepare('SELECT relay_id, sealed_reporter FROM report_relays').all() as { relay_id: string; sealed_reporter: string }[];
    for (const relay of relays) {
      if (sealer.isCurrent(relay.sealed_reporter)) continue;
      const reporter = sealer.open(relay.sealed_reporter);
      const key = (JSON.parse(reporter) as { key: string }).key;
      database
        .prepare('UPDATE report_relays SET sealed_reporter = ?, reporter_fingerprint = ? WHERE relay_id = ?')
        .run(sealer.seal(reporter), sealer.fingerprint(key), relay.relay_id);
      changed += 1;
    }
  })();
  return changed;
}
