import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';

const manifest = parse(readFileSync(join(findPackageRoot(), 'manifest.yaml'), 'utf8'));
const readme = readFileSync(join(findPackageRoot(), 'README.md'), 'utf8');

describe('manifest.yaml', () => {
  it('asks for the events and the command the app listens for, over Socket Mode, with interactivity', () => {
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual(['/policy']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('asks for the minimum scopes, and the README says why each is needed', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect(scopes.sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'im:history', 'users:read']);
    for (const scope of scopes) expect(readme).toMatch(new RegExp(`\\| \`${scope}\` \\| [^|]+\\|`));
  });
});
