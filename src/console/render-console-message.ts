import type { Button, Message, MessagePart } from '../conversations/message.js';

const WIDTH = 88;

function wrapText(text: string, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > WIDTH) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(indent + line);
  }
  return lines;
}

function renderPart(part: MessagePart, firstButtonNumber: number): string[] {
  switch (part.kind) {
    case 'heading':
      return wrapText(`# ${part.text}`, '  ');
    case 'text':
      return wrapText(part.text, '  ');
    case 'note':
      return wrapText(part.text, '    ');
    case 'warning':
      return wrapText(`! ${part.text}`, '  ');
    case 'clause':
      return [
        ...wrapText(part.heading, '  '),
        ...(part.context ? wrapText(part.context, '  | ') : []),
        ...wrapText(`“${part.text}”`, '  | '),
      ];
    case 'fields':
      return part.fields.flatMap((field) => wrapText(`${field.label}: ${field.value}`, '    ').map((line, index) => (index === 0 ? `  - ${line.slice(4)}` : line)));
    case 'buttons':
      return wrapText(part.buttons.map((button, index) => `[${firstButtonNumber + index}] ${button.label}`).join('   '), '  ');
  }
}

/**
 * A neutral message as terminal text. Buttons are numbered from `firstButtonNumber`, and pressed
 * with /press <n>; the renderer returns them in that order.
 */
export function renderConsoleMessage(message: Message, firstButtonNumber = 1): { lines: string[]; buttons: Button[] } {
  const lines: string[] = [];
  const buttons: Button[] = [];
  for (const part of message.parts) {
    lines.push(...renderPart(part, firstButtonNumber + buttons.length));
    if (part.kind === 'buttons') buttons.push(...part.buttons);
  }
  return { lines, buttons };
}
