import { useLoaderData } from 'react-router';
import type { LoaderArgs } from '../load-context.js';
import { useT } from '../kit/i18n.js';
import { Table } from '../kit/table.js';
import { pageTitle, type TitleArgs } from '../kit/page-title.js';

interface Operation {
  method: string;
  path: string;
  summary: string;
  tag: string;
  parameters: { name: string; in: string; required: boolean; type: string }[];
  body: string | null;
  responses: { status: string; description: string }[];
}

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'api.title' });
}

/** Flattens the OpenAPI document into a readable list of operations grouped by tag. */
export function loader({ context }: LoaderArgs) {
  const doc = context.openapi(context.ctx.origin) as any;
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path: `/api/v1${path}`,
        summary: op.summary ?? '',
        tag: op.tags?.[0] ?? 'General',
        parameters: (op.parameters ?? []).map((p: any) => ({
          name: p.name,
          in: p.in,
          required: !!p.required,
          type: p.schema?.type ?? (p.schema?.enum ? 'enum' : 'string'),
        })),
        body: bodySchema ? JSON.stringify(bodySchema, null, 2).slice(0, 4000) : null,
        responses: Object.entries<any>(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? '' })),
      });
    }
  }
  return { ops, openapiUrl: '/api/v1/openapi.json' };
}

export default function ApiReference() {
  const { ops, openapiUrl } = useLoaderData<typeof loader>();
  const t = useT();
  const tags = [...new Set(ops.map((o) => o.tag))];
  return (
    <>
      <h1>{t('api.title')}</h1>
      <p>
        {t('api.intro', { url: openapiUrl })} <a href={openapiUrl}>openapi.json</a>
      </p>
      <ul>
        <li>{t('api.errors', { shape: '{"error":{"code","message","fields"}}' })}</li>
        <li>{t('api.pagination')}</li>
        <li>{t('api.csrf')}</li>
      </ul>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`}>
          <h2 id={`tag-${tag}`}>{tag}</h2>
          {ops
            .filter((o) => o.tag === tag)
            .map((o) => (
              <article key={o.method + o.path} className="api-op">
                <h3>
                  <code>{o.method}</code> <code>{o.path}</code>
                </h3>
                <p>{o.summary}</p>
                {o.parameters.length > 0 && (
                  <Table label={`${o.method} ${o.path}: ${t('api.parameters')}`}>
                    <caption>{t('api.parameters')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('api.name')}</th>
                        <th scope="col">{t('api.in')}</th>
                        <th scope="col">{t('api.type')}</th>
                        <th scope="col">{t('api.required')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {o.parameters.map((p) => (
                        <tr key={p.in + p.name}>
                          <td>
                            <code>{p.name}</code>
                          </td>
                          <td>{p.in}</td>
                          <td>{p.type}</td>
                          <td>{p.required ? t('api.yes') : t('api.no')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                )}
                {o.body && (
                  <details>
                    <summary>{t('api.requestBody')}</summary>
                    <pre tabIndex={0}>{o.body}</pre>
                  </details>
                )}
                <p>
                  {t('api.responses')}: {o.responses.map((r) => `${r.status} ${r.description}`).join(' · ')}
                </p>
              </article>
            ))}
        </section>
      ))}
    </>
  );
}
