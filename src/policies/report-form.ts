import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PolicyDeskError } from '../errors.js';
import { REPORT_CATEGORIES, REPORTER_ROLES } from '../reports/report-categories.js';
import { toFormField, type FormDefinition, type FormField } from './business-case.js';
import { readYamlFile } from './read-yaml-file.js';
import { reportFormFileSchema } from './report-form-schema.js';

export const REPORT_FORM_FILE = 'report-form.yaml';

/** The field ids code reads answers from; everything else about the questions is data. */
export const REPORT_FIELDS = {
  category: 'category',
  reporterRole: 'reporter-role',
  urgency: 'urgency',
  whatHappened: 'what-happened',
  personConcerned: 'person-concerned',
  anonymous: 'anonymous',
} as const;

export interface ReportForm extends FormDefinition {
  title: string;
  intro: string;
  danger: string;
  emergencyUrgency: string;
  anonymity: string;
  outcomes: { id: string; label: string }[];
}

/** Loads the shared report questions, checking the fields code depends on are there with the choices it reads. */
export function loadReportForm(policiesDirectory: string): ReportForm | undefined {
  const path = join(policiesDirectory, REPORT_FORM_FILE);
  if (!existsSync(path)) return undefined;
  const display = join('policies', REPORT_FORM_FILE);
  const file = readYamlFile(path, display, reportFormFileSchema);
  const fields = file.data.fields.map(toFormField);
  const problem = (message: string) => new PolicyDeskError('PACK_INVALID', `${display}: ${message}`);
  const requireField = (id: string, type: FormField['type'], choiceIds?: readonly string[]) => {
    const field = fields.find((candidate) => candidate.id === id);
    if (!field || field.type !== type) throw problem(`needs a "${type}" field with id "${id}"`);
    const ids = (field.choices ?? []).map((choice) => choice.id).sort();
    if (choiceIds && ids.join() !== [...choiceIds].sort().join()) {
      throw problem(`the choices of "${id}" must have exactly these ids: ${choiceIds.join(', ')}`);
    }
    return field;
  };
  requireField(REPORT_FIELDS.category, 'choice', REPORT_CATEGORIES);
  requireField(REPORT_FIELDS.reporterRole, 'choice', REPORTER_ROLES);
  const urgency = requireField(REPORT_FIELDS.urgency, 'choice');
  if (!urgency.choices?.some((choice) => choice.id === file.data.emergency_urgency)) {
    throw problem(`emergency_urgency "${file.data.emergency_urgency}" is not one of the urgency choices`);
  }
  requireField(REPORT_FIELDS.whatHappened, 'long-text');
  requireField(REPORT_FIELDS.anonymous, 'yes-no');
  if (new Set(fields.map((field) => field.id)).size !== fields.length) throw problem('a field id is used twice');
  return {
    title: file.data.title,
    intro: file.data.intro,
    danger: file.data.danger,
    emergencyUrgency: file.data.emergency_urgency,
    anonymity: file.data.anonymity,
    outcomes: file.data.outcomes,
    fields,
    criteria: [],
  };
}
