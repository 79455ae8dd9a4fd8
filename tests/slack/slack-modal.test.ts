import { afterEach, describe, expect, it } from 'vitest';
import { findBlockKitViolations, findModalViolations } from '../../src/slack/block-kit-limits.js';
import { findAccountRequest } from '../../src/storage/account-requests.js';
import { DACORUM_ANSWERS } from '../support/dacorum-answers.js';
import { slashCommand, viewSubmission } from '../support/signed-slack-request.js';
import { buttonsIn, SlackHarness, textOf } from '../support/slack-harness.js';

// directory/demo/dacorum.yaml
const ROBIN = 'U0DEMO0001'; // countryside officer, the requester
const HELEN = 'U0DEMO0003'; // Group Manager for Countryside
const COMMS = 'C0DEMO0001';

interface ModalInput {
  type: string;
  block_id: string;
  optional?: boolean;
  element: { type: string; options?: { text: { text: string }; value: string }[]; initial_value?: string; initial_option?: { value: string } };
}
interface Modal {
  callback_id: string;
  private_metadata: string;
  blocks: ModalInput[];
}

let slack: SlackHarness;
afterEach(async () => {
  for (const call of slack.api.callsTo('views.open')) expect(findModalViolations(call.args.view)).toEqual([]);
  for (const call of slack.api.calls.filter((made) => made.method.startsWith('chat.'))) expect(findBlockKitViolations(call.args as { blocks?: unknown[] })).toEqual([]);
  await slack.stop();
});

async function openModal(userId: string): Promise<Modal> {
  const before = slack.api.callsTo('views.open').length;
  const response = await slack.send(slashCommand(userId, 'request', 'C0GENERAL1', slack.api.responseUrl('request')));
  expect(response.status).toBe(200);
  await slack.api.waitFor(() => slack.api.callsTo('views.open').length > before);
  return slack.api.callsTo('views.open').at(-1)!.args.view as Modal;
}

/** The modal filled in as a person would: typed text, or the option whose name contains what they would type. */
function fill(modal: Modal, answers: string[]): Record<string, Record<string, unknown>> {
  const inputs = modal.blocks.filter((block) => block.type === 'input');
  return Object.fromEntries(
    inputs.map((block, index) => {
      const answer = answers[index] ?? '';
      if (block.element.type === 'static_select') {
        const option = block.element.options!.find((candidate) => candidate.text.text.toLowerCase().includes(answer.toLowerCase()));
        return [block.block_id, { value: { type: 'static_select', selected_option: option ?? null } }];
      }
      return [block.block_id, { value: { type: 'plain_text_input', value: answer === '' ? null : answer } }];
    }),
  );
}

const typed = DACORUM_ANSWERS.map(([, answer]) => answer);
const requestsInReview = () => slack.desk.database.prepare("SELECT COUNT(*) AS n FROM account_requests WHERE status = 'in-review'").get() as { n: number };

describe('the business case as a Slack modal', () => {
  it('opens from /policy request with every Dacorum 3.4 question as an input, within Slack’s modal limits', async () => {
    slack = await new SlackHarness('dacorum').start();
    const modal = await openModal(ROBIN);
    const inputs = modal.blocks.filter((block) => block.type === 'input');
    expect(inputs.map((block) => block.block_id)).toEqual(expect.arrayContaining(['service', 'platform', 'manager', 'deputy', 'response-hours']));
    expect(inputs).toHaveLength(DACORUM_ANSWERS.length);
    expect(inputs.find((block) => block.block_id === 'platform')!.element.options!.map((option) => option.text.text)).toEqual(expect.arrayContaining(['Instagram']));
    // The command is answered by the modal alone: nothing is said in the channel.
    expect(slack.api.responses).toEqual([]);
  });

  it('puts wrong answers back on the form by field, and saves nothing', async () => {
    slack = await new SlackHarness('dacorum').start();
    const modal = await openModal(ROBIN);
    const answers = [...typed];
    answers[7] = answers[6]!; // the deputy is the manager again
    answers[14] = '72'; // hours to respond: the policy says 24
    answers[2] = ''; // the account name is required
    const response = await slack.send(viewSubmission(ROBIN, modal, fill(modal, answers)));
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual(['account-name', 'deputy']);
    expect(body.errors.deputy).toContain('someone other than Sam Jones');
    expect(requestsInReview()).toEqual({ n: 0 });
    expect(slack.messagesTo(ROBIN)).toEqual([]);

    // With those put right, the policy's own criterion (24 working hours) is checked before anything is sent.
    answers[7] = 'Alex Green';
    answers[2] = 'Dacorum Countryside';
    const again = JSON.parse((await slack.send(viewSubmission(ROBIN, modal, fill(modal, answers)))).body) as { errors: Record<string, string> };
    expect(Object.keys(again.errors)).toEqual(['response-hours']);
    expect(again.errors['response-hours']).toContain('24 working hours');
    expect(requestsInReview()).toEqual({ n: 0 });
  });

  it('submits a complete form: Robin is told, the Group Manager gets the approval card, comms hears of it', async () => {
    slack = await new SlackHarness('dacorum').start();
    const modal = await openModal(ROBIN);
    const response = await slack.send(viewSubmission(ROBIN, modal, fill(modal, typed)));
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    await slack.api.waitFor(() => slack.messagesTo(HELEN).length > 0 && slack.messagesTo(ROBIN).length > 0);
    expect(textOf(slack.messagesTo(ROBIN)[0]!)).toContain('Submitted Instagram for Countryside');
    expect(buttonsIn(slack.messagesTo(HELEN)[0]!.args.blocks).map((button) => button.label)).toEqual(expect.arrayContaining(['Approve', 'Reject']));
    await slack.api.waitFor(() => slack.api.callsTo('chat.postMessage').some((call) => call.args.channel === COMMS));
    const request = findAccountRequest(slack.desk.database, 'BC-2026-0001')!;
    expect(request.status).toBe('in-review');
    expect(request.progress.answers['platform']).toEqual({ value: 'Instagram', display: 'Instagram' });
  });

  it('fills in a draft started in the DM, and finishes that same request', async () => {
    slack = await new SlackHarness('dacorum').start();
    await slack.dm(ROBIN, 'we want an instagram account for the countryside service');
    for (const answer of typed.slice(0, 3)) await slack.dm(ROBIN, answer);
    const modal = await openModal(ROBIN);
    const byId = new Map(modal.blocks.map((block) => [block.block_id, block]));
    expect(byId.get('platform')!.element.initial_option!.value).toBe('Instagram');
    expect(byId.get('account-name')!.element.initial_value).toBe('Dacorum Countryside');
    expect(byId.get('why-and-benefits')!.element.initial_value).toBeUndefined();
    await slack.send(viewSubmission(ROBIN, modal, fill(modal, typed)));
    await slack.api.waitFor(() => slack.messagesTo(HELEN).length > 0);
    expect(findAccountRequest(slack.desk.database, 'BC-2026-0001')!.status).toBe('in-review');
    expect(findAccountRequest(slack.desk.database, 'BC-2026-0002')).toBeUndefined();
  });

  it('falls back to the questions in the DM when the trigger has expired', async () => {
    slack = await new SlackHarness('dacorum').start();
    slack.api.failNext('views.open', { status: 200, error: 'expired_trigger_id' });
    await slack.send(slashCommand(ROBIN, 'request', 'C0GENERAL1', slack.api.responseUrl('request')));
    await slack.api.waitFor(() => slack.messagesTo(ROBIN).some((call) => textOf(call).includes('1 of 17')));
    expect(slack.api.callsTo('views.open')).toEqual([]);
    expect(slack.errors).toEqual([]);
  });
});
