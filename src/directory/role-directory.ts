import type { DirectoryFile } from './directory-schema.js';

export type ChannelName = 'console' | 'slack' | 'teams';

export interface Person {
  id: string;
  name: string;
  email?: string | undefined;
  slack?: string | undefined;
  teams?: string | undefined;
  lineManagerId?: string | undefined;
  serviceId?: string | undefined;
  isCouncillor: boolean;
}

export interface RoleHolders {
  people: Person[];
  alternate?: Person | undefined;
}

export interface Service {
  id: string;
  name: string;
}

/** Who holds which role in one council, and how to reach them: edited by the council, never in code. */
export interface RoleDirectory {
  councilId: string;
  commsChannel?: { name: string; slack?: string | undefined; teams?: string | undefined } | undefined;
  people: ReadonlyMap<string, Person>;
  /** The services named under per-service roles, for the form's service question. */
  services: Service[];
  holdersOf(roleId: string, serviceId?: string): RoleHolders;
  /** The roles a person holds ("service-group-manager for Countryside"), including as an alternate. */
  rolesOf(personId: string): { roleId: string; serviceName?: string | undefined; asAlternate: boolean }[];
  /** The person a chat user is, if the directory lists them. */
  findByIdentity(channel: ChannelName, userId: string): Person | undefined;
}

export function toRoleDirectory(file: DirectoryFile): RoleDirectory {
  const people = new Map<string, Person>(
    Object.entries(file.people).map(([id, entry]) => [
      id,
      { id, name: entry.name, email: entry.email, slack: entry.slack, teams: entry.teams, lineManagerId: entry.line_manager, serviceId: entry.service, isCouncillor: entry.councillor },
    ]),
  );
  const resolve = (holders: { people: string[]; alternate?: string | undefined } | undefined): RoleHolders => ({
    people: (holders?.people ?? []).flatMap((id) => people.get(id) ?? []),
    alternate: holders?.alternate === undefined ? undefined : people.get(holders.alternate),
  });
  const services = new Map<string, Service>();
  for (const assignment of Object.values(file.roles)) {
    if ('by_service' in assignment) {
      for (const [id, entry] of Object.entries(assignment.by_service)) services.set(id, { id, name: entry.name });
    }
  }
  return {
    councilId: file.council,
    commsChannel: file.comms_channel,
    people,
    services: [...services.values()],
    holdersOf(roleId, serviceId) {
      const assignment = file.roles[roleId];
      if (!assignment) return { people: [] };
      if (!('by_service' in assignment)) return resolve(assignment);
      const forService = serviceId === undefined ? undefined : assignment.by_service[serviceId];
      return resolve(forService ?? assignment.default);
    },
    rolesOf(personId) {
      return Object.entries(file.roles).flatMap(([roleId, assignment]) => {
        const holderSets =
          'by_service' in assignment
            ? [...Object.values(assignment.by_service), ...(assignment.default ? [{ ...assignment.default, name: 'any other service' }] : [])]
            : [{ ...assignment, name: undefined }];
        return holderSets.flatMap((holders) => [
          ...(holders.people.includes(personId) ? [{ roleId, serviceName: holders.name, asAlternate: false }] : []),
          ...(holders.alternate === personId ? [{ roleId, serviceName: holders.name, asAlternate: true }] : []),
        ]);
      });
    },
    findByIdentity(channel, userId) {
      if (channel === 'console') return people.get(userId);
      return [...people.values()].find((person) => person[channel] === userId);
    },
  };
}

/** A directory with nobody in it, for a council that has not written one yet: requests still start, and the requester is told nobody can approve. */
export function emptyRoleDirectory(councilId: string): RoleDirectory {
  return toRoleDirectory({ council: councilId, people: {}, roles: {} });
}
