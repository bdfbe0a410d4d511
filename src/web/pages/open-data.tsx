import { useLoaderData } from 'react-router';
import { useT } from '../kit/i18n.js';
import type { LoaderArgs } from '../load-context.js';
import { Table } from '../kit/table.js';
import { pageTitle, type TitleArgs } from '../kit/page-title.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'openData.title' });
}

/** Every open-data export the mounted modules publish, from their manifests. */
export function loader({ context }: LoaderArgs) {
  return { exports: context.manifests.flatMap((m) => (m.openData ?? []).map((e) => ({ ...e, module: m.id }))) };
}

export default function OpenDataPage() {
  const { exports } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('openData.title')}</h1>
      <p className="lead">{t('openData.intro')}</p>
      {exports.length === 0 ? (
        <p>{t('openData.none')}</p>
      ) : (
        <Table label={t('openData.caption')}>
          <caption>{t('openData.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('openData.dataset')}</th>
              <th scope="col">{t('openData.format')}</th>
              <th scope="col">{t('openData.licence')}</th>
            </tr>
          </thead>
          <tbody>
            {exports.map((e) => (
              <tr key={e.id}>
                <td>
                  <a href={e.href}>{t(e.title)}</a>
                </td>
                <td>{e.format}</td>
                <td>{e.licence}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
