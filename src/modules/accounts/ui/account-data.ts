import { redirect } from 'react-router';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { exportUserData } from '../commands/personal-data.js';

/** /account/data.json: everything the site holds about the signed-in person, as a download. */
export async function loader({ context }: LoaderArgs) {
  const { deps, ctx, manifests } = context;
  if (ctx.actor.kind !== 'user') throw redirect('/sign-in?next=%2Faccount');
  const exported = await exportUserData(deps, ctx.site.id, ctx.actor.userId, manifests);
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="my-data.json"',
      'Cache-Control': 'no-store',
    },
  });
}
