import type { Service } from '../directory/role-directory.js';
import type { FormField } from '../policies/business-case.js';

/** A stored answer: the canonical value checks run on, and what the summary shows. */
export interface FieldAnswer {
  value: string;
  display: string;
}

export type ReadAnswerResult = { ok: true; answer: FieldAnswer } | { ok: false; problem: string };

const YES = new Set(['yes', 'y', 'yeah', 'yep', 'yup', 'true', 'ok', 'okay', 'sure', 'definitely', 'of course', 'we will', 'will do']);
const NO = new Set(['no', 'n', 'nope', 'nah', 'false', 'we will not', 'we wont', 'not really']);

/**
 * Reads one typed answer against its field's rules. `otherAnswers` lets a person field differ from another
 * (a deputy who is not the manager); `services` are the directory's services for a service field.
 */
export function readFieldAnswer(
  field: FormField,
  text: string,
  otherAnswers: Readonly<Record<string, FieldAnswer | null>>,
  services: readonly Service[],
): ReadAnswerResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: `Please give an answer for “${field.label}”.` };
  if (trimmed.length > field.maxLength) {
    return { ok: false, problem: `That is ${trimmed.length} characters; “${field.label}” takes at most ${field.maxLength}. Please shorten it.` };
  }
  switch (field.type) {
    case 'text':
    case 'long-text':
      if (field.minLength !== undefined && trimmed.length < field.minLength) {
        return { ok: false, problem: `Please say a little more for “${field.label}” (at least ${field.minLength} characters).` };
      }
      return accept(field.type === 'text' ? trimmed.replace(/\s+/g, ' ') : trimmed);
    case 'choice':
      return readChoice(field, trimmed);
    case 'number':
      return readNumber(field, trimmed);
    case 'yes-no':
      return readYesNo(trimmed);
    case 'person':
      return readPerson(field, trimmed, otherAnswers);
    case 'service':
      return readService(trimmed, services);
  }
}

function accept(value: string, display = value): ReadAnswerResult {
  return { ok: true, answer: { value, display } };
}

const simplify = (text: string) => text.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();

/** Matches a choice by number, by name or by a part of it ("twitter" for "X/Twitter"), or by a unique start. */
export function matchChoice(choices: readonly string[], text: string): string | undefined {
  const wanted = simplify(text);
  if (/^\d+$/.test(wanted)) return choices[Number(wanted) - 1];
  const exact = choices.find(
    (choice) => simplify(choice) === wanted || choice.split('/').some((part) => simplify(part) === wanted),
  );
  if (exact) return exact;
  if (wanted.length < 2) return undefined;
  const starting = choices.filter((choice) => simplify(choice).split(' ').some((word) => word.startsWith(wanted)) || simplify(choice).startsWith(wanted));
  return starting.length === 1 ? starting[0] : undefined;
}

function readChoice(field: FormField, text: string): ReadAnswerResult {
  const choices = field.choices ?? [];
  const labels = choices.map((choice) => choice.label);
  const label = matchChoice(labels, text);
  const choice = choices.find((candidate) => candidate.label === label);
  if (choice) return accept(choice.id, choice.label);
  return { ok: false, problem: `Please pick one of: ${labels.join(', ')}.` };
}

function readNumber(field: FormField, text: string): ReadAnswerResult {
  const numbers = text.replace(/(\d),(\d{3})/g, '$1$2').match(/-?\d+(\.\d+)?/g) ?? [];
  if (numbers.length !== 1) {
    return { ok: false, problem: `Please answer “${field.label}” with a single number${field.unit ? ` of ${field.unit}` : ''}.` };
  }
  const value = Number(numbers[0]);
  if (field.min !== undefined && value < field.min) return { ok: false, problem: `“${field.label}” must be at least ${field.min}.` };
  if (field.max !== undefined && value > field.max) return { ok: false, problem: `“${field.label}” must be at most ${field.max}.` };
  return accept(String(value), field.unit ? `${value} ${field.unit}` : String(value));
}

function readYesNo(text: string): ReadAnswerResult {
  const wanted = simplify(text).replace(/ (please|thanks|thank you)$/, '');
  if (YES.has(wanted)) return accept('yes', 'Yes');
  if (NO.has(wanted)) return accept('no', 'No');
  return { ok: false, problem: 'Please answer yes or no.' };
}

function readPerson(
  field: FormField,
  text: string,
  otherAnswers: Readonly<Record<string, FieldAnswer | null>>,
): ReadAnswerResult {
  const name = text.replace(/\s+/g, ' ');
  if (!/\p{L}/u.test(name) || name.length < 2) return { ok: false, problem: `Please give the name of the person for “${field.label}”.` };
  const other = field.differsFrom === undefined ? undefined : otherAnswers[field.differsFrom];
  if (other && simplify(other.value) === simplify(name)) {
    return { ok: false, problem: `“${field.label}” must be someone other than ${other.display}, so that the account is covered when they are away.` };
  }
  return accept(name);
}

function readService(text: string, services: readonly Service[]): ReadAnswerResult {
  const named = matchChoice(services.map((service) => service.name), text);
  const service = services.find((candidate) => candidate.name === named || candidate.id === simplify(text).replace(/ /g, '-'));
  if (service) return accept(service.id, service.name);
  return accept(`other:${text.replace(/\s+/g, ' ')}`, text.replace(/\s+/g, ' '));
}

/** The directory's service id behind a service answer, or undefined for a service the directory does not list. */
export function serviceIdOf(answer: FieldAnswer | null | undefined): string | undefined {
  return answer && !answer.value.startsWith('other:') ? answer.value : undefined;
}
