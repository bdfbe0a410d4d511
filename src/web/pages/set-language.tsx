import { redirect, type LoaderFunctionArgs } from 'react-router';

/** The language form submits here; the server already stored the choice from `?lang=`. */
export function loader({ request }: LoaderFunctionArgs) {
  const back = request.headers.get('referer');
  const url = new URL(request.url);
  const target = back && new URL(back).host === url.host ? new URL(back) : new URL('/', url);
  target.searchParams.delete('lang');
  return redirect(target.pathname + target.search);
}
