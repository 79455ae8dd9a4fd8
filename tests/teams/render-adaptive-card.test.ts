import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buttonsOf, type Button, type FormView, type FormViewField, type Message, type MessagePart } from '../../src/conversations/message.js';
import {
  CARD_BYTE_BUDGET,
  FORM_SUBMIT_VERB,
  escapeTeamsMarkdown,
  readCardAction,
  readFormSubmission,
  renderAdaptiveCards,
  renderFormCard,
  type AdaptiveCardJson,
} from '../../src/teams/render-adaptive-card.js';
import { harnessesClosedAfterEach, type ConversationHarness } from '../support/conversation-harness.js';
import { findAdaptiveCardProblems } from '../support/parse-adaptive-card.js';

/** Rendered cards, read loosely: the assertions check their shape. */
type Json = Record<string, any>;

/** Renders a message and insists Teams' own library finds nothing wrong with any card. */
function render(message: Message): AdaptiveCardJson[] {
  const cards = renderAdaptiveCards(message);
  expect(cards.length).toBeGreaterThan(0);
  for (const card of cards) expect(findAdaptiveCardProblems(card)).toEqual([]);
  return cards;
}

const message = (...parts: MessagePart[]): Message => ({ summary: 'Edge case', parts });
const openContainers = (elements: Json[]): Json[] => elements.flatMap((element) => [element, ...openContainers(element['items'] ?? [])]);
const elementsOf = (cards: AdaptiveCardJson[]): Json[] => cards.flatMap((card) => openContainers(card.body));
const ofType = (cards: AdaptiveCardJson[], type: string) => elementsOf(cards).filter((element) => element['type'] === type);
const actionsOf = (cards: AdaptiveCardJson[]): Json[] => ofType(cards, 'ActionSet').flatMap((set) => set['actions'] as Json[]);

/** What a CommonMark renderer shows for escaped markdown: each backslash escape undone. */
const shown = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
/** Every text a person reads on the cards, in order, as shown. */
const shownTexts = (cards: AdaptiveCardJson[]): string[] =>
  elementsOf(cards)
    .flatMap((element) => (element['type'] === 'TextBlock' ? [element['text']] : element['type'] === 'FactSet' ? element['facts'].flatMap((fact: Json) => [fact['title'], fact['value']]) : []))
    .map(shown);
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** What Teams sends when a button is pressed: an adaptiveCard/action invoke's value, or for Action.Submit the data itself. */
const executePayload = (action: Json, inputs: Record<string, string> = {}) => ({
  action: { type: 'Action.Execute', id: '', verb: action['verb'], data: { ...action['data'], ...inputs } },
  trigger: 'manual',
});
const submitPayload = (action: Json, inputs: Record<string, string> = {}) => ({ ...action['fallback']['data'], ...inputs });

/** Each button as an Action.Execute with an identical Action.Submit fallback, read back to the same press either way. */
function expectSameButtons(cards: AdaptiveCardJson[], buttons: Button[]) {
  expect(buttons.length).toBeGreaterThan(0);
  const actions = actionsOf(cards);
  expect(actions.map((action) => [action['type'], action['verb'], action['title'], action['data']])).toEqual(
    buttons.map((button) => ['Action.Execute', button.actionId, button.label, { policyDesk: { actionId: button.actionId, value: button.value } }]),
  );
  actions.forEach((action, index) => {
    expect(action['fallback']).toEqual({ type: 'Action.Submit', title: action['title'], data: action['data'], ...(action['style'] ? { style: action['style'] } : {}) });
    const pressed = { actionId: buttons[index]!.actionId, value: buttons[index]!.value };
    expect(readCardAction(executePayload(action))).toEqual(pressed);
    expect(readCardAction(submitPayload(action))).toEqual(pressed);
  });
}

describe('rendering each kind of part', () => {
  const everyKind = message(
    { kind: 'heading', text: 'It depends' },
    { kind: 'text', text: 'You need written consent.' },
    { kind: 'note', text: 'Dacorum Borough Council, Social Media Policy (May 2016)' },
    { kind: 'warning', text: 'The pre-election period has started.' },
    { kind: 'clause', council: 'Testshire Council', section: '2.2(d)', heading: '2.2 Social media', context: 'Staff should:', text: 'get consent.' },
    { kind: 'fields', fields: [{ label: 'Who to ask', value: 'Communications team' }, { label: 'Reference', value: '' }] },
    { kind: 'buttons', buttons: [{ actionId: 'policy_desk.helpful', label: 'Helpful', value: 't1', style: 'primary' }, { actionId: 'policy_desk.withdraw', label: 'Withdraw', value: 't2', style: 'danger' }, { actionId: 'policy_desk.more', label: 'More', value: 't3' }] },
  );

  it('gives each part the element Teams shows it with, in one card', () => {
    const cards = render(everyKind);
    expect(cards).toHaveLength(1);
    const [card] = cards;
    expect(card).toMatchObject({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', fallbackText: 'Edge case' });
    expect(card!.body).toEqual([
      { type: 'TextBlock', text: 'It depends', wrap: true, weight: 'Bolder', size: 'Medium' },
      { type: 'TextBlock', text: 'You need written consent.', wrap: true },
      { type: 'TextBlock', text: 'Dacorum Borough Council, Social Media Policy (May 2016)', wrap: true, isSubtle: true, size: 'Small' },
      { type: 'Container', style: 'warning', items: [{ type: 'TextBlock', text: 'The pre-election period has started.', wrap: true, color: 'Attention' }] },
      {
        type: 'Container',
        style: 'emphasis',
        items: [
          { type: 'TextBlock', text: 'Testshire Council, section 2.2(d)', wrap: true, weight: 'Bolder' },
          // The heading names section 2.2, not 2.2(d), so its number stays.
          { type: 'TextBlock', text: '2.2 Social media', wrap: true, spacing: 'None' },
          // A lone newline is no break in markdown, so each line is its own paragraph.
          { type: 'TextBlock', text: 'Staff should:\n\n“get consent.”', wrap: true },
        ],
      },
      { type: 'FactSet', facts: [{ title: 'Who to ask', value: 'Communications team' }, { title: 'Reference', value: '' }] },
      expect.objectContaining({ type: 'ActionSet' }),
    ]);
    expect(actionsOf(cards).map((action) => action['style'])).toEqual(['positive', 'destructive', undefined]);
    expectSameButtons(cards, buttonsOf(everyKind));
  });

  it('names a section that is not a number as it is, and leaves out empty parts', () => {
    const cards = render(
      message(
        { kind: 'text', text: '  ' },
        { kind: 'note', text: '' },
        { kind: 'clause', council: 'Dacorum Borough Council', section: 'Minutes 35', heading: 'Minutes 35, Planning code of practice', text: 'Use social media wisely.' },
        { kind: 'fields', fields: [{ label: '', value: ' ' }] },
      ),
    );
    expect(cards[0]!.body).toHaveLength(1);
    expect(shownTexts(cards)).toEqual(['Dacorum Borough Council, Minutes 35', 'Planning code of practice', '“Use social media wisely.”']);
  });

  it('still says what a message of nothing but blanks is', () => {
    const cards = render({ summary: 'Nothing to show', parts: [{ kind: 'text', text: ' ' }] });
    expect(shownTexts(cards)).toEqual(['Nothing to show']);
  });

  it('puts 12 buttons in sets of five and keeps every one, in order', () => {
    const buttons = Array.from({ length: 12 }, (_, index): Button => ({ actionId: 'policy_desk.form_choice', label: `Option ${index + 1}`, value: `token-${index}` }));
    const cards = render(message({ kind: 'text', text: 'Pick one' }, { kind: 'buttons', buttons }));
    expect(ofType(cards, 'ActionSet').map((set) => set['actions'].length)).toEqual([5, 5, 2]);
    expectSameButtons(cards, buttons);
  });

  it('refuses a button with no label rather than show a blank one', () => {
    expect(() => renderAdaptiveCards(message({ kind: 'buttons', buttons: [{ actionId: 'policy_desk.x', label: ' ', value: 't' }] }))).toThrow(/policy_desk\.x has no label/);
  });
});

describe('splitting a message too big for one card', () => {
  const paragraphs = Array.from({ length: 150 }, (_, p) => Array.from({ length: 65 }, (_, w) => `w${p}x${w}`).join(' '));
  const text = paragraphs.join('\n\n');
  const buttons: Button[] = [
    { actionId: 'policy_desk.helpful', label: 'Helpful', value: 'yes-token' },
    { actionId: 'policy_desk.unhelpful', label: 'Not helpful', value: 'no-token' },
  ];

  it('continues a very long clause across cards, each within budget, every word kept and the buttons on the last card', () => {
    expect(text.length).toBeGreaterThan(2 * CARD_BYTE_BUDGET);
    // The buttons come first in the message, yet end on the last card, under everything they act on.
    const long = message(
      { kind: 'heading', text: 'Long answer' },
      { kind: 'buttons', buttons },
      { kind: 'clause', council: 'Testshire Council', section: '4.1', heading: '4.1 Long clause', context: 'Staff must:', text },
      { kind: 'note', text: 'Footer' },
    );
    const cards = render(long);
    expect(cards.length).toBeGreaterThanOrEqual(3);
    for (const card of cards) expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(CARD_BYTE_BUDGET);

    const containers = ofType(cards, 'Container');
    expect(containers.length).toBeGreaterThan(cards.length);
    expect(shown(containers[0]!['items'][0].text)).toBe('Testshire Council, section 4.1');
    // Continuations are the clause's words only, still in its emphasis style.
    expect(containers.slice(1).every((container) => container['style'] === 'emphasis' && container['items'].length === 1)).toBe(true);

    const all = shownTexts(cards).join(' ');
    expect(squash(all)).toBe(squash(`Long answer Testshire Council, section 4.1 Long clause Staff must: “${text}” Footer`));
    expect(cards.slice(0, -1).every((card) => actionsOf([card]).length === 0)).toBe(true);
    expectSameButtons(cards.slice(-1), buttons);
    expect(cards.at(-1)!.body.at(-1)!['type']).toBe('ActionSet');
  });

  it('breaks a long paragraph between sentences', () => {
    const sentences = Array.from({ length: 900 }, (_, index) => `Sentence ${index} says something about posting.`).join(' ');
    const cards = render(message({ kind: 'text', text: sentences }));
    const blocks = ofType(cards, 'TextBlock').map((block) => shown(block['text']));
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) expect(block).toMatch(/^Sentence \d+ .*posting\.$/);
    expect(blocks.join(' ')).toBe(sentences);
  });

  it('splits inside a word only when the word alone is too long, and never cuts an escape in two', () => {
    const word = 'x'.repeat(30_000);
    const cards = render(message({ kind: 'text', text: `short ${word}` }));
    expect(shownTexts(cards).join('')).toBe(`short${word}`);
    const stars = '*'.repeat(20_000);
    const starCards = render(message({ kind: 'text', text: stars }));
    const blocks = ofType(starCards, 'TextBlock').map((block) => block['text'] as string);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) expect(block).toMatch(/^(\\\*)+$/);
    expect(blocks.join('')).toBe('\\*'.repeat(20_000));
  });

  it('keeps 200 fields and continues a value too long for one fact', () => {
    const fields = Array.from({ length: 200 }, (_, index) => ({ label: `Field ${index + 1}`, value: `Value ${index + 1} `.repeat(30) }));
    const story = Array.from({ length: 2_000 }, (_, index) => `v${index}`).join(' ');
    const cards = render(message({ kind: 'fields', fields: [...fields, { label: 'Story', value: story }] }));
    const facts = ofType(cards, 'FactSet').flatMap((set) => set['facts'] as Json[]);
    expect(facts.slice(0, 200).map((fact) => fact['title'])).toEqual(fields.map((field) => field.label));
    expect(facts.slice(200).map((fact) => fact['title'])).toEqual(['Story', ...Array.from({ length: facts.length - 201 }, () => 'Story (continued)')]);
    expect(squash(facts.slice(200).map((fact) => fact['value']).join(' '))).toBe(story);
  });
});

describe('escaping Teams markdown', () => {
  const harness = harnessesClosedAfterEach('cannock');

  it('shows a hostile name as typed, never bold, italic, a link or code, in every kind of text', () => {
    const hostile = '*Bob* [x](http://evil) _it_ **b** `code`';
    const escaped = '\\*Bob\\* \\[x\\](http://evil) \\_it\\_ \\*\\*b\\*\\* \\`code\\`';
    const cards = render({
      summary: hostile,
      parts: [
        { kind: 'heading', text: hostile },
        { kind: 'text', text: hostile },
        { kind: 'note', text: hostile },
        { kind: 'warning', text: hostile },
        { kind: 'fields', fields: [{ label: hostile, value: hostile }] },
        { kind: 'clause', council: hostile, section: '1', heading: hostile, context: hostile, text: hostile },
      ],
    });
    const texts = [...ofType(cards, 'TextBlock').map((block) => block['text']), ...ofType(cards, 'FactSet').flatMap((set) => set['facts'].flatMap((fact: Json) => [fact['title'], fact['value']]))];
    expect(texts).toEqual([escaped, escaped, escaped, escaped, `${escaped}, section 1`, escaped, `${escaped}\n\n“${escaped}”`, escaped, escaped]);
    expect(cards[0]!.fallbackText).toBe(escaped);
    for (const text of texts) expect(shown(text)).toContain(hostile);
  });

  it.each([
    ['- not a bullet', '\\- not a bullet'],
    ['+ not a bullet', '\\+ not a bullet'],
    ['* not a bullet', '\\* not a bullet'],
    ['1. Introduction', '1\\. Introduction'],
    ['2) Second', '2\\) Second'],
    ['# Not a heading', '\\# Not a heading'],
    ['> not a quote', '\\> not a quote'],
    ['---', '\\---'],
    ['one\ntwo\r\nthree', 'one\n\ntwo\n\nthree'],
    ['    indented', 'indented'],
    ['C:\\Users\\robin', 'C:\\Users\\robin'],
    ['a\\*b', 'a\\\\\\*b'],
    ['fish &amp; chips', 'fish \\&amp; chips'],
    ['{{DATE(2017-02-14T06:08:00Z, SHORT)}}', '{\\{DATE(2017-02-14T06:08:00Z, SHORT)}}'],
  ])('escapes %j so it is shown as typed', (plain, escaped) => {
    expect(escapeTeamsMarkdown(plain)).toBe(escaped);
    expect(shown(escaped).split('\n\n')).toEqual(plain.split(/\r?\n/).map((line) => line.trim()));
  });

  it.each(['2.2 Social media', '-5 degrees', '#hashtag', 'fish & chips', '1.5 million', 'Q&A (2016)'])('leaves %j alone: it is no markdown', (plain) => {
    expect(escapeTeamsMarkdown(plain)).toBe(plain);
  });

  it('escapes the backticks and underscores in real Cannock and Chiltern clauses', () => {
    const { library } = harness().desk;
    for (const [councilId, marker] of [['cannock', '`'], ['chiltern', '_']] as const) {
      const pack = library.packs.get(councilId)!;
      const clause = pack.clauses.find((candidate) => candidate.text.includes(marker))!;
      const cards = render(message({ kind: 'clause', council: pack.councilName, section: clause.section, heading: clause.heading.at(-1)!, text: clause.text }));
      const quoted = ofType(cards, 'Container')[0]!['items'].at(-1).text as string;
      expect(quoted).toContain(`\\${marker}`);
      expect(quoted.replace(/\\[`_]/g, '')).not.toMatch(/[`_]/);
      expect(squash(shown(quoted))).toBe(squash(`“${clause.text}”`));
    }
  });
});

/** What the real core replies to a question, as Message objects; each question from its own participant, so none lands inside another's conversation. */
function repliesTo(chat: ConversationHarness, participantKey: string, text: string): Message[] {
  const participant = { key: `console:${participantKey}`, name: 'Robin', personId: 'robin', channel: 'console' as const };
  return chat.desk.core.handleTurn({ participant, councilId: chat.councilId, input: { kind: 'text', text } }).replies;
}

/** The first questions of a council's development set: what staff and councillors actually ask. */
function typicalQuestions(councilId: string, count: number): string[] {
  const entries = parseYaml(readFileSync(new URL(`../questions/dev/${councilId}.yaml`, import.meta.url), 'utf8')) as { q: string }[];
  return entries.slice(0, count).map((entry) => entry.q);
}

describe.each(['dacorum', 'cannock', 'chiltern', 'wouldham'])('rendering real %s answers', (councilId) => {
  const harness = harnessesClosedAfterEach(councilId);

  it('quotes each deciding clause under its council and section, and every button works on old and new clients', () => {
    const chat = harness();
    let clauses = 0;
    let buttons = 0;
    typicalQuestions(councilId, 6).forEach((question, index) => {
      for (const reply of repliesTo(chat, `asker-${index}`, question)) {
        const cards = render(reply);
        expect(cards).toHaveLength(1);
        expect(cards[0]!.fallbackText).toBe(escapeTeamsMarkdown(reply.summary));

        const clauseParts = reply.parts.filter((part): part is Extract<MessagePart, { kind: 'clause' }> => part.kind === 'clause');
        const containers = ofType(cards, 'Container').filter((container) => container['style'] === 'emphasis');
        expect(containers).toHaveLength(clauseParts.length);
        clauseParts.forEach((part, at) => {
          const [source, ...rest] = (containers[at]!['items'] as Json[]).map((item) => shown(item['text']));
          expect(containers[at]!['items'][0].weight).toBe('Bolder');
          expect(source!.startsWith(`${part.council}, `)).toBe(true);
          expect(source!.endsWith(part.section)).toBe(true);
          expect(squash(rest.join(' '))).toContain(squash(`“${part.text}”`));
          clauses += 1;
        });

        if (buttonsOf(reply).length > 0) {
          expectSameButtons(cards, buttonsOf(reply));
          buttons += buttonsOf(reply).length;
        }
      }
    });
    expect(clauses).toBeGreaterThanOrEqual(3);
    expect(buttons).toBeGreaterThan(0);
  });
});

describe('the Dacorum business case as a form card', () => {
  const harness = harnessesClosedAfterEach('dacorum');
  const YES_NO = [
    { id: 'yes', label: 'Yes' },
    { id: 'no', label: 'No' },
  ];

  /** The pack's business case as a FormView: picked answers as choices, the rest typed. */
  function businessCaseView(chat: ConversationHarness): FormView {
    const businessCase = chat.desk.library.packs.get('dacorum')!.businessCase!;
    const services = chat.desk.directories.get('dacorum')!.services;
    expect(services.length).toBeGreaterThan(0);
    const fields = businessCase.fields.map((field): FormViewField => {
      const choices =
        field.type === 'choice' ? field.choices : field.type === 'yes-no' ? YES_NO : field.type === 'service' ? services.map((service) => ({ id: service.id, label: service.name })) : undefined;
      return { id: field.id, label: field.label, hint: field.hint, kind: choices ? 'choice' : field.type === 'long-text' ? 'long-text' : 'text', required: field.required, maxLength: field.maxLength, choices };
    });
    return { formId: 'BC-2026-0001', title: businessCase.title, intro: businessCase.intro, submitLabel: 'Submit', fields };
  }

  it('has an input per field, with its id, kind, length, required flag and earlier answer, and problems under their fields', () => {
    const chat = harness();
    const blank = businessCaseView(chat);
    const services = chat.desk.directories.get('dacorum')!.services;
    const initial: Record<string, string> = {
      service: services[0]!.id,
      // Typed as a person would: the choice is found by its label.
      platform: 'instagram',
      'account-name': 'Dacorum *Countryside*',
      'why-and-benefits': 'Residents ask about walks.\nThe corporate page is too slow.',
      'comments-allowed': 'yes',
      'target-followers': 'about 1,500',
    };
    const view = { ...blank, fields: blank.fields.map((field) => ({ ...field, initial: initial[field.id] })) };
    const problems = { 'account-name': 'Council pages must be easy to identify: include "Dacorum".', deputy: 'The deputy must be a different person from the manager.' };
    const card = renderFormCard(view, problems);
    expect(findAdaptiveCardProblems(card)).toEqual([]);

    expect(card.body[0]).toEqual({ type: 'TextBlock', text: 'Business case for a service social media account', wrap: true, weight: 'Bolder', size: 'Medium' });
    expect(squash(shown(card.body[1]!['text'] as string))).toBe(squash(blank.intro!));
    const body = card.body as Json[];
    const inputs = body.filter((element) => element['type'].startsWith('Input.'));
    expect(inputs.map((input) => input['id'])).toEqual(view.fields.map((field) => field.id));
    expect(inputs).toHaveLength(17);
    view.fields.forEach((field, index) => {
      const input = inputs[index]!;
      expect(input['label']).toBe(field.label);
      expect(input['isRequired']).toBe(field.required);
      expect(input['errorMessage'] !== undefined).toBe(field.required);
      if (field.kind === 'choice') {
        expect(input).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', choices: field.choices!.map((choice) => ({ title: choice.label, value: choice.id })) });
      } else {
        expect(input).toMatchObject({ type: 'Input.Text', maxLength: field.maxLength });
        expect(input['isMultiline'] === true).toBe(field.kind === 'long-text');
      }
    });
    const valueOf = (id: string) => inputs.find((input) => input['id'] === id)!['value'];
    expect(valueOf('service')).toBe(services[0]!.id);
    expect(valueOf('platform')).toBe('Instagram');
    expect(valueOf('account-name')).toBe('Dacorum *Countryside*');
    expect(valueOf('why-and-benefits')).toBe(initial['why-and-benefits']);
    expect(valueOf('comments-allowed')).toBe('yes');
    expect(valueOf('target-followers')).toBe('about 1,500');
    expect(valueOf('manager')).toBeUndefined();
    const picked = inputs.filter((input) => input['type'] === 'Input.ChoiceSet').map((input) => input['id']);
    expect(picked).toEqual(view.fields.filter((field) => field.choices).map((field) => field.id));
    expect(picked).toEqual(expect.arrayContaining(['service', 'platform', 'comments-allowed']));

    const after = (id: string) => body[body.findIndex((element) => element['id'] === id) + 1]!;
    expect(after('account-name')).toEqual({ type: 'TextBlock', text: escapeTeamsMarkdown(problems['account-name']), wrap: true, color: 'Attention' });
    expect(after('deputy')).toEqual({ type: 'TextBlock', text: escapeTeamsMarkdown(problems.deputy), wrap: true, color: 'Attention' });
    expect(body.filter((element) => element['color'] === 'Attention')).toHaveLength(2);
    // A field's hint follows it, small print.
    expect(after('platform')).toMatchObject({ type: 'TextBlock', isSubtle: true, size: 'Small' });

    expect(card.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Submit',
        verb: FORM_SUBMIT_VERB,
        data: { policyDesk: { formId: 'BC-2026-0001' } },
        style: 'positive',
        fallback: { type: 'Action.Submit', title: 'Submit', data: { policyDesk: { formId: 'BC-2026-0001' } }, style: 'positive' },
      },
    ]);
  });

  it('reads the answers back from an Action.Execute invoke and from an Action.Submit message alike', () => {
    const view = businessCaseView(harness());
    const card = renderFormCard(view);
    expect(findAdaptiveCardProblems(card)).toEqual([]);
    // Teams merges each input's value into the action's data, by input id.
    const answers = Object.fromEntries(view.fields.map((field) => [field.id, field.choices ? field.choices.at(-1)!.id : `Answer to ${field.label}`]));
    const submit = card.actions![0]!;
    expect(readFormSubmission(executePayload(submit, answers))).toEqual({ formId: 'BC-2026-0001', answers });
    expect(readFormSubmission(submitPayload(submit, answers))).toEqual({ formId: 'BC-2026-0001', answers });
    expect(readCardAction(executePayload(submit, answers))).toBeUndefined();
  });

  it('shows a problem for no field of the view under the introduction, so none is lost', () => {
    const view = businessCaseView(harness());
    const card = renderFormCard(view, { form: 'This business case was already submitted.' });
    expect(card.body[2]).toEqual({ type: 'TextBlock', text: 'This business case was already submitted.', wrap: true, color: 'Attention' });
    expect(findAdaptiveCardProblems(card)).toEqual([]);
  });

  it('keeps every input and answer of a draft at its longest, letting the introduction and then the hints give way', () => {
    const blank = businessCaseView(harness());
    // A long introduction: Dacorum's, twenty times over.
    const view = { ...blank, intro: Array.from({ length: 20 }, () => blank.intro).join('\n\n') };
    const intro = squash(view.intro);
    const hints = view.fields.filter((field) => field.hint).length;
    const shows = (card: AdaptiveCardJson) => ({
      intro: squash(card.body.filter((element) => element['type'] === 'TextBlock' && !element['isSubtle']).map((element) => shown(element['text'] as string)).join(' ')).includes(intro),
      hints: card.body.filter((element) => element['isSubtle'] === true).length,
      answers: (card.body as Json[]).filter((element) => element['type'] === 'Input.Text').map((input) => input['value']),
    });
    const draft = (letter: string) => ({ ...view, fields: view.fields.map((field) => ({ ...field, initial: field.choices ? undefined : letter.repeat(field.maxLength) })) });
    const typed = (letter: string) => draft(letter).fields.filter((field) => !field.choices).map((field) => field.initial);

    const empty = renderFormCard(view);
    expect(findAdaptiveCardProblems(empty)).toEqual([]);
    expect(shows(empty)).toEqual({ intro: true, hints, answers: typed('').map(() => undefined) });

    // Every answer at full length in plain letters: the introduction goes, the hints stay.
    const ascii = renderFormCard(draft('x'));
    expect(findAdaptiveCardProblems(ascii)).toEqual([]);
    expect(shows(ascii)).toEqual({ intro: false, hints, answers: typed('x') });

    // In two-byte letters nothing optional is left, and every answer still goes (Teams' limit is 100 KB).
    const accented = renderFormCard(draft('é'));
    expect(shows(accented)).toEqual({ intro: false, hints: 0, answers: typed('é') });
    expect(findAdaptiveCardProblems(accented)).toEqual([expect.stringMatching(/^the card is [\d,]+ bytes of JSON, over 28,000$/)]);
  });
});

describe('reading what Teams sends back', () => {
  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'policy_desk.approve'],
    ['a number', 42],
    ['an array', [{ policyDesk: { actionId: 'a', value: 'v' } }]],
    ['an empty object', {}],
    ['policyDesk not an object', { policyDesk: 'a' }],
    ['a numeric action id', { policyDesk: { actionId: 1, value: 'v' } }],
    ['an empty action id', { policyDesk: { actionId: '', value: 'v' } }],
    ['no value', { policyDesk: { actionId: 'a' } }],
    ['a numeric value', { action: { data: { policyDesk: { actionId: 'a', value: 3 } } } }],
    ['action data not an object', { action: { data: 'x' } }],
    ['a form submission', { policyDesk: { formId: 'BC-1' }, service: 'countryside' }],
  ])('readCardAction refuses %s', (_, payload) => {
    expect(readCardAction(payload)).toBeUndefined();
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'BC-1'],
    ['an array', [{ policyDesk: { formId: 'BC-1' } }]],
    ['no form id', { service: 'countryside' }],
    ['a numeric form id', { policyDesk: { formId: 7 } }],
    ['an empty form id', { action: { data: { policyDesk: { formId: '' } } } }],
    ['a button press', { policyDesk: { actionId: 'a', value: 'v' } }],
  ])('readFormSubmission refuses %s', (_, payload) => {
    expect(readFormSubmission(payload)).toBeUndefined();
  });

  it('keeps only text answers, and an input named __proto__ stays an answer', () => {
    const payload = JSON.parse('{"policyDesk":{"formId":"BC-1"},"name":"Sam","count":5,"none":null,"list":["x"],"nested":{},"__proto__":"sneaky"}') as unknown;
    const read = readFormSubmission(payload)!;
    expect(read.formId).toBe('BC-1');
    expect(Object.keys(read.answers).sort()).toEqual(['__proto__', 'name']);
    expect(Object.getPrototypeOf(read.answers)).toBe(Object.prototype);
    expect(read.answers['name']).toBe('Sam');
  });
});

describe('findAdaptiveCardProblems', () => {
  const card = (body: Json[], extra: Json = {}) => ({ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...extra });
  const execute = (extra: Json = {}) => ({ type: 'Action.Execute', title: 'Go', verb: 'go', data: { a: 1 }, fallback: { type: 'Action.Submit', title: 'Go', data: { a: 1 } }, ...extra });

  it.each([
    ['an unknown element', card([{ type: 'Bogus', text: 'x' }]), 'parse: Unknown element type "Bogus". Fallback will be used if present.'],
    ['an unknown action', card([{ type: 'ActionSet', actions: [{ type: 'Action.Frob', title: 'x' }] }]), 'parse: Unknown action type "Action.Frob". Fallback will be used if present.'],
    ['an invalid value', card([{ type: 'TextBlock', text: 'x', size: 'enormous' }]), 'parse: Invalid value "enormous" for property "size".'],
    ['a misspelt property', card([{ type: 'TextBlock', text: 'x', isSubtl: true }]), 'card.body[0] (TextBlock): unknown property "isSubtl"'],
    ['a misspelt fact property', card([{ type: 'FactSet', facts: [{ title: 'a', valu: 'b' }] }]), 'card.body[0].facts[0]: unknown property "valu"'],
    ['an Execute without fallback', card([{ type: 'ActionSet', actions: [execute({ fallback: undefined })] }]), 'card.body[0].actions[0] (Action.Execute "Go"): no Action.Submit fallback'],
    ['a fallback with other data', card([{ type: 'ActionSet', actions: [execute({ fallback: { type: 'Action.Submit', title: 'Go', data: { a: 2 } } })] }]), 'card.body[0].actions[0] (Action.Execute "Go"): its fallback\'s data differs'],
    ['six actions in a set', card([{ type: 'ActionSet', actions: Array.from({ length: 6 }, () => execute()) }]), 'validate: Maximum number of actions exceeded (5).'],
    ['two inputs with one id', card([{ type: 'Input.Text', id: 'a', label: 'A' }, { type: 'Input.Text', id: 'a', label: 'B' }]), 'validate: Duplicate Id "a".'],
    ['an unsupported version', card([], { version: '9.9' }), 'validate: The specified card version (9.9) is not supported or still in preview. The latest released card version is 1.6.'],
    ['a card over 28,000 bytes', card([{ type: 'TextBlock', text: 'x'.repeat(28_000) }]), 'the card is 28,142 bytes of JSON, over 28,000'],
    ['not a card', { type: 'Message' }, 'the card\'s type is "Message", not "AdaptiveCard"'],
  ])('catches %s', (_, json, problem) => {
    expect(findAdaptiveCardProblems(json)).toContain(problem);
  });

  it('takes anything without throwing', () => {
    for (const json of [null, 3, 'card', [], {}, { type: 'AdaptiveCard', body: 'no' }, card([null as unknown as Json, { type: 7 } as unknown as Json])]) {
      expect(() => findAdaptiveCardProblems(json)).not.toThrow();
    }
    expect(findAdaptiveCardProblems('card')).toEqual(['the card is not a JSON object']);
  });

  it('accepts a good card with an Execute that falls back to Submit', () => {
    expect(findAdaptiveCardProblems(card([{ type: 'TextBlock', text: 'Hi', wrap: true }, { type: 'ActionSet', actions: [execute()] }]))).toEqual([]);
  });
});
