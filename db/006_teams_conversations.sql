-- Where the bot can reach someone in Teams without being spoken to first: botbuilder's conversation reference,
-- kept from their messages and from the app's installation. Keyed by "teams:<id>" for both the user's 29: id
-- and their Entra object id. No times are kept, so a row says nothing about when anyone used the bot.
CREATE TABLE teams_conversations (
  address    TEXT PRIMARY KEY,
  tenant_id  TEXT,
  reference  TEXT NOT NULL
);
CREATE INDEX teams_conversations_by_tenant ON teams_conversations (tenant_id);
