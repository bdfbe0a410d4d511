import { redirect } from 'react-router';
import type { ActionArgs } from '../../../web/kit/route-args.js';
import { signOut } from '../commands/sign-out.js';
import { clearSessionCookie } from '../commands/support.js';

/** Visiting /sign-out does nothing: signing out is a POST (the header's form). */
export function loader() {
  return redirect('/');
}

/** Ends the session and removes the cookie. */
export async function action({ context }: ActionArgs) {
  const { deps, ctx } = context;
  await signOut(deps, ctx.site.id, ctx.sessionId);
  return redirect('/', { headers: { 'Set-Cookie': clearSessionCookie(deps.env) } });
}
