import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findAccountRequest } from '../../src/storage/account-requests.js';
import { listDecisions } from '../../src/storage/approval-decisions.js';
import { listAudit } from '../../src/storage/audit-log.js';
import { ConversationHarness } from '../support/conversation-harness.js';

/**
 * The business case in the three other shipped packs, from the first message to the final decision, with the
 * people in each council's demo directory. Each table is what an officer would type, question by question.
 */

type Answers = [question: string, answer: string][];

interface Stage {
  /** The directory person who holds the stage's role for this request, and the only one who gets its card. */
  approver: string;
  approverName: string;
  roleTitle: string;
  /** The stage as describeStatus words it while the request is there. */
  status: string;
  /** Someone in the directory who does not hold this stage (often the role's alternate or another stage's approver). */
  outsider: string;
}

interface CouncilCase {
  councilId: string;
  opening: string;
  answers: Answers;
  /** How messages name the request. */
  name: string;
  summaryLines: string[];
  stages: Stage[];
  /** Follow-up tasks sent once the case is approved: to whom, and a phrase of the task. */
  followUps: { to: string; text: string }[];
}

const REF = 'BC-2026-0001';

/** Robin, a leisure officer at Cannock Chase, asks for a Facebook page (Section D 6.1's ten points). */
const CANNOCK_ANSWERS: Answers = [
  ['1 of 15: Service', 'leisure'],
  ['2 of 15: Platform', 'Facebook'],
  ['3 of 15: Account name', 'Cannock Chase Leisure Centre'],
  ['4 of 15: What you want to achieve', 'Tell people about swimming timetables, holiday activities and any closures at the leisure centre.'],
  ['5 of 15: Fit with your strategy', "It sits alongside the leisure pages on the website and the quarterly What's On leaflet."],
  ['6 of 15: Who you want to reach', 'Families and older residents in Cannock, Rugeley and Hednesford who use the centre.'],
  ['7 of 15: Who might be excluded', 'People not on Facebook: the posters at reception and the phone line stay as they are.'],
  ['8 of 15: Manager', 'Kerry Walsh'],
  ['9 of 15: Deputy', 'Tom Bennett'],
  ['10 of 15: Staff resources', 'Kerry spends about an hour a day on it and Tom covers her leave; replies within one working day.'],
  ['11 of 15: Dealing with responses', 'Reply politely with the facts, move complaints to the customer services form, hide abuse.'],
  ['12 of 15: Online communication skills', 'Kerry has run the swimming club page for three years and did the comms course.'],
  ['13 of 15: Risks and mitigation', 'A closure post going viral with complaints; we post closures early and escalate to Policy and Comms.'],
  ['14 of 15: Return on investment', 'Fewer phone calls about timetables; we will look at page insights and bookings every quarter.'],
  ['15 of 15: Exit strategy', 'Post a closing notice pointing people to the website, then close the page within a month.'],
];

/** Robin, at Chiltern and South Bucks, asks for a waste and recycling page (sections 12 and 16). */
const CHILTERN_ANSWERS: Answers = [
  ['1 of 13: Service', 'waste'],
  ['2 of 13: Platform', 'facebook'],
  ['3 of 13: Account name', 'Chiltern and South Bucks Bins and Recycling'],
  ['4 of 13: Purpose', 'Collection day changes, missed bin reports and recycling tips for residents.'],
  ['5 of 13: Scope', 'Bins, recycling and bulky waste only; no planning, parking or council tax.'],
  ['6 of 13: Benchmarks', '2,000 followers in the first year and fewer missed-bin calls to the contact centre.'],
  ['7 of 13: Level of engagement', 'A post most weekdays, more around bank holidays; comments answered within a working day.'],
  ['8 of 13: Resources', "About four hours a week of one officer's time, no extra budget."],
  ['9 of 13: Planned life', '24 months'],
  ['10 of 13: Manager', 'Dave Collins'],
  ['11 of 13: Deputy', 'Anita Desai'],
  ['12 of 13: Training', 'yes'],
  ['13 of 13: Closing or handing over', 'We post a closing message pointing people to the website, then delete the page after a month.'],
];

/** Robin, the Clerk's assistant at Wouldham, asks for a page for the summer fete (section 3.5). */
const WOULDHAM_ANSWERS: Answers = [
  ['1 of 7: Service', 'the summer fete'],
  ['2 of 7: Platform', 'Facebook'],
  ['3 of 7: Account name', 'Wouldham Parish Council Summer Fete'],
  ['4 of 7: Purpose', 'Advertising the fete, finding volunteers and stallholders, and telling people on the day if it rains.'],
  ['5 of 7: Manager', 'Robin Ashdown'],
  ['6 of 7: Deputy', 'Jo Pemberton'],
  ['7 of 7: Following the policy', 'Only the parish council email is used, no home addresses or phone numbers, and Jo checks posts first.'],
];

const COUNCILS: CouncilCase[] = [
  {
    councilId: 'cannock',
    opening: "i'd like to set up a facebook page for the leisure centre",
    answers: CANNOCK_ANSWERS,
    name: 'Facebook for Leisure',
    summaryLines: ['Service: Leisure', 'Platform: Facebook', 'Deputy: Tom Bennett'],
    stages: [
      {
        approver: 'ellie',
        approverName: 'Ellie Watson',
        roleTitle: 'Policy and Communications Team',
        status: 'with Decision by the Policy and Communications Team (stage 1 of 1)',
        // The team's alternate: only an escalation would let Dan decide.
        outsider: 'dan',
      },
    ],
    followUps: [
      { to: 'ellie', text: "Approve the new account's branding" },
      { to: 'ellie', text: 'Make sure the team has access to the new departmental account' },
    ],
  },
  {
    councilId: 'chiltern',
    opening: 'we need a facebook page for waste and recycling',
    answers: CHILTERN_ANSWERS,
    name: 'Facebook for Waste and Recycling',
    summaryLines: ['Service: Waste and Recycling', 'Planned life: 24 months', 'Training: Yes'],
    stages: [
      {
        approver: 'vikram',
        approverName: 'Vikram Shah',
        roleTitle: 'Senior manager (principal officer or head of service)',
        status: "with Agreement with the service's senior manager (principal officer or head of service) (stage 1 of 2)",
        // Management Team may not jump the senior manager's stage.
        outsider: 'claire',
      },
      {
        approver: 'claire',
        approverName: 'Claire Whitfield',
        roleTitle: 'Management Team',
        status: 'with Agreement by Management Team (stage 2 of 2)',
        // The senior manager has had their say; Management Team's decision is not theirs.
        outsider: 'vikram',
      },
    ],
    followUps: [{ to: 'zara', text: 'Management Team has agreed the new account' }],
  },
  {
    councilId: 'wouldham',
    opening: 'can we set up a facebook page for the summer fete',
    answers: WOULDHAM_ANSWERS,
    name: 'Facebook for the summer fete',
    summaryLines: ['Service: the summer fete', 'Platform: Facebook', 'Deputy: Jo Pemberton'],
    stages: [
      {
        approver: 'jo',
        approverName: 'Jo Pemberton',
        roleTitle: 'Clerk to the Council',
        status: 'with Agreement by the Council (recorded by the Clerk) (stage 1 of 1)',
        // The Chair stands in for the Clerk only on escalation.
        outsider: 'margaret',
      },
    ],
    followUps: [],
  },
];

/** Types each answer after checking the question it answers; returns the reply to the last one. */
async function fillForm(chat: ConversationHarness, opening: string, answers: Answers, overrides: Record<number, string> = {}): Promise<string> {
  let reply = await chat.say('robin', opening);
  expect(reply).toContain(`(${REF})`);
  for (const [index, [question, answer]] of answers.entries()) {
    expect(reply).toContain(question);
    reply = await chat.say('robin', overrides[index] ?? answer);
  }
  return reply;
}

/** People who were posted a card for this stage of the request. */
function cardHolders(chat: ConversationHarness, stageIndex: number): string[] {
  return chat.delivered
    .filter((entry) => entry.item.operation === 'post' && entry.item.cardKey?.startsWith(`approval:${REF}:r1:s${stageIndex}:`))
    .map((entry) => entry.to);
}

describe.each(COUNCILS)('the $councilId business case, from request to decision', (council) => {
  let chat: ConversationHarness;
  beforeEach(() => {
    chat = new ConversationHarness(council.councilId);
  });
  afterEach(() => chat.close());

  it('asks its own questions in order, then walks the approval chain the pack defines', async () => {
    const summary = await fillForm(chat, council.opening, council.answers);
    expect(summary).toContain(`Check your business case (${REF})`);
    for (const line of council.summaryLines) expect(summary).toContain(line);
    expect(summary).not.toContain('Before this can go for approval');

    const submitted = await chat.press('robin', 'Submit');
    expect(submitted).toContain(`Submitted ${council.name} (${REF}). It is now ${council.stages[0]!.status}.`);
    expect(chat.inbox('comms')).toEqual([expect.stringContaining(`New business case: ${council.name} (${REF}) from Robin Ashdown`)]);

    for (const [stageIndex, stage] of council.stages.entries()) {
      const last = stageIndex === council.stages.length - 1;
      // Only the stage's approver is sent its card: not the requester, the role's alternate or anyone else.
      expect(cardHolders(chat, stageIndex)).toEqual([`console:${stage.approver}`]);
      const everyCardPosted = chat.delivered.filter((entry) => entry.item.operation === 'post' && entry.text.includes('Business case for approval'));
      expect(everyCardPosted.map((entry) => entry.to)).toEqual(council.stages.slice(0, stageIndex + 1).map((earlier) => `console:${earlier.approver}`));
      expect(chat.inbox(stage.approver).at(-1)).toContain(`Business case for approval: ${council.name} (${REF})`);
      expect(chat.inbox(stage.approver).at(-1)).toContain(`You are asked as ${stage.roleTitle}`);

      // Someone outside the stage pressing the stage's own Approve token is refused, and nothing moves.
      const approve = chat.findButton(stage.approver, 'Approve')!;
      const before = findAccountRequest(chat.desk.database, REF);
      const refused = await chat.turn(stage.outsider, { kind: 'button', actionId: approve.actionId, value: approve.value });
      expect(refused.trim()).toBe(`Sorry, Only ${stage.roleTitle} can decide this stage. Nothing has changed.`);
      const own = await chat.turn('robin', { kind: 'button', actionId: approve.actionId, value: approve.value });
      expect(own.trim()).toBe('Sorry, You cannot decide on your own request. Nothing has changed.');
      expect(findAccountRequest(chat.desk.database, REF)).toEqual(before);
      expect(listDecisions(chat.desk.database, REF)).toHaveLength(stageIndex);
      expect(chat.inbox('comms')).toHaveLength(1);

      const robinHeard = chat.inbox('robin').length;
      const recorded = await chat.press(stage.approver, 'Approve');
      const next = last ? 'approved' : council.stages[stageIndex + 1]!.status;
      expect(recorded.trim()).toBe(`Recorded: you approved ${council.name} (${REF}) as ${stage.roleTitle}. It is now ${next}.`);
      expect(chat.inbox('robin')).toHaveLength(robinHeard + 1);
      expect(chat.inbox('robin').at(-1)).toContain(`${stage.approverName} (${stage.roleTitle}) approved it on 23 Nov 2026, 09:00`);
      if (last) {
        expect(chat.inbox('robin').at(-1)).toContain(`${council.name} (${REF}) is approved.`);
      } else {
        expect(chat.inbox('robin').at(-1)).toContain(`It is now ${next}.`);
        expect(findAccountRequest(chat.desk.database, REF)).toMatchObject({ status: 'in-review', stageIndex: stageIndex + 1 });
      }
    }

    expect(findAccountRequest(chat.desk.database, REF)?.status).toBe('approved');
    expect(listDecisions(chat.desk.database, REF).map((decision) => decision.decider.personId)).toEqual(council.stages.map((stage) => stage.approver));
    expect(chat.inbox('comms')).toHaveLength(2);
    expect(chat.inbox('comms').at(-1)).toContain(`Approved: ${council.name} (${REF}), requested by Robin Ashdown.`);
    const tasks = chat.delivered.filter((entry) => entry.text.includes('To do for'));
    expect(tasks.map((entry) => entry.to)).toEqual(council.followUps.map((task) => `console:${task.to}`));
    for (const [index, task] of council.followUps.entries()) {
      expect(tasks[index]!.text).toContain(`To do for ${council.name} (${REF}): ${task.text}`);
    }

    const refusals = listAudit(chat.desk.database, REF).filter((entry) => entry.action === 'decision-refused');
    expect(refusals.map((entry) => [entry.actorKey, entry.detail?.reason])).toEqual(
      council.stages.flatMap((stage) => [
        [`console:${stage.outsider}`, 'not-approver'],
        ['console:robin', 'own-request'],
      ]),
    );
  });

  it('records a rejection with its reason at the first stage and tells the requester and the comms channel', async () => {
    await fillForm(chat, council.opening, council.answers);
    await chat.press('robin', 'Submit');
    const [first] = council.stages;
    expect(await chat.press(first!.approver, 'Reject')).toContain('Why are you rejecting it?');
    expect(await chat.say(first!.approver, 'We already post this on the main council page.')).toContain(`Recorded: you rejected ${council.name}`);
    expect(findAccountRequest(chat.desk.database, REF)?.status).toBe('rejected');
    expect(chat.inbox('robin').at(-1)).toContain(`${council.name} (${REF}) was rejected. ${first!.approverName} (${first!.roleTitle}) rejected it`);
    expect(chat.inbox('robin').at(-1)).toContain('We already post this on the main council page.');
    expect(chat.inbox('comms').at(-1)).toContain(`Rejected: ${council.name} (${REF}), requested by Robin Ashdown.`);
    // A rejected case goes no further: no later stage's card and no set-up task.
    expect(cardHolders(chat, 1)).toEqual([]);
    expect(chat.delivered.some((entry) => entry.text.includes('To do for'))).toBe(false);
  });
});

describe('each council form checks its own answers', () => {
  let chat: ConversationHarness | undefined;
  afterEach(() => {
    chat?.close();
    chat = undefined;
  });

  it('Cannock: a misspelt platform is refused with the choices, a partial name is taken, and a thin exit strategy holds the case back', async () => {
    chat = new ConversationHarness('cannock');
    let reply = await chat.say('robin', COUNCILS[0]!.opening);
    reply = await chat.say('robin', 'leis');
    expect(reply).toContain('2 of 15: Platform');
    reply = await chat.say('robin', 'Facebok');
    expect(reply).toContain('Please pick one of: Facebook, X/Twitter, Instagram, YouTube, LinkedIn, Other.');
    expect(reply).toContain('2 of 15: Platform');
    reply = await chat.say('robin', 'twitter');
    expect(reply).toContain('3 of 15: Account name');
    for (const [question, answer] of CANNOCK_ANSWERS.slice(2, -1)) {
      expect(reply).toContain(question);
      reply = await chat.say('robin', answer);
    }
    expect(reply).toContain('15 of 15: Exit strategy');
    const summary = await chat.say('robin', 'we would delete it');
    expect(summary).toContain('Service: Leisure');
    expect(summary).toContain('Platform: X/Twitter');
    expect(summary).toContain('Before this can go for approval, the policy asks for');
    expect(summary).toContain('Have an exit strategy (D 6.1).');
    expect(summary).toContain('You said: we would delete it');
    expect(chat.findButton('robin', 'Submit')).toBeUndefined();
    expect(await chat.say('robin', 'submit')).toContain('Before this can go for approval');
    expect(findAccountRequest(chat.desk.database, REF)?.status).toBe('draft');
    expect(chat.inbox('ellie')).toEqual([]);
    expect(chat.inbox('comms')).toEqual([]);
  });

  it('Chiltern: the planned life must be one number of months from 1 to 120, and untrained staff hold the case back', async () => {
    chat = new ConversationHarness('chiltern');
    let reply = await chat.say('robin', COUNCILS[1]!.opening);
    for (const [question, answer] of CHILTERN_ANSWERS.slice(0, 8)) {
      expect(reply).toContain(question);
      reply = await chat.say('robin', answer);
    }
    expect(reply).toContain('9 of 13: Planned life');
    const refusals: [typed: string, problem: string][] = [
      ['as long as it is useful', 'Please answer “Planned life” with a single number of months.'],
      ['6 to 12', 'Please answer “Planned life” with a single number of months.'],
      ['0', '“Planned life” must be at least 1.'],
      ['-3', '“Planned life” must be at least 1.'],
      ['150', '“Planned life” must be at most 120.'],
    ];
    for (const [typed, problem] of refusals) {
      reply = await chat.say('robin', typed);
      expect(reply, typed).toContain(problem);
      expect(reply, typed).toContain('9 of 13: Planned life');
    }
    reply = await chat.say('robin', '18 months');
    expect(reply).toContain('10 of 13: Manager');
    reply = await chat.say('robin', 'Dave Collins');
    reply = await chat.say('robin', 'Anita Desai');
    expect(reply).toContain('12 of 13: Training');
    expect(await chat.say('robin', 'mostly')).toContain('Please answer yes or no.');
    reply = await chat.press('robin', 'No');
    expect(reply).toContain('13 of 13: Closing or handing over');
    const summary = await chat.say('robin', CHILTERN_ANSWERS[12]![1]);
    expect(summary).toContain('Planned life: 18 months');
    expect(summary).toContain('Training: No');
    expect(summary).toContain('Everyone using social media on behalf of the Council should be suitably trained (11.4)');
    expect(chat.findButton('robin', 'Submit')).toBeUndefined();
    expect(findAccountRequest(chat.desk.database, REF)?.status).toBe('draft');
    expect(chat.inbox('vikram')).toEqual([]);
  });

  it('Wouldham: a deputy who is the manager, however typed, is refused', async () => {
    chat = new ConversationHarness('wouldham');
    let reply = await chat.say('robin', COUNCILS[2]!.opening);
    for (const [question, answer] of WOULDHAM_ANSWERS.slice(0, 4)) {
      expect(reply).toContain(question);
      reply = await chat.say('robin', answer);
    }
    expect(reply).toContain('5 of 7: Manager');
    reply = await chat.say('robin', 'Jo Pemberton');
    expect(reply).toContain('6 of 7: Deputy');
    for (const same of ['Jo Pemberton', 'jo pemberton', '  JO   PEMBERTON ']) {
      reply = await chat.say('robin', same);
      expect(reply, same).toContain('“Deputy” must be someone other than Jo Pemberton, so that the account is covered when they are away.');
      expect(reply, same).toContain('6 of 7: Deputy');
    }
    reply = await chat.say('robin', 'Cllr Margaret Hale');
    expect(reply).toContain('7 of 7: Following the policy');
    const summary = await chat.say('robin', WOULDHAM_ANSWERS[6]![1]);
    expect(summary).toContain('Manager: Jo Pemberton');
    expect(summary).toContain('Deputy: Cllr Margaret Hale');
    expect(chat.findButton('robin', 'Submit')).toBeDefined();
  });
});

describe('short answers in a Chiltern form', () => {
  let chat: ConversationHarness;
  beforeEach(() => {
    chat = new ConversationHarness('chiltern');
  });
  afterEach(() => chat.close());

  async function answerFirst(count: number, overrides: Record<number, string> = {}): Promise<string> {
    let reply = await chat.say('robin', COUNCILS[1]!.opening);
    for (const [index, [question, answer]] of CHILTERN_ANSWERS.slice(0, count).entries()) {
      expect(reply).toContain(question);
      reply = await chat.say('robin', overrides[index] ?? answer);
    }
    return reply;
  }

  // Answers of three words or fewer also go to the intent model, which reads "no" and some names as "cancel":
  // a valid answer must never throw the draft away.
  const shortAnswers: [question: string, typed: string, next: string, fieldIndex: number][] = [
    ['12 of 13: Training', 'no', '13 of 13: Closing or handing over', 11],
    ['12 of 13: Training', 'nope', '13 of 13: Closing or handing over', 11],
    ['12 of 13: Training', 'not really', '13 of 13: Closing or handing over', 11],
    ['9 of 13: Planned life', '12', '10 of 13: Manager', 8],
  ];
  for (const [question, typed, next, fieldIndex] of shortAnswers) {
    it(`takes "${typed}" typed for ${question} as the answer, not as cancel or back`, async () => {
      expect(await answerFirst(fieldIndex)).toContain(question);
      const reply = await chat.say('robin', typed);
      expect(reply).toContain(next);
      expect(findAccountRequest(chat.desk.database, REF)?.status).toBe('draft');
    });
  }

  it('takes a short name typed for the deputy ("Sue Patel") as the answer, never as cancel', async () => {
    expect(await answerFirst(10)).toContain('11 of 13: Deputy');
    const reply = await chat.say('robin', 'Sue Patel');
    expect(reply).toContain('12 of 13: Training');
    expect(findAccountRequest(chat.desk.database, REF)?.status).toBe('draft');
  });

  it('reads "Waste & Recycling" as the Waste and Recycling service, so its senior manager gets the card', async () => {
    const summary = await answerFirst(CHILTERN_ANSWERS.length, { 0: 'Waste & Recycling' });
    expect(summary).toContain('Check your business case');
    await chat.press('robin', 'Submit');
    expect(cardHolders(chat, 0)).toEqual(['console:vikram']);
  });
});

describe('a case whose requester holds the stage role', () => {
  let chat: ConversationHarness;
  beforeEach(async () => {
    // Jo is the Clerk, and asks for a page herself.
    chat = new ConversationHarness('wouldham');
    await chat.say('jo', COUNCILS[2]!.opening);
    for (const [, answer] of WOULDHAM_ANSWERS) await chat.say('jo', answer === 'Jo Pemberton' ? 'Cllr Pat Donnelly' : answer);
    expect(await chat.press('jo', 'Submit')).toContain(`Submitted ${COUNCILS[2]!.name} (${REF})`);
  });
  afterEach(() => chat.close());

  it('goes to the role\'s alternate, without telling anyone that nobody holds the role', () => {
    expect([...chat.inbox('jo'), ...chat.inbox('comms')].filter((text) => text.includes('Nobody is listed as Clerk to the Council'))).toEqual([]);
    expect(chat.inbox('margaret').at(-1)).toContain('You are asked as Clerk to the Council');
  });

  it('never reminds the requester to decide her own case', async () => {
    chat.clock.advanceHours(24 * 7);
    chat.desk.core.runScheduledWork();
    await chat.deliver();
    expect(chat.inbox('jo').filter((text) => text.includes('waiting for your decision'))).toEqual([]);
  });
});
