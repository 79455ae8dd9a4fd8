import type { ConversationReference } from 'botbuilder';
import type { PolicyDeskDatabase } from './open-database.js';

/** botbuilder's ConversationReference, kept as JSON. */
export type StoredConversationReference = Partial<ConversationReference>;

/** Keeps where an address can be reached; rewritten only when it has changed (a new serviceUrl, a new chat). */
export function saveTeamsConversation(database: PolicyDeskDatabase, address: string, tenantId: string | undefined, reference: StoredConversationReference): void {
  const json = JSON.stringify(reference);
  const stored = database.prepare('SELECT reference FROM teams_conversations WHERE address = ?').get(address) as { reference: string } | undefined;
  if (stored?.reference === json) return;
  database
    .prepare('INSERT INTO teams_conversations (address, tenant_id, reference) VALUES (?, ?, ?) ON CONFLICT (address) DO UPDATE SET tenant_id = excluded.tenant_id, reference = excluded.reference')
    .run(address, tenantId ?? null, json);
}

export function findTeamsConversation(database: PolicyDeskDatabase, address: string): StoredConversationReference | undefined {
  return findTeamsAddress(database, address)?.reference;
}

/** The stored reference with the tenant it was seen in. A reference without a conversation is someone the bot has only met in a channel. */
export function findTeamsAddress(database: PolicyDeskDatabase, address: string): { reference: StoredConversationReference; tenantId: string | undefined } | undefined {
  const row = database.prepare('SELECT reference, tenant_id FROM teams_conversations WHERE address = ?').get(address) as { reference: string; tenant_id: string | null } | undefined;
  return row ? { reference: JSON.parse(row.reference) as StoredConversationReference, tenantId: row.tenant_id ?? undefined } : undefined;
}

/** Keeps an address only if none is stored: a channel sighting must never replace a person's own chat. */
export function saveTeamsAddressIfNew(database: PolicyDeskDatabase, address: string, tenantId: string | undefined, reference: StoredConversationReference): void {
  database.prepare('INSERT INTO teams_conversations (address, tenant_id, reference) VALUES (?, ?, ?) ON CONFLICT (address) DO NOTHING').run(address, tenantId ?? null, JSON.stringify(reference));
}

/** A serviceUrl the tenant's Teams was last reached through, to open a new chat in it. */
export function findTenantServiceUrl(database: PolicyDeskDatabase, tenantId: string): string | undefined {
  const row = database.prepare('SELECT reference FROM teams_conversations WHERE tenant_id = ? LIMIT 1').get(tenantId) as { reference: string } | undefined;
  return row ? (JSON.parse(row.reference) as StoredConversationReference).serviceUrl : undefined;
}
