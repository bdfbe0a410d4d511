import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { LegalPage, loadLegalText } from './legal-text.js';
import { pageTitle } from '../../../web/kit/page-title.js';

export function meta({ matches }: { matches: readonly ({ id: string; data?: unknown } | undefined)[] }) {
  return pageTitle({ matches }, { id: 'accounts.legal.terms.title' });
}

/** The site's current terms of use. */
export function loader(args: LoaderArgs) {
  return loadLegalText(args, 'terms');
}

export default LegalPage;
