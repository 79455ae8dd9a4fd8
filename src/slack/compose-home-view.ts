import type { HomeView, KnownBlock } from '@slack/types';
import type { Message } from '../conversations/message.js';
import { renderBlockKit } from './render-block-kit.js';

const HOME_BLOCK_LIMIT = 100;

/** The App Home tab: what Policy Desk does, with its start buttons, then the user's requests, reports and cases. */
export function composeHomeView(messages: readonly Message[]): HomeView {
  const blocks: KnownBlock[] = [];
  for (const message of messages) {
    const rendered = renderBlockKit(message).blocks;
    if (blocks.length + rendered.length + 1 > HOME_BLOCK_LIMIT) break;
    if (blocks.length > 0) blocks.push({ type: 'divider' });
    blocks.push(...rendered);
  }
  return { type: 'home', blocks };
}
