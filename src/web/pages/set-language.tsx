import { redirect, type LoaderFunctionArgs } from 'react-router';
import { safeRedirectPath } from '../../kernel/redirect.js';

/** The language form submits here; the server already stored the choice from `?lang=`. */
export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Back to the page the form was on (its Referer), when that page is on this site.
  let back = '/';
  try {
    const referer = new URL(request.headers.get('referer') ?? '');
    if (referer.host === url.host) {
      referer.searchParams.delete('lang');
      back = referer.pathname + referer.search;
    }
  } catch {
    // No Referer, or not a URL: home.
  }
  return redirect(safeRedirectPath(back));
}
