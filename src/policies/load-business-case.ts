import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyDeskError } from '../errors.js';
import { TESTS_BY_FIELD_TYPE, toBusinessCase, toCriterionTest, type BusinessCase } from './business-case.js';
import { businessCaseFileSchema } from './business-case-schema.js';
import { readYamlFile } from './read-yaml-file.js';

export const BUSINESS_CASE_FILE = 'business-case.yaml';

/**
 * Loads a pack's business case, if it has one, checking that every clause, role and field it names exists,
 * so a typo stops the pack at load rather than a request half-way through approval.
 */
export function loadBusinessCase(
  packDirectory: string,
  displayPath: string,
  clauseIds: ReadonlySet<string>,
  roleIds: ReadonlySet<string>,
): BusinessCase | undefined {
  const path = join(packDirectory, BUSINESS_CASE_FILE);
  if (!existsSync(path)) return undefined;
  const file = readYamlFile(path, displayPath, businessCaseFileSchema);
  const problem = (at: (string | number)[], message: string) =>
    new PolicyDeskError('PACK_INVALID', `${displayPath}:${file.lineOf(at)}: ${at.join('.')}: ${message}`);
  const requireClause = (at: (string | number)[], clauseId: string | undefined) => {
    if (clauseId !== undefined && !clauseIds.has(clauseId)) throw problem(at, `"${clauseId}" is not a clause id in clauses.yaml`);
  };
  const requireRole = (at: (string | number)[], roleId: string) => {
    if (!roleIds.has(roleId)) throw problem(at, `"${roleId}" is not one of the roles in pack.yaml`);
  };

  const { form, workflow } = file.data;
  requireClause(['form', 'clause'], form.clause);
  const fieldsById = new Map(form.fields.map((field) => [field.id, field]));
  const labels = new Set<string>();
  form.fields.forEach((field, index) => {
    const at = ['form', 'fields', index];
    if (fieldsById.get(field.id) !== field) throw problem([...at, 'id'], `"${field.id}" is used twice`);
    const label = field.label.toLowerCase();
    if (labels.has(label)) throw problem([...at, 'label'], `"${field.label}" is used twice: "edit <label>" must pick one field`);
    labels.add(label);
    requireClause([...at, 'clause'], field.clause);
    if (field.differs_from !== undefined) {
      const other = fieldsById.get(field.differs_from);
      if (!other || other === field || other.type !== 'person') {
        throw problem([...at, 'differs_from'], `"${field.differs_from}" is not another person field in this form`);
      }
    }
  });
  form.criteria.forEach((criterion, index) => {
    const at = ['form', 'criteria', index];
    requireClause([...at, 'clause'], criterion.clause);
    const field = fieldsById.get(criterion.field);
    if (!field) throw problem([...at, 'field'], `"${criterion.field}" is not a field in this form`);
    const test = toCriterionTest(criterion);
    if (!TESTS_BY_FIELD_TYPE[test.kind].includes(field.type)) {
      throw problem([...at, 'field'], `a ${test.kind} test cannot check a ${field.type} field`);
    }
  });
  workflow.stages.forEach((stage, index) => {
    const at = ['workflow', 'stages', index];
    requireClause([...at, 'clause'], stage.clause);
    stage.approvers.forEach((approver, position) => requireRole([...at, 'approvers', position, 'role'], approver.role));
    if (stage.approvers.some((approver) => approver.per_service) && !form.fields.some((field) => field.type === 'service')) {
      throw problem([...at, 'approvers'], 'a per-service approver needs a field of type "service" in the form');
    }
  });
  requireRole(['workflow', 'notify_role'], workflow.notify_role);
  workflow.after_approval.forEach((followUp, index) => {
    requireRole(['workflow', 'after_approval', index, 'role'], followUp.role);
    requireClause(['workflow', 'after_approval', index, 'clause'], followUp.clause);
  });
  return toBusinessCase(file.data);
}
