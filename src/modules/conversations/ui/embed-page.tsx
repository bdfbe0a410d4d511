import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { actOnParticipation, loadParticipation } from './participation.server.js';
import { ParticipationView } from './participation-view.js';

/** Shown inside another site's iframe: no site header or footer (root layout). */
export const handle = { bare: true };

export function meta({ data: d }: { data?: { topic: string } }) {
  return d ? [{ title: `${d.topic} · Polity` }] : [];
}

export const loader = (args: LoaderArgs) => loadParticipation(args, true);
export const action = (args: ActionArgs) => actOnParticipation(args, true);

export default function EmbedPage() {
  return <ParticipationView />;
}
