import type { Person, RoleDirectory } from '../directory/role-directory.js';
import { serviceIdOf } from '../forms/read-field-answer.js';
import type { BusinessCase } from '../policies/business-case.js';
import type { PolicyPack } from '../policies/policy-pack.js';
import type { AccountRequest } from './account-request.js';

/** One approver role in a stage, with the people the directory says hold it for this request's service. */
export interface StageSlot {
  roleId: string;
  roleTitle: string;
  holders: Person[];
  alternate?: Person | undefined;
}

export function resolveStageSlots(
  pack: PolicyPack,
  businessCase: BusinessCase,
  request: AccountRequest,
  directory: RoleDirectory,
  stageIndex = request.stageIndex,
): StageSlot[] {
  const stage = businessCase.stages[stageIndex];
  if (!stage) return [];
  const serviceField = businessCase.fields.find((field) => field.type === 'service');
  const serviceId = serviceField ? serviceIdOf(request.progress.answers[serviceField.id]) : undefined;
  return stage.approvers.map((slot) => {
    const holders = directory.holdersOf(slot.roleId, slot.perService ? serviceId : undefined);
    return {
      roleId: slot.roleId,
      roleTitle: pack.roles.get(slot.roleId)?.title ?? slot.roleId,
      holders: holders.people,
      alternate: holders.alternate,
    };
  });
}
