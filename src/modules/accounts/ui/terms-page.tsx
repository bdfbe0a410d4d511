import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { titleOf } from './helpers.js';
import { LegalPage, loadLegalText } from './legal-text.js';

export function meta({ matches }: { matches: readonly ({ id: string; data?: unknown } | undefined)[] }) {
  return titleOf(matches, 'accounts.legal.terms.title');
}

/** The site's current terms of use. */
export function loader(args: LoaderArgs) {
  return loadLegalText(args, 'terms');
}

export default LegalPage;
