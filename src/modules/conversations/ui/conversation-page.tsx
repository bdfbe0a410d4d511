import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { actOnParticipation, loadParticipation } from './participation.server.js';
import { ParticipationView } from './participation-view.js';

export function meta({ data: d }: { data?: { topic: string } }) {
  return d ? [{ title: `${d.topic} · Polity` }] : [];
}

export const loader = (args: LoaderArgs) => loadParticipation(args, false);
export const action = (args: ActionArgs) => actOnParticipation(args, false);

export default function ConversationPage() {
  return <ParticipationView />;
}
