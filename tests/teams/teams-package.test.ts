import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPackageRoot } from '../../src/config/find-package-root.js';
import { readZip, type ZipEntry } from '../support/read-zip.js';
import { expectOneLineError, type CliRun } from '../support/run-cli.js';

const root = findPackageRoot();
const scriptPath = join(root, 'dist', 'scripts', 'package-teams-app.js');
const appVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const BOT_ID = '6f1c2a4e-8b7d-4c3a-9e2f-1a2b3c4d5e6f';
const APP_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
/** Set in every run: the packager must never read it, so it must never appear in what it prints. */
const PASSWORD = 'Zq8~not-for-the-package.secret';

/** Limits from the v1.30 schema (developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json). */
const LIMITS = { developerName: 32, url: 2048, shortName: 30, fullName: 100, shortDescription: 80, fullDescription: 4000, commandTitle: 128, commandDescription: 4000, commandsPerList: 12, commandLists: 3, validDomains: 100 };
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

interface Run extends CliRun {
  out: string;
  cwd: string;
}

/** Runs the built packager as `npm run teams:package` would, with only the variables given (and the password). */
function runPackager(env: Record<string, string>, args: string[] = ['--out', '<out>'], cwd = mkdtempSync(join(tmpdir(), 'policy-desk-teams-'))): Run {
  const out = join(cwd, 'package.zip');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(MicrosoftApp|POLICY_DESK_TEAMS_)/.test(name)));
  const result = spawnSync(process.execPath, [scriptPath, ...args.map((arg) => (arg === '<out>' ? out : arg))], {
    cwd,
    env: { ...inherited, MicrosoftAppPassword: PASSWORD, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, out, cwd };
}

function entriesOf(run: Run): Map<string, ZipEntry> {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return new Map(readZip(readFileSync(run.out)).map((entry) => [entry.name, entry]));
}

function manifestOf(entries: Map<string, ZipEntry>): Record<string, any> {
  return JSON.parse(entries.get('manifest.json')!.data.toString('utf8'));
}

interface Png {
  width: number;
  height: number;
  colourType: number;
  /** RGBA, four bytes a pixel, whatever the file's colour type. */
  pixels: Buffer;
}

/** Just enough of a PNG decoder for the icons: 8-bit RGB or RGBA, not interlaced, any row filter. */
function decodePng(file: Buffer): Png {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(file.toString('ascii', 12, 16)).toBe('IHDR');
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  const [bitDepth, colourType, interlace] = [file[24]!, file[25]!, file[28]!];
  expect(bitDepth).toBe(8);
  expect([2, 6]).toContain(colourType);
  expect(interlace).toBe(0);
  const idat: Buffer[] = [];
  for (let offset = 8; offset < file.length; ) {
    const length = file.readUInt32BE(offset);
    if (file.toString('ascii', offset + 4, offset + 8) === 'IDAT') idat.push(file.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= channels ? rows[y * stride + x - channels]! : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      rows[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const pixels = Buffer.alloc(width * height * 4);
  for (let index = 0; index < width * height; index++) {
    rows.copy(pixels, index * 4, index * channels, index * channels + 3);
    pixels[index * 4 + 3] = channels === 4 ? rows[index * channels + 3]! : 255;
  }
  return { width, height, colourType, pixels };
}

function pixelsOf(png: Png): { r: number; g: number; b: number; a: number }[] {
  return Array.from({ length: png.width * png.height }, (_, index) => {
    const [r, g, b, a] = png.pixels.subarray(index * 4, index * 4 + 4);
    return { r: r!, g: g!, b: b!, a: a! };
  });
}

function expectHttpsUrl(value: unknown): void {
  expect(typeof value).toBe('string');
  expect((value as string).length).toBeLessThanOrEqual(LIMITS.url);
  expect(new URL(value as string).protocol).toBe('https:');
}

describe('npm run teams:package', () => {
  let run: Run;
  let entries: Map<string, ZipEntry>;
  let manifest: Record<string, any>;
  beforeAll(() => {
    run = runPackager({ MicrosoftAppId: BOT_ID, POLICY_DESK_TEAMS_DOMAIN: 'policy-desk.dacorum.example.gov.uk' });
    entries = entriesOf(run);
    manifest = manifestOf(entries);
  });

  it('writes a zip of exactly manifest.json and the two icons, at its root, and says where and for which bot', () => {
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const written = /^Wrote (.+?) \(/.exec(lines[0]!)?.[1];
    expect(written && resolve(run.cwd, written)).toBe(run.out);
    expect(lines[0]).toContain(BOT_ID);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('is on manifest schema 1.30, with every field the schema requires and no others', () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.30');
    expect(Object.keys(manifest).sort()).toEqual(
      ['$schema', 'manifestVersion', 'version', 'id', 'developer', 'name', 'description', 'icons', 'accentColor', 'defaultInstallScope', 'bots', 'validDomains'].sort(),
    );
    expect(manifest.version).toBe(appVersion);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.accentColor).toMatch(/^#[0-9a-fA-F]{6}$/);
  });

  it('takes the bot id from MicrosoftAppId, and uses it as the app id when POLICY_DESK_TEAMS_APP_ID is not set', () => {
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.id).toMatch(GUID);
  });

  it('offers the bot in personal chat, teams and group chats, with request, report, status and help in each', () => {
    const bot = manifest.bots[0];
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.commandLists.length).toBeLessThanOrEqual(LIMITS.commandLists);
    expect(bot.commandLists.flatMap((list: { scopes: string[] }) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.map((command: { title: string }) => command.title)).toEqual(['request', 'request form', 'report', 'status', 'help']);
      expect(list.commands.length).toBeLessThanOrEqual(LIMITS.commandsPerList);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(LIMITS.commandTitle);
        expect(command.description.length).toBeGreaterThan(0);
        expect(command.description.length).toBeLessThanOrEqual(LIMITS.commandDescription);
      }
    }
  });

  it('keeps names and descriptions within the schema limits, and the developer links are https', () => {
    expect(manifest.name.short.length).toBeLessThanOrEqual(LIMITS.shortName);
    expect(manifest.name.full.length).toBeLessThanOrEqual(LIMITS.fullName);
    expect(manifest.description.short.length).toBeLessThanOrEqual(LIMITS.shortDescription);
    expect(manifest.description.full.length).toBeLessThanOrEqual(LIMITS.fullDescription);
    expect(manifest.description.full.length).toBeGreaterThan(manifest.description.short.length);
    expect(manifest.developer.name.length).toBeGreaterThan(0);
    expect(manifest.developer.name.length).toBeLessThanOrEqual(LIMITS.developerName);
    for (const field of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expectHttpsUrl(manifest.developer[field]);
    expect(manifest.validDomains).toEqual(['policy-desk.dacorum.example.gov.uk']);
  });

  it('names icons that are in the package, 192x192 in full colour and 32x32 white on transparent', () => {
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    const color = decodePng(entries.get(manifest.icons.color)!.data);
    expect([color.width, color.height]).toEqual([192, 192]);
    const colours = new Set(pixelsOf(color).map(({ r, g, b }) => `${r},${g},${b}`));
    expect(colours.size).toBeGreaterThan(2);
    expect(pixelsOf(color).every(({ a }) => a === 255)).toBe(true);

    const outline = decodePng(entries.get(manifest.icons.outline)!.data);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colourType).toBe(6);
    const pixels = pixelsOf(outline);
    expect(pixels.every(({ r, g, b, a }) => a === 0 || (r === 255 && g === 255 && b === 255))).toBe(true);
    const drawn = pixels.filter(({ a }) => a === 255).length;
    expect(drawn).toBeGreaterThan(100);
    expect(pixels.filter(({ a }) => a === 0).length).toBeGreaterThan(drawn);
  });

  it('packs the icons committed under teams/, byte for byte', () => {
    expect(entries.get('color.png')!.data.equals(readFileSync(join(root, 'teams', 'color.png')))).toBe(true);
    expect(entries.get('outline.png')!.data.equals(readFileSync(join(root, 'teams', 'outline.png')))).toBe(true);
  });

  it('gives the same bytes for the same settings', () => {
    const again = runPackager({ MicrosoftAppId: BOT_ID, POLICY_DESK_TEAMS_DOMAIN: 'policy-desk.dacorum.example.gov.uk' });
    expect(again.status).toBe(0);
    expect(readFileSync(again.out).equals(readFileSync(run.out))).toBe(true);
  });
});

describe('npm run teams:package, settings', () => {
  it('uses POLICY_DESK_TEAMS_APP_ID for the app and the developer name and pages the council gives', () => {
    const run = runPackager({
      MicrosoftAppId: BOT_ID,
      POLICY_DESK_TEAMS_APP_ID: APP_ID,
      POLICY_DESK_TEAMS_DEVELOPER_NAME: 'Dacorum Borough Council',
      POLICY_DESK_TEAMS_WEBSITE_URL: 'https://www.dacorum.gov.uk/',
      POLICY_DESK_TEAMS_PRIVACY_URL: 'https://www.dacorum.gov.uk/privacy',
      POLICY_DESK_TEAMS_TERMS_URL: 'https://www.dacorum.gov.uk/policy-desk/terms',
    });
    const manifest = manifestOf(entriesOf(run));
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.developer).toEqual({
      name: 'Dacorum Borough Council',
      websiteUrl: 'https://www.dacorum.gov.uk/',
      privacyUrl: 'https://www.dacorum.gov.uk/privacy',
      termsOfUseUrl: 'https://www.dacorum.gov.uk/policy-desk/terms',
    });
    expect(manifest.validDomains).toEqual([]);
  });

  it('writes dist/teams/policy-desk-teams.zip when no --out is given', () => {
    const run = runPackager({ MicrosoftAppId: BOT_ID }, [], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(join('dist', 'teams', 'policy-desk-teams.zip'));
    const manifest = manifestOf(new Map(readZip(readFileSync(join(root, 'dist', 'teams', 'policy-desk-teams.zip'))).map((entry) => [entry.name, entry])));
    expect(manifest.bots[0].botId).toBe(BOT_ID);
  });
});

describe('npm run teams:package, bad settings and arguments', () => {
  const good = { MicrosoftAppId: BOT_ID };
  it.each([
    ['no MicrosoftAppId', {}, [], /MicrosoftAppId is not set/],
    ['an empty MicrosoftAppId', { MicrosoftAppId: ' ' }, [], /MicrosoftAppId is set but empty/],
    ['a MicrosoftAppId that is not a GUID', { MicrosoftAppId: 'policy-desk-bot-Zq8~secretish' }, [], /MicrosoftAppId must be a GUID/],
    ['a POLICY_DESK_TEAMS_APP_ID that is not a GUID', { ...good, POLICY_DESK_TEAMS_APP_ID: '1234' }, [], /POLICY_DESK_TEAMS_APP_ID must be a GUID/],
    ['a privacy URL over http', { ...good, POLICY_DESK_TEAMS_PRIVACY_URL: 'http://www.dacorum.gov.uk/privacy' }, [], /POLICY_DESK_TEAMS_PRIVACY_URL must be an https:\/\/ URL/],
    ['a website URL that is not a URL', { ...good, POLICY_DESK_TEAMS_WEBSITE_URL: 'dacorum council' }, [], /POLICY_DESK_TEAMS_WEBSITE_URL must be an https:\/\/ URL/],
    ['an empty terms URL', { ...good, POLICY_DESK_TEAMS_TERMS_URL: '' }, [], /POLICY_DESK_TEAMS_TERMS_URL is set but empty/],
    ['a domain given as a URL', { ...good, POLICY_DESK_TEAMS_DOMAIN: 'https://policy-desk.example.gov.uk/' }, [], /POLICY_DESK_TEAMS_DOMAIN must be a host name/],
    ['a developer name over 32 characters', { ...good, POLICY_DESK_TEAMS_DEVELOPER_NAME: 'The Borough Council of Somewhere Quite Long' }, [], /POLICY_DESK_TEAMS_DEVELOPER_NAME is 43 characters: Teams allows 32/],
    ['an unknown option', good, ['--colour', 'red'], /Unknown option '--colour'.*usage: npm run teams:package/],
    ['a stray argument', good, ['package.zip'], /unexpected argument; usage: npm run teams:package/],
    ['--out with no file', good, ['--out'], /--out.*argument missing/],
  ] as const)('refuses %s: one line on stderr, exit 2, no zip', (_name, env, extra, message) => {
    const run = runPackager(env, ['--out', '<out>', ...extra]);
    expectOneLineError(run, message);
    expect(run.stderr).not.toContain(PASSWORD);
    expect(run.stderr).not.toContain('secretish');
    expect(existsSync(run.out)).toBe(false);
    expect(readdirSync(run.cwd)).toEqual([]);
  });

  it('says in one line when it cannot write where --out points, leaving nothing behind', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'policy-desk-teams-'));
    writeFileSync(join(cwd, 'not-a-folder'), '');
    const run = runPackager(good, ['--out', join('not-a-folder', 'package.zip')], cwd);
    expectOneLineError(run, /cannot write .*not-a-folder.*package\.zip \(ENOTDIR\): give another --out/);
    expect(readdirSync(cwd)).toEqual(['not-a-folder']);
  });
});
