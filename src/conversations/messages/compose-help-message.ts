import { ACTION_IDS } from '../action-ids.js';
import type { Message } from '../message.js';
import type { TurnContext } from '../turn-context.js';

export function composeHelpMessage(context: TurnContext): Message {
  const { pack } = context;
  const buttons = [
    ...(pack.businessCase ? [context.button(ACTION_IDS.startRequest, 'Request a new account', { kind: 'start-request' })] : []),
    ...(pack.reportRouting && context.deps.reportForm ? [context.button(ACTION_IDS.startReport, 'Report something', { kind: 'start-report' })] : []),
    context.button(ACTION_IDS.showMyRequests, 'My requests', { kind: 'my-requests' }),
  ];
  return {
    summary: `Policy Desk for ${pack.councilName}`,
    parts: [
      { kind: 'heading', text: `Policy Desk: the ${pack.policyTitle} of ${pack.councilName}` },
      {
        kind: 'text',
        text: [
          'Ask me about social media in your own words, e.g. “can I post photos of residents?” or “can I tweet about the election?”. I quote the clause of your policy that answers it and tell you who to ask.',
          ...(pack.businessCase ? ['Say “we want an Instagram account for our service” to fill in the business case and send it for approval.'] : []),
          ...(pack.reportRouting ? ['Say “report” to report abuse, bullying, a breach or a mistake, privately, to the officer your policy names.'] : []),
          'Say “my requests” to see where your requests and reports are, and anything waiting for you.',
          'In a form: “back”, “skip” (optional questions), “edit <question>”, “cancel”.',
        ].join('\n'),
      },
      { kind: 'buttons', buttons },
    ],
  };
}
