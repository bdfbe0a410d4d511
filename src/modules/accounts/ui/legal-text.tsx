import { useLoaderData } from 'react-router';
import { pickText } from '../../../kernel/i18n.js';
import { formatDate } from '../../../web/kit/format.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { LoaderArgs } from '../../../web/kit/route-args.js';
import { readLegalText } from '../commands/legal.js';
import type { LegalKind } from '../store/tables.js';

/**
 * The loader of a legal page: the site's current text of `kind` in the reader's language (or the
 * site's), or null when the site has not written one and the default text applies.
 */
export async function loadLegalText({ context }: LoaderArgs, kind: LegalKind) {
  const { deps, ctx } = context;
  const text = await readLegalText(deps, ctx.site.id, kind);
  const picked = text.body ? pickText(text.body, ctx.locale, ctx.site.defaultLocale) : null;
  return {
    kind,
    version: text.version,
    body: picked?.text ?? null,
    lang: picked?.locale ?? null,
    updatedAt: text.updatedAt?.toISOString() ?? null,
  };
}

/** Plain text as paragraphs: blank lines separate them. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** A legal page: the title, the text (the site's, or the default in the reader's language) and its version. */
export function LegalPage() {
  const d = useLoaderData<typeof loadLegalText>();
  const t = useT();
  const { locale, site } = useRoot();
  const body = d.body ?? t(`accounts.legal.${d.kind}.default`, { site: site.name });
  return (
    <>
      <h1>{t(`accounts.legal.${d.kind}.title`)}</h1>
      <div className="prose" lang={d.body && d.lang && d.lang !== locale ? d.lang : undefined}>
        {paragraphs(body).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
      <p className="hint">
        {d.updatedAt
          ? t('accounts.legal.version', { version: d.version, date: formatDate(d.updatedAt, locale) })
          : t('accounts.legal.defaultVersion')}
      </p>
    </>
  );
}
