import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
  type ConversationReference,
  type Request as BotRequest,
  type Response as BotResponse,
} from 'botbuilder';
import type { PolicyDesk } from '../app/open-policy-desk.js';
import { runTurnsInProcess, type TurnRunner } from '../app/turn-runner.js';
import type { Participant } from '../approvals/account-request.js';
import { viewCardFor } from '../conversations/card-views.js';
import { withSubmittedAnswers } from '../conversations/messages/compose-form-view.js';
import { APOLOGY, type Message } from '../conversations/message.js';
import type { Place, TurnCommand, TurnInput, TurnResult } from '../conversations/turn.js';
import type { Deliverer } from '../delivery/deliver-outbox.js';
import { findCurrentCard } from '../storage/outbox.js';
import { saveTeamsAddressIfNew, saveTeamsConversation } from '../storage/teams-conversations.js';
import { TEAMS_COMMANDS } from './build-teams-package.js';
import { renderAdaptiveCards, renderFormCard, readCardAction, readFormSubmission, readRefreshRequest, withRefresh, FORM_SUBMIT_VERB, REFRESH_VERB, type AdaptiveCardJson } from './render-adaptive-card.js';
import type { TeamsConfig } from './read-teams-config.js';
import { createTeamsDeliverer } from './teams-deliverer.js';

export interface TeamsAppOptions {
  /** Logs get what went wrong, never a secret or a message's text. */
  logError: (error: unknown) => void;
  defaultCouncilId?: string | undefined;
  /** Where turns run; in this thread unless given (main.ts gives a worker thread). */
  turns?: TurnRunner | undefined;
  /** Called after a turn that put messages in the outbox. */
  onNotified?: (() => void) | undefined;
}

export interface TeamsApp {
  /** POST /api/messages: botbuilder checks the JWT (unless in local test mode) and runs the turn. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Sends outbox items to Teams users and channels, proactively. */
  deliverer: Deliverer;
  /** Waits for replies still being sent. */
  stop(): Promise<void>;
}

export const TEAMS_ENDPOINT = '/api/messages';
const MAX_BODY_BYTES = 1_000_000;
const COMMANDS: ReadonlyMap<string, TurnCommand> = new Map(TEAMS_COMMANDS.map(({ title, command }) => [title, command]));

/**
 * Policy Desk in Microsoft Teams: one-to-one chat, @mentions in channels and card buttons (Action.Execute, or
 * Action.Submit on older clients), all through the one conversation core. Each turn is answered quickly;
 * its replies are then sent proactively, so a slow connector never makes Teams resend the activity.
 */
export function createTeamsApp(desk: PolicyDesk, config: TeamsConfig, options: TeamsAppOptions): TeamsApp {
  const turns = options.turns ?? runTurnsInProcess(desk.core);
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(
      config.auth === 'azure'
        ? { MicrosoftAppId: config.appId, MicrosoftAppPassword: config.appPassword, MicrosoftAppType: config.appType, MicrosoftAppTenantId: config.tenantId }
        : {},
    ),
  );
  const botAppId = config.auth === 'azure' ? config.appId : '';
  adapter.onTurnError = async (_context, error) => options.logError(error);
  const deliverer = createTeamsDeliverer(adapter, botAppId, desk, config);

  const councilFor = (tenantId: string | undefined): string | undefined =>
    (tenantId !== undefined ? config.tenants.get(tenantId.toLowerCase()) : undefined) ?? options.defaultCouncilId ?? (desk.library.packs.size === 1 ? [...desk.library.packs.keys()][0] : undefined);

  const participantFor = (activity: Activity, councilId: string): Participant => {
    const { id, aadObjectId, name } = activity.from;
    const directory = desk.directories.get(councilId);
    const person = (aadObjectId ? directory?.findByIdentity('teams', aadObjectId) : undefined) ?? directory?.findByIdentity('teams', id);
    return { key: `teams:${aadObjectId ?? id}`, name: person?.name ?? name ?? 'Teams user', personId: person?.id, channel: 'teams' };
  };

  /** Keeps where this user (or channel) can be reached later: their approvals, cases and replies go there. */
  const remember = (activity: Activity, tenantId: string | undefined) => {
    const reference = TurnContext.getConversationReference(activity);
    const conversation = activity.conversation;
    if (conversation?.conversationType === 'personal') {
      for (const id of [activity.from?.id, activity.from?.aadObjectId]) if (id) saveTeamsConversation(desk.database, `teams:${id}`, tenantId, reference);
    } else if (conversation?.conversationType === 'channel') {
      // The channel itself, not the thread this message started.
      const channelId = conversation.id.split(';')[0]!;
      saveTeamsConversation(desk.database, `teams:${channelId}`, tenantId, { ...reference, conversation: { ...conversation, id: channelId } });
      // Someone met only in a channel: enough to open a 1:1 chat with them later (a report started there moves to it).
      const { conversation: _channel, activityId: _activity, ...withoutConversation } = reference;
      for (const id of [activity.from?.id, activity.from?.aadObjectId]) if (id) saveTeamsAddressIfNew(desk.database, `teams:${id}`, tenantId, withoutConversation);
    }
  };

  const inFlight = new Set<Promise<void>>();
  /** Sends replies (and a whole form's card) after the activity has been answered, into the same chat or thread. */
  const sendLater = (reference: Partial<ConversationReference>, messages: Message[], form?: AdaptiveCardJson) => {
    const cards = messages.flatMap((message) => renderAdaptiveCards(message).map((card) => ({ summary: message.summary, card })));
    if (form) cards.push({ summary: form.fallbackText ?? 'Form', card: form });
    if (cards.length === 0) return;
    const sending = adapter
      .continueConversationAsync(botAppId, reference, async (context) => {
        for (const { summary, card } of cards) await context.sendActivity({ type: 'message', summary, attachments: [CardFactory.adaptiveCard(card)] });
      })
      .catch(options.logError);
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  };

  /** A turn through the core; its replies are sent, except a refused form's card, which the caller shows (in place, for Action.Execute). */
  const runTurn = async (activity: Activity, input: TurnInput, place: Place): Promise<{ result?: TurnResult; refusedForm?: AdaptiveCardJson }> => {
    const reference = TurnContext.getConversationReference(activity);
    const councilId = councilFor(tenantOf(activity));
    if (councilId === undefined) {
      sendLater(reference, [{ summary: 'Not set up', parts: [{ kind: 'text', text: 'This Microsoft 365 tenant is not linked to a council yet. Please ask your administrator to set POLICY_DESK_COUNCIL or POLICY_DESK_TEAMS_TENANTS.' }] }]);
      return {};
    }
    const participant = participantFor(activity, councilId);
    try {
      const result = await turns.handleTurn({ participant, councilId, input, place, deliveryId: `teams:${activity.id}` });
      if (result.duplicate) return { result };
      if (result.notified) options.onNotified?.();
      if (result.formProblems && input.kind === 'form') {
        // Nothing was saved: the form comes back as they left it, each problem under its question.
        const again = await turns.handleTurn({ participant, councilId, input: { kind: 'command', command: 'request-form' }, place: 'direct' });
        if (again.form) return { result, refusedForm: renderFormCard(withSubmittedAnswers(again.form, input.answers), result.formProblems) };
      }
      sendLater(reference, result.replies, result.form && renderFormCard(result.form));
      return { result };
    } catch (error) {
      options.logError(error);
      sendLater(reference, [APOLOGY]);
      return {};
    }
  };

  /** This viewer's card as it now stands (Teams' refresh): the recipient's with buttons, anyone else's without, and none of a report. */
  const currentViewOf = (activity: Activity, cardKey: string | undefined): AdaptiveCardJson | undefined => {
    const councilId = councilFor(tenantOf(activity));
    const current = cardKey === undefined ? undefined : findCurrentCard(desk.database, desk.sealer, cardKey);
    if (!current || councilId === undefined) return undefined;
    const viewer = participantFor(activity, councilId);
    const card = renderAdaptiveCards(viewCardFor(current, viewer)).at(-1)!;
    return withRefresh(card, cardKey!, activity.from?.id ? [activity.from.id] : []);
  };

  const logic = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    remember(activity, tenantOf(activity));
    const place: Place = activity.conversation?.conversationType === 'personal' ? 'direct' : 'channel';
    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
      const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
      const answerInvoke = (body: Record<string, unknown>) => context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
      const refused = (code: string, message: string) => answerInvoke({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code, message } });
      if (action?.verb === REFRESH_VERB) {
        const view = currentViewOf(activity, readRefreshRequest(action.data));
        await (view ? answerInvoke({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: view }) : refused('NotFound', 'Policy Desk no longer has this card.'));
        return;
      }
      const input = readCardInput(action?.verb, action?.data);
      if (!input) {
        await refused('BadRequest', 'That button is not one Policy Desk sent.');
        return;
      }
      const { result, refusedForm } = await runTurn(activity, input, place);
      // The invoke is answered at once: a refused form replaces its card; otherwise the replies follow as messages.
      await answerInvoke(
        refusedForm
          ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: refusedForm }
          : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result?.replies[0]?.summary ?? 'Done.' },
      );
      return;
    }
    if (activity.type !== 'message') return;
    const input = activity.value !== undefined ? readCardInput(undefined, activity.value) : textInput(TurnContext.removeRecipientMention(activity) ?? activity.text ?? '', place);
    if (!input) return;
    const { refusedForm } = await runTurn(activity, input, place);
    if (refusedForm) sendLater(TurnContext.getConversationReference(activity), [], refusedForm);
  };

  return {
    deliverer,
    handle(request, response) {
      if ((request.url ?? '').split('?')[0] !== TEAMS_ENDPOINT) return void response.writeHead(404).end();
      if (request.method !== 'POST') return void response.writeHead(405, { allow: 'POST' }).end();
      void readJson(request).then(
        (body) => {
          // botbuilder rejects a body without an activity type without answering: refuse it here.
          if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string' || (body as { type: string }).type === '') {
            return void response.writeHead(400).end();
          }
          const botRequest: BotRequest = { method: request.method, headers: request.headers, body: body as Record<string, unknown> };
          adapter.process(botRequest, toBotResponse(response), logic).catch((error: unknown) => {
            options.logError(error);
            if (!response.headersSent) response.writeHead(400);
            response.end();
          });
        },
        (status: number) => void response.writeHead(status).end(),
      );
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** Some activities carry the tenant in the conversation, some only in channelData. */
function tenantOf(activity: Activity): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

/** A card button or submitted form, from Action.Execute (verb and data) or Action.Submit (data alone). */
function readCardInput(verb: unknown, data: unknown): TurnInput | undefined {
  const form = verb === FORM_SUBMIT_VERB || verb === undefined ? readFormSubmission(data) : undefined;
  if (form) return { kind: 'form', formId: form.formId, answers: form.answers };
  if (verb === FORM_SUBMIT_VERB) return undefined;
  const pressed = readCardAction(data);
  return pressed ? { kind: 'button', actionId: pressed.actionId, value: pressed.value } : undefined;
}

/** Teams' command list ("help", "request form") as commands; anything else as what the person typed. */
function textInput(text: string, place: Place): TurnInput {
  const command = COMMANDS.get(text.trim().toLowerCase().replace(/\s+/g, ' '));
  // A whole form is a private chat's: in a channel the request goes one question at a time to the person's chat.
  if (command === 'request-form' && place !== 'direct') return { kind: 'command', command: 'request' };
  return command ? { kind: 'command', command } : { kind: 'text', text: text.trim() };
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(413);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(400);
      }
    });
    request.on('error', () => reject(400));
  });
}

/** botbuilder's response interface over node's ServerResponse. */
function toBotResponse(response: ServerResponse): BotResponse {
  return {
    socket: response.socket,
    status: (code: number) => (response.statusCode = code),
    header: (name: string, value: unknown) => response.setHeader(name, String(value)),
    send: (body: unknown) => {
      if (body === undefined) return;
      response.setHeader('content-type', typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8');
      response.write(typeof body === 'string' ? body : JSON.stringify(body));
    },
    end: () => response.end(),
  };
}
