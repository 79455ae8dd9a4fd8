import { describe, expect, it } from 'vitest';
import { buttonsOf, type Button, type Message } from '../../src/conversations/message.js';
import { findBlockKitViolations } from '../../src/slack/block-kit-limits.js';
import { coreActionId, renderBlockKit } from '../../src/slack/render-block-kit.js';
import { harnessesClosedAfterEach, type ConversationHarness } from '../support/conversation-harness.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';

type Payload = ReturnType<typeof renderBlockKit>;
/** Rendered blocks, read loosely: the assertions check their shape. */
type Json = Record<string, any>;

/** Renders a message and insists Slack would take it. */
function render(message: Message): Payload {
  const payload = renderBlockKit(message);
  expect(findBlockKitViolations(payload)).toEqual([]);
  return payload;
}

/** What the real core replies to someone typing or pressing, as Message objects (the harness's `say` only gives text). */
function repliesTo(chat: ConversationHarness, personId: string, input: string | Button): Message[] {
  const name = chat.desk.directories.get(chat.councilId)?.people.get(personId)?.name ?? personId;
  const participant = { key: `console:${personId}`, name, personId, channel: 'console' as const };
  const turnInput = typeof input === 'string' ? { kind: 'text' as const, text: input } : { kind: 'button' as const, actionId: input.actionId, value: input.value };
  return chat.desk.core.handleTurn({ participant, councilId: chat.councilId, input: turnInput }).replies;
}

const blocksOf = (payload: Payload) => payload.blocks as Json[];
const ofType = (payload: Payload, type: string) => blocksOf(payload).filter((block) => block['type'] === type);
const sectionTexts = (payload: Payload): string[] => ofType(payload, 'section').flatMap((block) => (block['text'] ? [block['text'].text as string] : []));
const renderedButtons = (payload: Payload): Json[] => ofType(payload, 'actions').flatMap((block) => block['elements'] as Json[]);
const quoteSections = (payload: Payload) => sectionTexts(payload).filter((text) => text.startsWith('> '));

function expectSameButtons(payload: Payload, buttons: Button[]) {
  expect(buttons.length).toBeGreaterThan(0);
  // A repeated action id is numbered in Slack ("…#2"); pressed, it is read back as the core's id.
  expect(renderedButtons(payload).map((element) => [coreActionId(element['action_id']), element['value'], element['text'].text])).toEqual(
    buttons.map((button) => [button.actionId, button.value, button.label]),
  );
}

/** Undoes the quote markers and escaping, to compare with the plain text that went in. */
const unquote = (texts: string[]) => texts.map((text) => text.split('\n').map((line) => line.replace(/^> /, '')).join('\n'));
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('rendering real Dacorum messages as Block Kit', () => {
  const harness = harnessesClosedAfterEach('dacorum');

  it('quotes the clause that decides a policy answer, with the council and section first', () => {
    const chat = harness();
    const [answer] = repliesTo(chat, 'robin', 'can I post photos of residents?');
    const payload = render(answer!);
    expect(payload.text).toBe(answer!.summary);
    expect(blocksOf(payload)[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: expect.stringContaining('It depends') } });

    const [quoted] = quoteSections(payload);
    expect(quoted!.split('\n')[0]).toBe('> *Dacorum Borough Council, section 2.2(d)* · 2.2 Social media: business use vs personal use');
    expect(quoted!.split('\n').every((line) => line.startsWith('> '))).toBe(true);
    expect(quoted).toContain('> When using social media for business purposes employees should:');
    expect(quoted).toContain('written consent must be obtained if posting photographs of residents');
    expect(quoteSections(payload)[1]!.split('\n')[0]).toBe('> *Dacorum Borough Council, section 2.3* · Social media advice for staff in sensitive positions');
    expect(quoteSections(payload)).toHaveLength(2);

    expect(ofType(payload, 'section').flatMap((block) => block['fields'] ?? []).map((field: Json) => field['text'])).toEqual([
      '*Who to ask*\nCommunications team (communications@dacorum.gov.uk)',
    ]);
    expect(ofType(payload, 'context').map((block) => block['elements'][0].text)).toContain('Dacorum Borough Council, Social Media Policy (May 2016)');
  });

  it('renders every policy answer in a short table within the limits', () => {
    const chat = harness();
    for (const question of ['can i tweet about the election', 'can I like a political post from my own account?', 'what is the weather']) {
      for (const message of repliesTo(chat, 'robin', question)) render(message);
    }
  });

  it('gives a form question its choice buttons with the same action ids and tokens, never repeating an id in a row', () => {
    const chat = harness();
    const replies = repliesTo(chat, 'robin', 'we want an instagram page for countryside');
    const question = replies.find((message) => buttonsOf(message).length > 0)!;
    const payload = render(question);
    expectSameButtons(payload, buttonsOf(question));
    expect(blocksOf(payload)[0]).toMatchObject({ type: 'header', text: { text: '1 of 17: Service' } });
    // The three choices share one action id, which Slack refuses twice in one actions block.
    for (const block of ofType(payload, 'actions')) {
      const ids = (block['elements'] as Json[]).map((element) => element['action_id']);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const message of replies) render(message);
  });

  it('lays out the 17-answer summary as fields, ten to a section, and the edit list as 17 buttons', async () => {
    const chat = harness();
    await chat.say('robin', 'we want an instagram account for the countryside service');
    for (const [, answer] of DACORUM_ANSWERS.slice(0, -1)) await chat.say('robin', answer);
    const summary = repliesTo(chat, 'robin', DACORUM_ANSWERS.at(-1)![1]).find((message) => message.parts.some((part) => part.kind === 'fields'))!;
    const fields = summary.parts.flatMap((part) => (part.kind === 'fields' ? part.fields : []));
    expect(fields).toHaveLength(17);

    const payload = render(summary);
    const fieldSections = ofType(payload, 'section').filter((block) => block['fields']);
    expect(fieldSections.map((block) => block['fields'].length)).toEqual([10, 7]);
    const fieldTexts = fieldSections.flatMap((block) => block['fields'].map((field: Json) => field['text'] as string));
    expect(fieldTexts.map((text) => text.split('\n')[0])).toEqual(fields.map((field) => `*${field.label}*`));
    expect(fieldTexts).toContain('*Platform*\nInstagram');
    expectSameButtons(payload, buttonsOf(summary));

    const [editList] = repliesTo(chat, 'robin', 'edit');
    expect(buttonsOf(editList!)).toHaveLength(17);
    expectSameButtons(render(editList!), buttonsOf(editList!));
  });

  it('renders the approval card an approver gets, with Approve, Reject and Request changes', async () => {
    const chat = harness();
    await chat.say('robin', 'we want an instagram account for the countryside service');
    for (const [, answer] of DACORUM_ANSWERS) await chat.say('robin', answer);
    await chat.press('robin', 'Submit');
    const card = chat.delivered.find((entry) => entry.to === 'console:helen')!.item.message;
    const payload = render(card);
    expectSameButtons(payload, buttonsOf(card));
    expect(renderedButtons(payload).map((element) => element['text'].text)).toEqual(expect.arrayContaining(['Approve', 'Reject', 'Request changes']));
    expect(JSON.stringify(payload)).toContain('Instagram for Countryside');
    for (const entry of chat.delivered) render(entry.item.message);
  });
});

describe('rendering a real Cannock report case', () => {
  const harness = harnessesClosedAfterEach('cannock');
  const HOSTILE = 'He wrote <@U123> <!channel> <http://evil.example|click> & worse.';

  it('renders the reporter’s receipt and the officer’s case card, escaping what the reporter typed', async () => {
    const chat = harness();
    await chat.say('tariq', "I want to report threats I'm getting on twitter");
    for (const reply of ['1', '2', 'Nextdoor', 'https://x.example/post', 'last night', HOSTILE, 'Screenshots of the posts', 'skip']) await chat.say('tariq', reply);
    await chat.say('tariq', 'no');
    const receipt = repliesTo(chat, 'tariq', chat.findButton('tariq', 'Send report')!).find((message) => message.summary.startsWith('Report sent'))!;
    const receiptPayload = render(receipt);
    expect(quoteSections(receiptPayload)[0]).toMatch(/^> \*Cannock Chase Council, /);
    expectSameButtons(receiptPayload, buttonsOf(receipt));

    await chat.deliver();
    for (const entry of chat.delivered) render(entry.item.message);
    const officer = chat.delivered.find((entry) => entry.text.includes('Confidential report R-2026-0001'))!;
    const cardPayload = render(officer.item.message);
    expectSameButtons(cardPayload, buttonsOf(officer.item.message));

    const open = buttonsOf(officer.item.message).find((button) => button.label === 'Open case')!;
    const opened = repliesTo(chat, officer.to.slice('console:'.length), open);
    const caseText = opened.map((message) => JSON.stringify(render(message).blocks)).join(' ');
    expect(caseText).toContain('He wrote &lt;@U123&gt; &lt;!channel&gt; &lt;http://evil.example|click&gt; &amp; worse.');
    expect(caseText).not.toContain('<@U123>');
  });
});

describe('rendering edge cases', () => {
  const message = (...parts: Message['parts']): Message => ({ summary: 'Edge case', parts });
  const buttons = (count: number, actionId: (index: number) => string): Button[] =>
    Array.from({ length: count }, (_, index) => ({ actionId: actionId(index), label: `Option ${index + 1}`, value: `token-${index}` }));

  it('splits a 10,000-character clause into consecutive quote sections, each within 3,000, all the words in order', () => {
    const paragraphs = Array.from({ length: 25 }, (_, p) => Array.from({ length: 65 }, (_, w) => `w${p}x${w}`).join(' '));
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(10_000);
    const payload = render(message({ kind: 'clause', council: 'Testshire Council', section: '4.1', heading: 'Long clause', context: 'Staff must:', text }));
    const quoted = quoteSections(payload);
    expect(quoted.length).toBeGreaterThanOrEqual(4);
    expect(blocksOf(payload).every((block) => block['type'] === 'section')).toBe(true);
    for (const section of quoted) {
      expect(section.length).toBeLessThanOrEqual(3000);
      expect(section.split('\n').every((line) => line.startsWith('> '))).toBe(true);
    }
    expect(quoted[0]!.split('\n')[0]).toBe('> *Testshire Council, section 4.1* · Long clause');
    const body = unquote(quoted).join('\n').split('\n').slice(1).join('\n');
    expect(words(body)).toEqual(['Staff', 'must:', ...words(`“${text}”`)]);
  });

  it('splits text at paragraphs and lines before words, and inside a word only when the word alone is too long', () => {
    const line = 'a'.repeat(1_000);
    const payload = render(message({ kind: 'text', text: [line, line, line, line].join('\n') }));
    expect(sectionTexts(payload)).toEqual([`${line}\n${line}`, `${line}\n${line}`]);
    const word = 'x'.repeat(7_000);
    expect(sectionTexts(render(message({ kind: 'text', text: `short ${word}` }))).join('')).toBe(`short${word}`);
  });

  it('measures the escaped text, and never cuts an escape in two', () => {
    const payload = render(message({ kind: 'text', text: '&'.repeat(1_000) }));
    const texts = sectionTexts(payload);
    expect(texts.length).toBe(2);
    expect(texts.join('')).toBe('&amp;'.repeat(1_000));
  });

  it('puts 60 buttons in rows of 25 and keeps every one', () => {
    const all = buttons(60, (index) => `policy_desk.test_${index}`);
    const payload = render(message({ kind: 'text', text: 'Pick one' }, { kind: 'buttons', buttons: all }));
    expect(ofType(payload, 'actions').map((block) => block['elements'].length)).toEqual([25, 25, 10]);
    expectSameButtons(payload, all);
  });

  it('keeps the buttons and the first blocks when a message would need more than 50, and says how many were left out', () => {
    const notes = Array.from({ length: 60 }, (_, index) => ({ kind: 'note' as const, text: `Note ${index + 1}` }));
    const all = buttons(30, (index) => `policy_desk.test_${index}`);
    const payload = render(message({ kind: 'heading', text: 'Long' }, ...notes, { kind: 'buttons', buttons: all }, { kind: 'note', text: 'Footer' }));
    expect(payload.blocks).toHaveLength(50);
    expectSameButtons(payload, all);
    const contexts = ofType(payload, 'context').map((block) => block['elements'][0].text);
    // 64 blocks: heading, 60 notes, 2 rows of buttons, the footer; 49 kept (heading, 46 notes, the buttons), so 15 left out.
    expect(contexts.at(-1)).toBe('(shortened: 15 more parts not shown)');
    expect(contexts.at(-2)).toBe('Note 46');
    expect(contexts.slice(0, 3)).toEqual(['Note 1', 'Note 2', 'Note 3']);
    expect(blocksOf(payload).slice(-2).map((block) => block['type'])).toEqual(['actions', 'actions']);
  });

  it('puts 60 buttons that share an action id in rows of 25, numbering repeats so no row repeats an id', () => {
    const all = buttons(60, () => 'policy_desk.form_choice');
    const payload = render(message({ kind: 'heading', text: 'Choose' }, { kind: 'buttons', buttons: all }));
    const rows = ofType(payload, 'actions');
    expect(rows.map((row) => row['elements'].length)).toEqual([25, 25, 10]);
    for (const row of rows) {
      const ids = (row['elements'] as Json[]).map((element) => element['action_id'] as string);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => coreActionId(id) === 'policy_desk.form_choice')).toBe(true);
    }
    expect(findBlockKitViolations(payload)).toEqual([]);
  });

  it('splits 200 fields into sections of ten', () => {
    const fields = Array.from({ length: 200 }, (_, index) => ({ label: `Field ${index + 1}`, value: `Value ${index + 1}` }));
    const payload = render(message({ kind: 'fields', fields }));
    expect(payload.blocks).toHaveLength(20);
    expect(ofType(payload, 'section').every((block) => block['fields'].length === 10)).toBe(true);
    expect(blocksOf(payload)[19]!['fields'][9].text).toBe('*Field 200*\nValue 200');
  });

  it('continues a field value too long for one field in the next', () => {
    const value = Array.from({ length: 700 }, (_, index) => `v${index}`).join(' ');
    const payload = render(message({ kind: 'fields', fields: [{ label: 'Story', value }] }));
    const texts = blocksOf(payload).flatMap((block) => block['fields'].map((field: Json) => field['text'] as string));
    expect(texts.length).toBeGreaterThan(1);
    expect(texts[1]!.startsWith('*Story (continued)*\n')).toBe(true);
    expect(words(texts.map((text) => text.split('\n').slice(1).join('\n')).join(' '))).toEqual(words(value));
  });

  it('turns a heading over 150 characters into a bold section instead of cutting it', () => {
    const heading = `${'Long heading '.repeat(23)}end`;
    expect(heading.length).toBe(302);
    const payload = render(message({ kind: 'heading', text: heading }));
    expect(payload.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: `*${heading}*` } }]);
  });

  it('escapes mentions, links and ampersands in every kind of text, and in the notification line', () => {
    const hostile = 'Hi <@U123> <!channel> <http://evil|click> & co > all';
    const escaped = 'Hi &lt;@U123&gt; &lt;!channel&gt; &lt;http://evil|click&gt; &amp; co &gt; all';
    const payload = render({
      summary: hostile,
      parts: [
        { kind: 'text', text: hostile },
        { kind: 'note', text: hostile },
        { kind: 'warning', text: hostile },
        { kind: 'fields', fields: [{ label: hostile, value: hostile }] },
        { kind: 'clause', council: 'Testshire <!here>', section: '1', heading: hostile, context: hostile, text: hostile },
      ],
    });
    expect(payload.text).toBe(escaped);
    expect(sectionTexts(payload)[0]).toBe(escaped);
    expect(ofType(payload, 'context')[0]!['elements'][0].text).toBe(escaped);
    expect(sectionTexts(payload)[1]).toBe(`:warning: ${escaped}`);
    expect(ofType(payload, 'section')[2]!['fields'][0].text).toBe(`*${escaped}*\n${escaped}`);
    expect(quoteSections(payload)[0]).toBe(`> *Testshire &lt;!here&gt;, section 1* · ${escaped}\n> ${escaped}\n> “${escaped}”`);
    for (const text of [...sectionTexts(payload), payload.text]) expect(text).not.toMatch(/<[@!h]/);
  });

  it('shortens a 100-character button label with an ellipsis, and never its action id or token', () => {
    const label = 'A very long label '.repeat(6).slice(0, 100);
    const token = 't'.repeat(2_000);
    const payload = render(message({ kind: 'buttons', buttons: [{ actionId: 'policy_desk.approve', label, value: token, style: 'primary' }] }));
    const [element] = renderedButtons(payload);
    expect(element!['text'].text.length).toBeLessThanOrEqual(75);
    expect(element!['text'].text.endsWith('…')).toBe(true);
    expect(label.startsWith(element!['text'].text.slice(0, -1))).toBe(true);
    expect(element).toMatchObject({ action_id: 'policy_desk.approve', value: token, style: 'primary', text: { type: 'plain_text', emoji: true } });
  });

  it('throws, naming it, for an action id or a token over Slack’s limit', () => {
    const button = { actionId: `policy_desk.${'x'.repeat(250)}`, label: 'Go', value: 'token' };
    expect(() => renderBlockKit(message({ kind: 'buttons', buttons: [button] }))).toThrow(/action_id is 262 characters, over Slack's 255/);
    expect(() => renderBlockKit(message({ kind: 'buttons', buttons: [{ ...button, actionId: 'ok', value: 'v'.repeat(2_001) }] }))).toThrow(/value is 2001/);
  });

  it('keeps the notification line within 3,000 characters and leaves out empty parts', () => {
    const payload = render({ summary: `${'&'.repeat(500)} ${'word '.repeat(1_000)}`, parts: [{ kind: 'text', text: '  ' }, { kind: 'note', text: '' }, { kind: 'text', text: 'Body' }] });
    expect(payload.text.length).toBeLessThanOrEqual(3_000);
    expect(payload.text.startsWith(`${'&amp;'.repeat(500)} word word`)).toBe(true);
    expect(payload.text.endsWith('…')).toBe(true);
    expect(payload.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'Body' } }]);
  });
});

describe('findBlockKitViolations', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const button = (overrides: Json = {}) => ({ type: 'button', action_id: 'a', value: 'v', text: { type: 'plain_text', text: 'Go' }, ...overrides });

  it.each([
    ['more than 50 blocks', { blocks: Array.from({ length: 51 }, () => section('x')) }, 'the message has 51 blocks, over 50'],
    ['section text over 3,000', { blocks: [section('x'), section('x'), section('y'.repeat(3_412))] }, 'block 3 (section): text is 3,412 characters, over 3,000'],
    ['more than 10 fields', { blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }] }, 'block 1 (section): has 11 fields, over 10'],
    ['a field over 2,000', { blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'f'.repeat(2_001) }] }] }, 'block 1 (section): field 1 is 2,001 characters, over 2,000'],
    ['a section with neither', { blocks: [{ type: 'section' }] }, 'block 1 (section): has neither text nor fields'],
    ['header over 150', { blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }] }, 'block 1 (header): text is 151 characters, over 150'],
    ['a mrkdwn header', { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }] }, 'block 1 (header): text has type "mrkdwn", not plain_text'],
    ['more than 10 context elements', { blocks: [{ type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) }] }, 'block 1 (context): has 11 elements, over 10'],
    ['a context element over 3,000', { blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'c'.repeat(3_001) }] }] }, 'block 1 (context): element 1 is 3,001 characters, over 3,000'],
    ['more than 25 actions', { blocks: [{ type: 'actions', elements: Array.from({ length: 26 }, (_, index) => button({ action_id: `a${index}` })) }] }, 'block 1 (actions): has 26 elements, over 25'],
    ['button text over 75', { blocks: [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: 'b'.repeat(76) } })] }] }, 'block 1 (actions): button 1 text is 76 characters, over 75'],
    ['button value over 2,000', { blocks: [{ type: 'actions', elements: [button({ value: 'v'.repeat(2_001) })] }] }, 'block 1 (actions): button 1 value is 2,001 characters, over 2,000'],
    ['action_id over 255', { blocks: [{ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }] }, 'block 1 (actions): button 1 action_id is 256 characters, over 255'],
    ['url over 3,000', { blocks: [{ type: 'actions', elements: [button({ url: `https://x/${'u'.repeat(3_000)}` })] }] }, 'block 1 (actions): button 1 url is 3,010 characters, over 3,000'],
    ['a repeated action_id', { blocks: [{ type: 'actions', elements: [button(), button()] }] }, 'block 1 (actions): element 2 repeats action_id "a"'],
    ['block_id over 255', { blocks: [{ ...section('x'), block_id: 'b'.repeat(256) }] }, 'block 1 (section): block_id is 256 characters, over 255'],
    ['a repeated block_id', { blocks: [{ ...section('x'), block_id: 'b' }, { ...section('y'), block_id: 'b' }] }, 'block 2 (section): block_id "b" is used twice'],
    ['empty section text', { blocks: [section('')] }, 'block 1 (section): text is empty'],
    ['blank button text', { blocks: [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: '  ' } })] }] }, 'block 1 (actions): button 1 text is empty'],
    ['an empty context element', { blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: '' }] }] }, 'block 1 (context): element 1 is empty'],
    ['an empty field', { blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: '' }] }] }, 'block 1 (section): field 1 is empty'],
    ['an empty actions block', { blocks: [{ type: 'actions', elements: [] }] }, 'block 1 (actions): elements is missing or empty'],
    ['no text and no blocks', { text: ' ', blocks: [] }, 'the message has neither text nor blocks'],
  ])('catches %s', (_, payload, problem) => {
    expect(findBlockKitViolations(payload as { blocks?: unknown[] })).toContain(problem);
  });

  it('accepts a good payload', () => {
    expect(findBlockKitViolations({ text: 'Hi', blocks: [section('x'), { type: 'actions', elements: [button(), button({ action_id: 'b' })] }, { type: 'divider' }] })).toEqual([]);
  });

  it('takes anything JSON-shaped without throwing', () => {
    const strange: unknown[] = [null, 3, 'text', [], {}, { blocks: 'no' }, { blocks: [null, 1, [], { type: 7 }, { type: 'section', text: 'plain', fields: {} }] },
      { blocks: [{ type: 'context', elements: [null, { type: 'image' }] }, { type: 'actions', elements: [null, { type: 'button', text: null, value: 4 }] }] },
      { text: 5, blocks: [{ type: 'header' }, { type: 'section', accessory: { type: 'button' } }] }];
    for (const payload of strange) {
      expect(() => findBlockKitViolations(payload as { blocks?: unknown[] })).not.toThrow();
      expect(findBlockKitViolations(payload as { blocks?: unknown[] }).length).toBeGreaterThan(0);
    }
  });
});
