import type { FormInput } from '../forms/advance-form.js';
import { findFieldByName } from '../forms/advance-form.js';
import type { FormDefinition } from '../policies/business-case.js';

export type FormCommand = FormInput | { kind: 'cancel' } | { kind: 'help' } | { kind: 'my-requests' };

const COMMANDS: [RegExp, FormCommand][] = [
  [/^(cancel|stop|quit|abort|exit|never ?mind|forget it|scrap|discard)( (it|this|that|the form|the request|my request|please|pls))?$/, { kind: 'cancel' }],
  [/^(back|go back|bk|previous|previous question|previous one|undo|undo that|go back a step|last question)( please| pls)?$/, { kind: 'back' }],
  [/^(skip|pass|skip (it|this|this one|this question))( please| pls)?$/, { kind: 'skip' }],
  [/^(help|commands|\?)$/, { kind: 'help' }],
  [/^(edit|change|edit answers|change an answer|change my answers?|edit my answers?)$/, { kind: 'edit' }],
  [/^(submit|send|send it|submit it|done)( please| pls)?$/, { kind: 'submit' }],
  [/^(status|my requests)$/, { kind: 'my-requests' }],
];

/**
 * Reads a message typed inside a form as a command only when it is one plainly. The intent model is not
 * asked here: a short answer ("Sue Patel", "not yet") must never be taken as cancel and lose a draft.
 */
export function readFormCommand(text: string, form?: FormDefinition): FormCommand | undefined {
  const simple = text.toLowerCase().replace(/[^a-z0-9? ]+/g, ' ').replace(/\s+/g, ' ').trim();
  const command = COMMANDS.find(([pattern]) => pattern.test(simple));
  if (command) return command[1];
  const edit = /^(?:edit|change|fix|amend)\s+(?:the\s+|my\s+)?(.+?)(?:\s+answer)?$/.exec(simple);
  if (edit && form) {
    const field = findFieldByName(form, edit[1]!);
    if (field) return { kind: 'edit', fieldId: field.id };
  }
  return undefined;
}
