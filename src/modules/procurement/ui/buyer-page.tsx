import { useLoaderData } from 'react-router';
import { orNotFound } from './risk-loaders.server.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { getPartyProfile } from '../commands/risk-views.js';
import { PartyProfileView, presentPartyProfile } from './party-profile.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { profile: { name: string } } }) {
  return pageTitle(args, args.data ? { text: args.data.profile.name } : null, { id: 'procurement.profile.buyerTitle' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const cursor = new URL(request.url).searchParams.get('cursor');
  const profile = await orNotFound(() => getPartyProfile(deps, ctx.site.id, 'buyer', params.id ?? '', { cursor }));
  return { profile: presentPartyProfile(profile, ctx.locale) };
}

export default function BuyerPage() {
  const { profile } = useLoaderData<typeof loader>();
  return <PartyProfileView profile={profile} />;
}
