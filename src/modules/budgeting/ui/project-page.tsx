import { data, redirect, useActionData, useLoaderData } from 'react-router';
import { isAllowed } from '../../../kernel/policy.js';
import { formFailure, formValues, requirePagePermission } from '../../../web/kit/actions.js';
import { formatDate } from '../../../web/kit/format.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useRoot, useT } from '../../../web/kit/i18n.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { addProjectImage, MAX_PROJECT_IMAGES, presentImage, removeProjectImage } from '../commands/project-images.js';
import { findProject, listHistory, listProjectImages } from '../store/queries.js';
import type { ProjectRow } from '../store/tables.js';
import { loadProcessView, presentCard } from './load.server.js';
import { useMoney } from './shared.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';

export function meta(args: TitleArgs & { data?: { project: { title: string } } }) {
  return pageTitle(args, args.data ? { text: args.data.project.title } : { id: 'budgeting.title' });
}

/** Whether the actor may change a project's images: its proposer, or staff who review projects. */
function canEditImages(context: LoaderArgs['context'], p: ProjectRow): boolean {
  const { actor } = context.ctx;
  if (actor.kind !== 'user') return false;
  return p.proposedBy === actor.userId || isAllowed(context.deps.permissions, actor, 'budgeting.project.review');
}

export async function loader({ context, params }: LoaderArgs) {
  const { row, view } = await loadProcessView(context, params.slug ?? '');
  const p = await findProject(context.deps.db, context.ctx.site.id, row.id, params.code ?? '');
  if (!p) throw data('not found', { status: 404 });
  const history = await listHistory(context.deps.db, context.ctx.site.id, p.id);
  const images = await listProjectImages(context.deps.db, context.ctx.site.id, p.id);
  return {
    view,
    images: images.map(presentImage),
    canEditImages: canEditImages(context, p),
    maxImages: MAX_PROJECT_IMAGES,
    project: presentCard(p, view),
    history: history.map((h) => ({
      kind: h.kind,
      actorName: h.actorName,
      at: h.createdAt.toISOString(),
      changes: Object.entries(h.changes).map(([field, c]) => ({
        field,
        from: c.from === null || c.from === undefined ? null : String(c.from),
        to: c.to === null || c.to === undefined ? null : String(c.to),
      })),
    })),
  };
}

/** Adds an image (file and alt text) or removes one: the project's proposer, or staff. */
export async function action({ context, params, request }: ActionArgs) {
  requirePagePermission(context, request, 'budgeting.participate');
  const { row } = await loadProcessView(context, params.slug ?? '');
  const p = await findProject(context.deps.db, context.ctx.site.id, row.id, params.code ?? '');
  if (!p) throw data('not found', { status: 404 });
  const form = await request.formData();
  const values = formValues(form);
  const actor = context.ctx.actor as { userId: string; name: string };
  const who = { userId: actor.userId, name: actor.name, manage: isAllowed(context.deps.permissions, context.ctx.actor, 'budgeting.project.review') };
  try {
    if (values.intent === 'remove-image') await removeProjectImage(context.deps, context.ctx.site.id, p, who, String(values.image ?? ''));
    else await addProjectImage(context.deps, context.ctx.site.id, p, who, { file: form.get('file'), alt: form.get('alt') ?? '' });
    return redirect(`/budgeting/${row.slug}/projects/${p.code}#images`);
  } catch (e) {
    return formFailure(e, values);
  }
}

/** The fields a project's history records, as the labels the pages show them under. */
const HISTORY_FIELDS: Record<string, string> = {
  title: 'budgeting.propose.titleLabel',
  description: 'budgeting.propose.description',
  cost: 'budgeting.project.cost',
  status: 'budgeting.history.field.status',
  reason: 'budgeting.history.field.reason',
  image: 'budgeting.history.field.image',
  district: 'budgeting.district',
  category: 'budgeting.project.category',
  lat: 'budgeting.propose.lat',
  lng: 'budgeting.propose.lng',
};

/**
 * One recorded change in words: the field's label, statuses as the pages name them, money in the
 * process currency and dates as the reader's locale writes them.
 */
function useHistoryChange(currency: string): (c: { field: string; from: string | null; to: string | null }) => string {
  const t = useT();
  const { locale } = useRoot();
  const money = useMoney(currency);
  return ({ field, from, to }) => {
    const label = HISTORY_FIELDS[field] ? t(HISTORY_FIELDS[field]) : field;
    const word = (v: string) => {
      if (field === 'status') {
        const status = t(`budgeting.status.${v}`);
        return status === `budgeting.status.${v}` ? v : status;
      }
      if (field === 'cost') return money(v);
      if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(v)) return formatDate(v, locale);
      return v;
    };
    if (from === null && to === null) return label;
    if (from === null) return t('budgeting.history.set', { field: label, to: word(to!) });
    if (to === null) return t('budgeting.history.cleared', { field: label, from: word(from) });
    return t('budgeting.history.change', { field: label, from: word(from), to: word(to) });
  };
}

export default function ProjectPage() {
  const { view, project, history, images, canEditImages, maxImages } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const failed = failure && !failure.ok ? failure : null;
  const errorOf = useFieldErrors(failed);
  const t = useT();
  const { locale } = useRoot();
  const money = useMoney(view.currency);
  const change = useHistoryChange(view.currency);
  const labels = { file: t('budgeting.images.file'), alt: t('budgeting.images.alt') };
  return (
    <>
      <p>
        <a href={`/budgeting/${view.slug}`}>{view.title}</a>
      </p>
      <h1>{project.title}</h1>
      <p>
        <span className="badge">{t(`budgeting.status.${project.status}`)}</span>
      </p>
      {project.status === 'set-aside' && project.statusReason && (
        <p className="notice">{t('budgeting.project.setAsideReason', { reason: project.statusReason })}</p>
      )}
      <dl>
        <dt>{t('budgeting.project.cost')}</dt>
        <dd>{money(project.cost)}</dd>
        <dt>{t('budgeting.district')}</dt>
        <dd>{project.districtName}</dd>
        {project.category && (
          <>
            <dt>{t('budgeting.project.category')}</dt>
            <dd>{project.category}</dd>
          </>
        )}
        {project.lat !== null && (
          <>
            <dt>{t('budgeting.project.location')}</dt>
            <dd>
              {project.lat.toFixed(4)}, {project.lng?.toFixed(4)}
            </dd>
          </>
        )}
      </dl>
      <div className="prose">
        <p>{project.description}</p>
      </div>
      {/* A refused change from someone who may not edit (the form below is only shown to those who may). */}
      {failed && !canEditImages && <ErrorSummary message={failed.message} reason={failed.reason} />}
      {(images.length > 0 || canEditImages) && (
        <section aria-labelledby="images">
          <h2 id="images">{t('budgeting.images.title')}</h2>
          {images.map((img) => (
            <figure key={img.id}>
              <img src={img.url} alt={img.alt} loading="lazy" style={{ maxWidth: '100%', height: 'auto' }} />
              {canEditImages && (
                <form method="post">
                  <CsrfField />
                  <input type="hidden" name="intent" value="remove-image" />
                  <input type="hidden" name="image" value={img.id} />
                  <button type="submit" className="button secondary">
                    {t('budgeting.images.remove', { alt: img.alt })}
                  </button>
                </form>
              )}
            </figure>
          ))}
          {canEditImages && images.length < maxImages && (
            <form method="post" encType="multipart/form-data">
              <CsrfField />
              <ErrorSummary {...failed} labels={labels} />
              <input type="hidden" name="intent" value="add-image" />
              <Field name="file" label={labels.file} hint={t('budgeting.images.fileHint')} error={errorOf('file')} required>
                {(p) => <input {...p} type="file" accept="image/jpeg,image/png,image/webp,image/gif" />}
              </Field>
              <Field name="alt" label={labels.alt} hint={t('budgeting.images.altHint')} error={errorOf('alt')} required>
                {(p) => <input {...p} defaultValue={failure && !failure.ok ? String(failure.values.alt ?? '') : ''} />}
              </Field>
              <button type="submit" className="button">
                {t('budgeting.images.add')}
              </button>
            </form>
          )}
        </section>
      )}
      <section aria-labelledby="history">
        <h2 id="history">{t('budgeting.project.history')}</h2>
        <ol>
          {history.map((h, i) => (
            <li key={i}>
              <strong>{t(`budgeting.history.${h.kind}`)}</strong> · {formatDate(h.at, locale)}
              {h.actorName ? ` · ${h.actorName}` : ''}
              {h.changes.length > 0 && (
                <ul>
                  {h.changes.map((c) => (
                    <li key={c.field}>{change(c)}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
