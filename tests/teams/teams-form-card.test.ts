import { afterEach, describe, expect, it } from 'vitest';
import { FORM_SUBMIT_VERB } from '../../src/teams/render-adaptive-card.js';
import { findAccountRequest } from '../../src/storage/account-requests.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';
import { findAdaptiveCardProblems } from '../support/parse-adaptive-card.js';
import { actionExecute, actionSubmit } from '../support/teams-activities.js';
import { cardText, TeamsHarness } from '../support/teams-harness.js';

interface FormInput {
  type: string;
  id: string;
  value?: string;
  choices?: { title: string; value: string }[];
}
interface FormCard {
  body: FormInput[];
  actions: { type: string; verb: string; data: Record<string, unknown> }[];
}

let teams: TeamsHarness;
afterEach(async () => {
  for (const call of [...teams.connector.sent(), ...teams.connector.updates()]) {
    for (const card of teams.connector.cardsIn(call)) expect(findAdaptiveCardProblems(card)).toEqual([]);
  }
  await teams.stop();
});

const typed = DACORUM_ANSWERS.map(([, answer]) => answer);
const requestsInReview = () => (teams.desk.database.prepare("SELECT COUNT(*) AS n FROM account_requests WHERE status = 'in-review'").get() as { n: number }).n;

/** Robin types "request form"; the form card arrives in his chat. */
async function openForm(): Promise<{ card: FormCard; messageId: string }> {
  await teams.say('robin', 'request form', 'Submit');
  const [message] = teams.messagesIn(teams.chatWith('robin')).filter((posted) => JSON.stringify(posted.activity).includes(FORM_SUBMIT_VERB));
  return { card: teams.connector.cardsIn(message!.activity)[0] as unknown as FormCard, messageId: message!.id };
}

/** The inputs filled in as a person would: typed text, or the choice whose title contains what they would type. Teams merges them into the action's data. */
function fill(card: FormCard, answers: string[]): Record<string, unknown> {
  const inputs = card.body.filter((element) => element.type.startsWith('Input.'));
  const values = inputs.map((input, index) => {
    const answer = answers[index] ?? '';
    if (input.type === 'Input.ChoiceSet') return [input.id, input.choices!.find((choice) => choice.title.toLowerCase().includes(answer.toLowerCase()))?.value ?? ''];
    return [input.id, answer];
  });
  return { ...card.actions[0]!.data, ...Object.fromEntries(values) };
}

describe('the business case as one Teams form card', () => {
  it('is sent for "request form" with every Dacorum 3.4 question as an input, and a refused submission comes back in place with each problem under its question', async () => {
    teams = await new TeamsHarness('dacorum').start();
    const { card, messageId } = await openForm();
    const inputs = card.body.filter((element) => element.type.startsWith('Input.'));
    expect(inputs).toHaveLength(DACORUM_ANSWERS.length);
    expect(inputs.find((input) => input.id === 'platform')!.choices!.map((choice) => choice.title)).toEqual(expect.arrayContaining(['Instagram']));

    const answers = [...typed];
    answers[7] = answers[6]!; // the deputy is the manager again
    answers[2] = ''; // the account name is required
    const answered = await teams.post(actionExecute(teams.parties('robin'), { id: teams.nextActivityId(), verb: FORM_SUBMIT_VERB, data: fill(card, answers), replyToId: messageId }));
    expect(answered.body?.type).toBe('application/vnd.microsoft.card.adaptive');
    const refused = answered.body!.value as FormCard;
    expect(findAdaptiveCardProblems(refused)).toEqual([]);
    expect(cardText(refused)).toContain('someone other than Sam Jones');
    // What Robin typed is still there, under the problems.
    expect(refused.body.find((element) => element.id === 'why-and-benefits')!.value).toBe(typed[3]);
    expect(requestsInReview()).toBe(0);
  });

  it('submits a complete form from an older client’s Action.Submit: Robin is told and Helen gets the approval card', async () => {
    teams = await new TeamsHarness('dacorum').start();
    const { card, messageId } = await openForm();
    const before = teams.countShownTo('robin');
    await teams.post(actionSubmit(teams.parties('robin'), { id: teams.nextActivityId(), data: fill(card, typed), replyToId: messageId }));
    await teams.waitUntilShown('robin', 'Submitted Instagram for Countryside (BC-2026-0001)', before);
    await teams.connector.waitFor(() => teams.buttonsShownTo('helen').some((button) => button.title === 'Approve'), 8000);
    expect(findAccountRequest(teams.desk.database, 'BC-2026-0001')!.progress.answers['platform']).toEqual({ value: 'Instagram', display: 'Instagram' });
  });
});
