import type { types } from '@slack/bolt';
import type { FormView, FormViewField } from '../conversations/message.js';
import { MODAL_LIMITS } from './block-kit-limits.js';
import { shortenTo, splitToFit } from '../text/fit-text.js';
import { escapeMrkdwn } from './render-block-kit.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

/** The callback id every Policy Desk form modal carries; the form's own id travels in private_metadata. */
export const FORM_MODAL_CALLBACK_ID = 'policy_desk.form';
/** Each input's action id; the block id is the field id. */
const VALUE_ACTION_ID = 'value';

/** A whole form as a Slack modal (views.open), one input block per field, within Slack's modal limits. */
export function renderSlackModal(view: FormView): ModalView {
  const intro = view.intro
    ? splitToFit(view.intro.trim(), (chunk) => escapeMrkdwn(chunk).length <= MODAL_LIMITS.sectionText).map(
        (chunk): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(chunk) } }),
      )
    : [];
  const inputs = view.fields.map(inputBlock);
  return {
    type: 'modal',
    callback_id: FORM_MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({ formId: view.formId }),
    title: plain(view.title, MODAL_LIMITS.titleText),
    submit: plain(view.submitLabel, MODAL_LIMITS.titleText),
    close: plain('Cancel', MODAL_LIMITS.titleText),
    // The inputs always fit; the introduction gives way if a form were ever that long.
    blocks: [...intro.slice(0, Math.max(0, MODAL_LIMITS.blocksPerView - inputs.length)), ...inputs],
  };
}

function plain(text: string, max: number) {
  return { type: 'plain_text' as const, text: shortenTo(text, max) };
}

function inputBlock(field: FormViewField): KnownBlock {
  return {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, MODAL_LIMITS.inputLabel),
    hint: field.hint ? plain(field.hint, MODAL_LIMITS.inputHint) : undefined,
    element: inputElement(field),
  };
}

/** A list to pick from for choices; a text box (one line or several) for the rest. */
function inputElement(field: FormViewField): types.StaticSelect | types.PlainTextInput {
  if (field.kind === 'choice' && field.choices && field.choices.length > 0) {
    const options = field.choices.slice(0, MODAL_LIMITS.selectOptions).map((choice) => ({ text: plain(choice.label, MODAL_LIMITS.optionText), value: choice.id }));
    const initial = options.find((option) => option.value === field.initial);
    return { type: 'static_select', action_id: VALUE_ACTION_ID, options, ...(initial ? { initial_option: initial } : {}) };
  }
  const maxLength = Math.min(field.maxLength, MODAL_LIMITS.plainTextInput);
  return {
    type: 'plain_text_input',
    action_id: VALUE_ACTION_ID,
    multiline: field.kind === 'long-text',
    max_length: maxLength,
    ...(field.initial ? { initial_value: field.initial.slice(0, maxLength) } : {}),
  };
}

/** What a submitted modal holds: the form id from private_metadata and each block's answer, as text. */
export function readModalSubmission(view: { private_metadata?: string; state?: { values?: Record<string, Record<string, unknown>> } }): { formId: string; answers: Record<string, string> } | undefined {
  let formId: unknown;
  try {
    formId = (JSON.parse(view.private_metadata ?? '') as { formId?: unknown }).formId;
  } catch {
    return undefined;
  }
  if (typeof formId !== 'string') return undefined;
  const answers: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(view.state?.values ?? {})) {
    const input = actions[VALUE_ACTION_ID] as { value?: unknown; selected_option?: { value?: unknown } | null } | undefined;
    const answer = input?.selected_option?.value ?? input?.value;
    if (typeof answer === 'string') answers[blockId] = answer;
  }
  return { formId, answers };
}

/** Slack's modal errors: one short line per field's block, as response_action "errors" shows them. */
export function modalErrors(problems: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([fieldId, problem]) => [fieldId, shortenTo(problem, MODAL_LIMITS.errorText)]));
}
