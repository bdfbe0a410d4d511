import { redirect, useActionData, useLoaderData } from 'react-router';
import { formFailure, formValues, requirePagePermission, signInPath, withFormFields } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, typedValue, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { mapTilesOf } from '../../../web/kit/map.js';
import { pageTitle, type TitleArgs } from '../../../web/kit/page-title.js';
import type { ActionArgs, LoaderArgs } from '../../../web/kit/route-args.js';
import { registerEvent } from '../commands/register-event.js';
import { listEvents } from '../store/events.js';
import { EventFields, EVENT_FIELD_LABELS } from './event-form.js';
import { consultationOr404, eventFormChoices, eventFormField, eventInputFromForm, presentConsultation } from './events.server.js';

export function meta(args: TitleArgs) {
  return pageTitle(args, { id: 'consultations.events.new.title' });
}

export async function loader({ context, params, request }: LoaderArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  requirePagePermission(context, request, 'consultations.event.propose');
  const approved = await listEvents(deps.db, ctx.site.id, consultation.id, { status: 'approved' });
  return {
    consultation: presentConsultation(consultation, ctx.locale, ctx.site.defaultLocale),
    choices: await eventFormChoices(deps, ctx),
    tiles: mapTilesOf(deps.env),
    places: approved.flatMap((e) => (e.lat !== null && e.lon !== null ? [{ name: e.placeName ?? e.title, lat: e.lat, lon: e.lon }] : [])),
  };
}

export async function action({ context, params, request }: ActionArgs) {
  const { deps, ctx } = context;
  const consultation = await consultationOr404(deps, ctx, params.slug);
  requirePagePermission(context, request, 'consultations.event.propose');
  if (ctx.actor.kind !== 'user') throw redirect(signInPath(request));
  const form = await request.formData();
  const values = formValues(form);
  try {
    const event = await registerEvent(deps, ctx.site.id, {
      consultation,
      userId: ctx.actor.userId,
      siteLocale: ctx.site.defaultLocale,
      event: eventInputFromForm(form),
    });
    return redirect(`/consultations/${consultation.slug}/events/${event.id}?registered=1`);
  } catch (e) {
    return formFailure(withFormFields(e, eventFormField), values);
  }
}

export default function EventNewPage() {
  const d = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const t = useT();
  const failed = failure && !failure.ok ? failure : null;
  const err = useFieldErrors(failed);
  const labels = Object.fromEntries(Object.entries(EVENT_FIELD_LABELS).map(([k, id]) => [k, t(id)]));
  return (
    <>
      <p>
        <a href={`/consultations/${d.consultation.slug}/events`}>{t('consultations.events.back')}</a>
      </p>
      <h1>{t('consultations.events.new.title')}</h1>
      <p className="lead">{d.consultation.title}</p>
      <p>{t('consultations.events.new.intro')}</p>
      <form method="post" noValidate>
        <CsrfField />
        {failed && <ErrorSummary {...failed} labels={labels} />}
        <EventFields choices={d.choices} value={(n) => typedValue(failed, n)} error={err} tiles={d.tiles} places={d.places} />
        <p className="actions">
          <button type="submit">{t('consultations.events.new.submit')}</button>
        </p>
      </form>
    </>
  );
}
