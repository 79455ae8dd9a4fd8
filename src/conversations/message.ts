/**
 * The neutral message model: everything the core says is one of these, and each channel (Slack Block Kit,
 * Teams Adaptive Cards, the terminal) renders it. Text is plain: renderers escape it for their markup.
 */
export type MessagePart =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  /** Small print under the main content: sources, hints, "asked by". */
  | { kind: 'note'; text: string }
  /** A warning the reader must not miss (pre-election period, unmet criteria). */
  | { kind: 'warning'; text: string }
  | { kind: 'clause'; council: string; section: string; heading: string; context?: string | undefined; text: string }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'buttons'; buttons: Button[] };

export interface Button {
  /** A stable id shared with the channel manifests (see action-ids.ts). */
  actionId: string;
  label: string;
  /** An opaque token the core issued; a press carries it back. */
  value: string;
  style?: 'primary' | 'danger' | undefined;
}

export interface Message {
  /** One line for notifications and screen readers. */
  summary: string;
  parts: MessagePart[];
}

/**
 * A whole form shown at once (Slack's modal; a card with inputs), for channels that can: its answers come
 * back in one `form` turn and are checked exactly as typed answers are. Elsewhere the form is a conversation.
 */
export interface FormView {
  /** Which form, carried back with the answers. */
  formId: string;
  title: string;
  intro?: string | undefined;
  submitLabel: string;
  fields: FormViewField[];
}

export interface FormViewField {
  id: string;
  label: string;
  hint?: string | undefined;
  /** Choices are picked from a list; the rest are typed (numbers too, so "about 2,000" can be read). */
  kind: 'text' | 'long-text' | 'choice';
  required: boolean;
  maxLength: number;
  choices?: { id: string; label: string }[] | undefined;
  /** An earlier answer (a draft being finished), as the person would type it. */
  initial?: string | undefined;
}

/** What a user sees when their turn failed on our side: the details go to the log, never to them. */
export const APOLOGY: Message = { summary: 'Sorry', parts: [{ kind: 'text', text: 'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.' }] };

export function textMessage(text: string, ...notes: string[]): Message {
  return { summary: text, parts: [{ kind: 'text', text }, ...notes.map((note) => ({ kind: 'note' as const, text: note }))] };
}

export function buttonsOf(message: Message): Button[] {
  return message.parts.flatMap((part) => (part.kind === 'buttons' ? part.buttons : []));
}
