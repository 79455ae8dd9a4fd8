import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { findPackageRoot } from '../config/find-package-root.js';

export type PolicyDeskDatabase = Database.Database;

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** Opens (creating if need be) the SQLite file and brings its schema up to date from db/NNN_*.sql. */
export function openDatabase(path: string, migrationsDirectory = join(findPackageRoot(), 'db')): PolicyDeskDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Deleted and overwritten rows are zeroed on disk, so a purged report leaves nothing behind in free pages.
  database.pragma('secure_delete = ON');
  applyMigrations(database, migrationsDirectory);
  cachePreparedStatements(database);
  return database;
}

const STATEMENT_CACHE_LIMIT = 500;

/**
 * Storage functions call prepare() with fixed SQL on every use; compiling it each time was a fifth of a busy
 * chat server's time. Each SQL text is compiled once per connection (only run, get and all are used, so
 * a statement is never in use twice at once).
 */
function cachePreparedStatements(database: PolicyDeskDatabase): void {
  const compile = database.prepare.bind(database);
  const compiled = new Map<string, ReturnType<typeof compile>>();
  database.prepare = ((sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = compile(sql);
      if (compiled.size < STATEMENT_CACHE_LIMIT) compiled.set(sql, statement);
    }
    return statement;
  }) as typeof database.prepare;
}

/** Each migration runs once, in number order, inside its own transaction with its version record. */
export function applyMigrations(database: PolicyDeskDatabase, migrationsDirectory: string): number[] {
  database.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    (database.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((row) => row.version),
  );
  const pending = readdirSync(migrationsDirectory)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({ file, version: Number(match[1]) }))
    .filter(({ version }) => !applied.has(version))
    .sort((left, right) => left.version - right.version);
  const record = database.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
  for (const { file, version } of pending) {
    const sql = readFileSync(join(migrationsDirectory, file), 'utf8');
    database.transaction(() => {
      database.exec(sql);
      record.run(version, new Date().toISOString());
    })();
  }
  return pending.map(({ version }) => version);
}
