import { existsSync } from 'node:fs';
import { z } from 'zod';
import { PolicyDeskError } from '../errors.js';
import { readYamlFile } from '../policies/read-yaml-file.js';
import { slug } from '../policies/schema-primitives.js';

export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/**
 * How Policy Desk talks to Teams: an Azure bot registration (botbuilder's own variables), or the explicit
 * local test mode with no authentication, which only listens on 127.0.0.1.
 */
export type TeamsConfig = {
  port: number;
  tenants: ReadonlyMap<string, string>;
} & (
  | { auth: 'azure'; appId: string; appPassword?: string | undefined; appType: MicrosoftAppType; tenantId?: string | undefined }
  | { auth: 'none' }
);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_TYPES: Record<string, MicrosoftAppType> = { multitenant: 'MultiTenant', singletenant: 'SingleTenant', userassignedmsi: 'UserAssignedMSI' };
const VARIABLES = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId', 'POLICY_DESK_TEAMS_NO_AUTH', 'POLICY_DESK_TEAMS_TENANTS', 'PORT'] as const;

const tenantsFileSchema = z.strictObject({
  /** Microsoft 365 tenant ids to council ids, for one deployment serving several councils. */
  tenants: z.record(z.string().regex(GUID, 'must be a tenant id (a GUID)'), slug),
});

/**
 * Teams settings from the environment, or undefined when none are set. A set-but-empty variable, a missing
 * partner (a password without an id, SingleTenant without a tenant) or a malformed id is a one-line error
 * naming the variable; the password is never echoed.
 */
export function readTeamsConfig(env: NodeJS.ProcessEnv): TeamsConfig | undefined {
  for (const name of VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.trim() === '') throw new PolicyDeskError('INVALID_CONFIG', `${name} is set but empty: give it a value or unset it`);
  }
  const appId = env.MicrosoftAppId?.trim();
  const noAuth = env.POLICY_DESK_TEAMS_NO_AUTH?.trim();
  if (noAuth !== undefined && noAuth !== '1') throw new PolicyDeskError('INVALID_CONFIG', 'POLICY_DESK_TEAMS_NO_AUTH must be 1 (local test mode) or unset');
  const port = Number(env.PORT ?? '3978');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PolicyDeskError('INVALID_CONFIG', 'PORT must be a port number from 0 to 65535');
  const tenants = readTenants(env.POLICY_DESK_TEAMS_TENANTS);
  if (appId === undefined) {
    for (const partner of ['MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const) {
      if (env[partner] !== undefined) throw new PolicyDeskError('INVALID_CONFIG', `${partner} is set but MicrosoftAppId is not: Teams needs the bot's app id as well`);
    }
    return noAuth === '1' ? { auth: 'none', port, tenants } : undefined;
  }
  if (noAuth !== undefined) throw new PolicyDeskError('INVALID_CONFIG', 'POLICY_DESK_TEAMS_NO_AUTH cannot be used with MicrosoftAppId: unset one of them');
  if (!GUID.test(appId)) throw new PolicyDeskError('INVALID_CONFIG', 'MicrosoftAppId must be the bot\'s app (client) id, a GUID');
  const typeName = env.MicrosoftAppType?.trim() ?? 'MultiTenant';
  const appType = APP_TYPES[typeName.toLowerCase()];
  if (!appType) throw new PolicyDeskError('INVALID_CONFIG', 'MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI');
  const appPassword = env.MicrosoftAppPassword?.trim();
  const tenantId = env.MicrosoftAppTenantId?.trim();
  if (appType === 'UserAssignedMSI') {
    if (appPassword !== undefined) throw new PolicyDeskError('INVALID_CONFIG', 'MicrosoftAppPassword must not be set for UserAssignedMSI: the managed identity signs in');
  } else if (appPassword === undefined) {
    throw new PolicyDeskError('INVALID_CONFIG', 'MicrosoftAppPassword is not set: give the bot registration\'s client secret');
  }
  if (appType !== 'MultiTenant' && tenantId === undefined) throw new PolicyDeskError('INVALID_CONFIG', `MicrosoftAppTenantId is not set: ${appType} needs the tenant id`);
  if (tenantId !== undefined && !GUID.test(tenantId)) throw new PolicyDeskError('INVALID_CONFIG', 'MicrosoftAppTenantId must be a tenant id (a GUID)');
  return { auth: 'azure', appId, appPassword, appType, tenantId, port, tenants };
}

function readTenants(path: string | undefined): ReadonlyMap<string, string> {
  if (path === undefined) return new Map();
  if (!existsSync(path)) throw new PolicyDeskError('INVALID_CONFIG', `POLICY_DESK_TEAMS_TENANTS: file not found: ${path}`);
  return new Map(Object.entries(readYamlFile(path, path, tenantsFileSchema).data.tenants).map(([tenant, council]) => [tenant.toLowerCase(), council]));
}
