import { PolicyDeskError } from '../errors.js';

/** What the Teams app package needs to know, checked: every id a GUID, every URL https. */
export interface TeamsPackageSettings {
  /** The Teams app's own id: POLICY_DESK_TEAMS_APP_ID, or the bot's id when that is not set. */
  appId: string;
  /** The Azure Bot's Microsoft App ID (MicrosoftAppId, botbuilder's own name for it). */
  botId: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  /** The host Policy Desk runs on, for validDomains; undefined when not given. */
  domain: string | undefined;
}

/**
 * Used when the council does not name its own pages, so the package is still valid. The Teams admin centre shows
 * them on the app's details page: a council should point them at its own site, privacy notice and terms.
 */
export const DEFAULT_DEVELOPER = {
  name: 'Policy Desk',
  websiteUrl: 'https://www.gov.uk/find-local-council',
  privacyUrl: 'https://www.gov.uk/data-protection',
  termsOfUseUrl: 'https://www.gov.uk/help/terms-conditions',
} as const;

/** The manifest schema's limit on developer.name. */
const DEVELOPER_NAME_LIMIT = 32;
/** The manifest schema's limit on any URL. */
const URL_LIMIT = 2048;

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const URL_VARIABLES = {
  websiteUrl: 'POLICY_DESK_TEAMS_WEBSITE_URL',
  privacyUrl: 'POLICY_DESK_TEAMS_PRIVACY_URL',
  termsOfUseUrl: 'POLICY_DESK_TEAMS_TERMS_URL',
} as const;

/**
 * The package settings from the environment. Each problem is a one-line error naming the variable; values are
 * never echoed, and MicrosoftAppPassword is never read: the package holds no secret.
 */
export function readTeamsPackageConfig(env: NodeJS.ProcessEnv): TeamsPackageSettings {
  for (const name of ['MicrosoftAppId', 'POLICY_DESK_TEAMS_APP_ID', 'POLICY_DESK_TEAMS_DEVELOPER_NAME', ...Object.values(URL_VARIABLES), 'POLICY_DESK_TEAMS_DOMAIN']) {
    const value = env[name];
    if (value !== undefined && value.trim() === '') throw new PolicyDeskError('INVALID_CONFIG', `${name} is set but empty: give it a value or unset it`);
  }
  const botId = env.MicrosoftAppId?.trim();
  if (botId === undefined) {
    throw new PolicyDeskError('INVALID_CONFIG', "MicrosoftAppId is not set: give the Azure Bot's Microsoft App ID (its Configuration page), a GUID");
  }
  if (!GUID.test(botId)) throw new PolicyDeskError('INVALID_CONFIG', "MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000 (the Azure Bot's Microsoft App ID)");
  const appId = env.POLICY_DESK_TEAMS_APP_ID?.trim() ?? botId;
  if (!GUID.test(appId)) throw new PolicyDeskError('INVALID_CONFIG', 'POLICY_DESK_TEAMS_APP_ID must be a GUID such as 00000000-0000-0000-0000-000000000000, or unset to use MicrosoftAppId');
  const name = env.POLICY_DESK_TEAMS_DEVELOPER_NAME?.trim() ?? DEFAULT_DEVELOPER.name;
  if (name.length > DEVELOPER_NAME_LIMIT) {
    throw new PolicyDeskError('INVALID_CONFIG', `POLICY_DESK_TEAMS_DEVELOPER_NAME is ${name.length} characters: Teams allows ${DEVELOPER_NAME_LIMIT}`);
  }
  return {
    appId,
    botId,
    developer: {
      name,
      websiteUrl: readHttpsUrl(env, 'websiteUrl'),
      privacyUrl: readHttpsUrl(env, 'privacyUrl'),
      termsOfUseUrl: readHttpsUrl(env, 'termsOfUseUrl'),
    },
    domain: readDomain(env.POLICY_DESK_TEAMS_DOMAIN),
  };
}

function readHttpsUrl(env: NodeJS.ProcessEnv, field: keyof typeof URL_VARIABLES): string {
  const variable = URL_VARIABLES[field];
  const value = env[variable]?.trim();
  if (value === undefined) return DEFAULT_DEVELOPER[field];
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') {
    throw new PolicyDeskError('INVALID_CONFIG', `${variable} must be an https:// URL such as https://www.example.gov.uk/policy-desk`);
  }
  if (url.href.length > URL_LIMIT) throw new PolicyDeskError('INVALID_CONFIG', `${variable} is longer than Teams allows (${URL_LIMIT} characters)`);
  return url.href;
}

function readDomain(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const domain = value.trim().toLowerCase();
  if (!HOST_NAME.test(domain)) {
    throw new PolicyDeskError('INVALID_CONFIG', 'POLICY_DESK_TEAMS_DOMAIN must be a host name such as policy-desk.example.gov.uk, without https:// or a path');
  }
  return domain;
}
