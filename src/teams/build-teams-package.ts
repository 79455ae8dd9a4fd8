import { ZipFile } from 'yazl';
import type { TurnCommand } from '../conversations/turn.js';
import { PolicyDeskError } from '../errors.js';
import type { TeamsPackageSettings } from './read-teams-package-config.js';

/**
 * The Teams app manifest schema the package is written for: the current generally available version, per
 * Microsoft's "Microsoft 365 app manifest schema reference" (What's new in manifest version 1.30, August 2026).
 */
export const TEAMS_MANIFEST_VERSION = '1.30';
export const TEAMS_MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/** Icon files at the package root, and their required sizes in pixels (square). */
export const TEAMS_ICONS = {
  color: { file: 'color.png', size: 192 },
  outline: { file: 'outline.png', size: 32 },
} as const;
export type TeamsIcon = keyof typeof TEAMS_ICONS;

/** Personal chat, channel @mentions in a team, and group chats. */
export const TEAMS_BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

/** The commands Teams suggests, the same as Slack's /policy subcommands. */
export const TEAMS_COMMANDS = [
  { title: 'request', command: 'request', description: 'Send a business case for a new council social media account, one question at a time' },
  { title: 'request form', command: 'request-form', description: 'Send a business case by filling in one form' },
  { title: 'report', command: 'report', description: 'Report abuse, bullying, a breach or a mistake, privately' },
  { title: 'status', command: 'status', description: 'Your requests and reports, and the cases waiting for you' },
  { title: 'help', command: 'help', description: 'What Policy Desk can do, with example questions' },
] as const satisfies readonly { title: string; command: TurnCommand; description: string }[];

/** The manifest fields Policy Desk sets; the schema allows many more. */
export interface TeamsAppManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  developer: TeamsPackageSettings['developer'];
  name: { short: string; full: string };
  description: { short: string; full: string };
  icons: { color: string; outline: string };
  accentColor: string;
  defaultInstallScope: 'personal';
  bots: {
    botId: string;
    scopes: string[];
    isNotificationOnly: boolean;
    supportsFiles: boolean;
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
}

const FULL_DESCRIPTION = [
  'Ask Policy Desk about social media in your own words ("can I post photos of residents?") and it answers with the exact clause of your council\'s policy and who to ask.',
  'Services can send a business case for a new council social media account, and the people the policy names approve or decline it with buttons.',
  'Anyone can report abuse, bullying, a breach or a mistake privately to the officer the policy names.',
  'Chat with it directly, or mention it in a channel or group chat. "request", "request form", "report", "status" and "help" do what they say; reports are only ever taken in a private chat.',
].join(' ');

/** The manifest for these settings. Pure: the same settings and version always give the same manifest. */
export function buildTeamsManifest(settings: TeamsPackageSettings, appVersion: string): TeamsAppManifest {
  if (!/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.test(appVersion)) {
    throw new PolicyDeskError('INVALID_CONFIG', `package.json version must be MAJOR.MINOR.PATCH for Teams (it is "${appVersion}")`);
  }
  return {
    $schema: TEAMS_MANIFEST_SCHEMA,
    manifestVersion: TEAMS_MANIFEST_VERSION,
    version: appVersion,
    id: settings.appId,
    developer: { ...settings.developer },
    name: { short: 'Policy Desk', full: 'Policy Desk: social media policy, new accounts and private reports' },
    description: {
      short: "Your council's social media policy, quoted, with who to ask",
      full: FULL_DESCRIPTION,
    },
    icons: { color: TEAMS_ICONS.color.file, outline: TEAMS_ICONS.outline.file },
    accentColor: '#1D3557',
    defaultInstallScope: 'personal',
    bots: [
      {
        botId: settings.botId,
        scopes: [...TEAMS_BOT_SCOPES],
        isNotificationOnly: false,
        supportsFiles: false,
        // One list per scope, as the schema asks.
        commandLists: TEAMS_BOT_SCOPES.map((scope) => ({
          scopes: [scope],
          commands: TEAMS_COMMANDS.map(({ title, description }) => ({ title, description })),
        })),
      },
    ],
    validDomains: settings.domain === undefined ? [] : [settings.domain],
  };
}

/** A PNG's width and height from its IHDR chunk, or undefined when the bytes are not a PNG. */
export function readPngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A fixed time for every entry, so the same settings give the same bytes. */
const ENTRY_TIME = new Date(2000, 0, 1);

/**
 * The app package: manifest.json and the two icons at the root of a zip, as Teams wants it. Builds in memory;
 * the caller writes the file. Icons of the wrong size are refused here, before Teams refuses the upload.
 */
export async function buildTeamsPackage(settings: TeamsPackageSettings, appVersion: string, icons: Record<TeamsIcon, Buffer>): Promise<Buffer> {
  for (const icon of Object.keys(TEAMS_ICONS) as TeamsIcon[]) {
    const { file, size } = TEAMS_ICONS[icon];
    const actual = readPngSize(icons[icon]);
    if (actual === undefined) throw new PolicyDeskError('INVALID_CONFIG', `teams/${file} is not a PNG`);
    if (actual.width !== size || actual.height !== size) {
      throw new PolicyDeskError('INVALID_CONFIG', `teams/${file} must be ${size}x${size} pixels (it is ${actual.width}x${actual.height})`);
    }
  }
  const manifest = buildTeamsManifest(settings, appVersion);
  const zip = new ZipFile();
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), 'manifest.json', { mtime: ENTRY_TIME, mode: 0o644 });
  // PNGs are compressed already: stored as they are.
  for (const icon of Object.keys(TEAMS_ICONS) as TeamsIcon[]) {
    zip.addBuffer(icons[icon], TEAMS_ICONS[icon].file, { mtime: ENTRY_TIME, mode: 0o644, compress: false });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
