import { existsSync } from 'node:fs';
import { z } from 'zod';
import { PolicyDeskError } from '../errors.js';
import { readYamlFile } from '../policies/read-yaml-file.js';
import { slug } from '../policies/schema-primitives.js';

/** How Policy Desk talks to Slack: a Socket Mode connection (no public URL), or HTTP on a port. */
export type SlackConfig =
  | { mode: 'socket'; botToken: string; appToken: string; apiUrl?: string | undefined; workspaces: ReadonlyMap<string, string> }
  | { mode: 'http'; botToken: string; signingSecret: string; port: number; apiUrl?: string | undefined; workspaces: ReadonlyMap<string, string> };

const SECRETS = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const;

const workspacesFileSchema = z.strictObject({
  /** Slack team ids (T0123ABCD) to council ids, for one deployment serving several councils. */
  workspaces: z.record(z.string().regex(/^[TE][A-Z0-9]{2,}$/, 'must be a Slack team id such as T0123ABCD'), slug),
});

/**
 * Slack settings from the environment, or undefined when none are set (the console then runs). A variable
 * that is set but empty, or a half-set pair, is a one-line error naming it; secrets are never echoed.
 */
export function readSlackConfig(env: NodeJS.ProcessEnv): SlackConfig | undefined {
  for (const name of [...SECRETS, 'SLACK_API_URL', 'PORT', 'POLICY_DESK_SLACK_WORKSPACES'] as const) {
    const value = env[name];
    if (value !== undefined && value.trim() === '') throw new PolicyDeskError('INVALID_CONFIG', `${name} is set but empty: give it a value or unset it`);
  }
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  const appToken = env.SLACK_APP_TOKEN?.trim();
  const signingSecret = env.SLACK_SIGNING_SECRET?.trim();
  if (botToken === undefined) {
    if (appToken !== undefined || signingSecret !== undefined) {
      throw new PolicyDeskError('INVALID_CONFIG', 'SLACK_BOT_TOKEN is not set: Slack needs the bot token (xoxb-...) as well');
    }
    return undefined;
  }
  if (!botToken.startsWith('xoxb-')) throw new PolicyDeskError('INVALID_CONFIG', 'SLACK_BOT_TOKEN must be a bot token starting "xoxb-"');
  const apiUrl = readApiUrl(env.SLACK_API_URL);
  const workspaces = readWorkspaces(env.POLICY_DESK_SLACK_WORKSPACES);
  if (appToken !== undefined) {
    if (!appToken.startsWith('xapp-')) throw new PolicyDeskError('INVALID_CONFIG', 'SLACK_APP_TOKEN must be an app-level token starting "xapp-"');
    return { mode: 'socket', botToken, appToken, apiUrl, workspaces };
  }
  if (signingSecret === undefined) {
    throw new PolicyDeskError('INVALID_CONFIG', 'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) must be set with SLACK_BOT_TOKEN');
  }
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PolicyDeskError('INVALID_CONFIG', 'PORT must be a port number from 0 to 65535');
  return { mode: 'http', botToken, signingSecret, port, apiUrl, workspaces };
}

function readApiUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new PolicyDeskError('INVALID_CONFIG', 'SLACK_API_URL must be a URL such as https://slack.com/api/');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new PolicyDeskError('INVALID_CONFIG', 'SLACK_API_URL must be an http(s) URL');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function readWorkspaces(path: string | undefined): ReadonlyMap<string, string> {
  if (path === undefined) return new Map();
  if (!existsSync(path)) throw new PolicyDeskError('INVALID_CONFIG', `POLICY_DESK_SLACK_WORKSPACES: file not found: ${path}`);
  return new Map(Object.entries(readYamlFile(path, path, workspacesFileSchema).data.workspaces));
}
