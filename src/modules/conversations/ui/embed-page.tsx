import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { actOnParticipation, loadParticipation } from './participation.server.js';
import { ParticipationView } from './participation-view.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

/** Shown inside another site's iframe: no site header or footer (root layout). */
export const handle = { bare: true };

export function meta(args: TitleArgs & { data?: { topic: string } }) {
  return pageTitle(args, args.data ? { text: args.data.topic } : { id: 'conversations.nav' });
}

export const loader = (args: LoaderArgs) => loadParticipation(args, true);
export const action = (args: ActionArgs) => actOnParticipation(args, true);

export default function EmbedPage() {
  return <ParticipationView />;
}
