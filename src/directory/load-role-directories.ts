import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PolicyDeskError } from '../errors.js';
import type { PolicyPack } from '../policies/policy-pack.js';
import { readYamlFile } from '../policies/read-yaml-file.js';
import { directoryFileSchema } from './directory-schema.js';
import { toRoleDirectory, type RoleDirectory } from './role-directory.js';

/**
 * Reads `<council>.yaml` for every council in the folder. Each file is checked against its pack: a role the
 * pack does not define, or a person the file does not list, stops start-up with the file and line.
 */
export function loadRoleDirectories(
  directoryFolder: string,
  packs: ReadonlyMap<string, PolicyPack>,
  displayRoot: string,
): Map<string, RoleDirectory> {
  if (!existsSync(directoryFolder)) {
    throw new PolicyDeskError('INVALID_CONFIG', `role directory folder not found: ${directoryFolder}`);
  }
  const directories = new Map<string, RoleDirectory>();
  const files = readdirSync(directoryFolder).filter((name) => name.endsWith('.yaml')).sort();
  for (const name of files) {
    const path = join(directoryFolder, name);
    const display = relative(displayRoot, path) || name;
    const file = readYamlFile(path, display, directoryFileSchema);
    const problem = (at: (string | number)[], message: string) =>
      new PolicyDeskError('INVALID_CONFIG', `${display}:${file.lineOf(at)}: ${at.join('.')}: ${message}`);
    const { council, people, roles } = file.data;
    if (`${council}.yaml` !== name) throw problem(['council'], `must match the file name "${name}"`);
    const pack = packs.get(council);
    if (!pack) continue; // the council's pack is broken or absent; its own error is reported where packs load
    const requirePerson = (at: (string | number)[], personId: string | undefined) => {
      if (personId !== undefined && !(personId in people)) throw problem(at, `"${personId}" is not one of the people`);
    };
    for (const [personId, person] of Object.entries(people)) {
      requirePerson(['people', personId, 'line_manager'], person.line_manager);
    }
    for (const [roleId, assignment] of Object.entries(roles)) {
      if (!pack.roles.has(roleId)) throw problem(['roles', roleId], `"${roleId}" is not one of the roles in ${council}'s pack.yaml`);
      const holderSets =
        'by_service' in assignment
          ? [
              ...Object.entries(assignment.by_service).map(([service, holders]) => ({ at: ['roles', roleId, 'by_service', service], holders })),
              ...(assignment.default ? [{ at: ['roles', roleId, 'default'], holders: assignment.default }] : []),
            ]
          : [{ at: ['roles', roleId], holders: assignment }];
      for (const { at, holders } of holderSets) {
        holders.people.forEach((personId, index) => requirePerson([...at, 'people', index], personId));
        requirePerson([...at, 'alternate'], holders.alternate);
      }
    }
    directories.set(council, toRoleDirectory(file.data));
  }
  return directories;
}
