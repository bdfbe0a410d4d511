import { useActionData, useLoaderData } from 'react-router';
import type { FormFailure } from '../../../web/kit/actions.js';
import { CsrfField, ErrorSummary, Field, useFieldErrors } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { groupLetter } from '../core/map-layout.js';
import type { loadParticipation } from './participation.server.js';
import { LiveAnalysis } from './live.js';
import { OpinionMap } from './opinion-map.js';

type Data = Awaited<ReturnType<typeof loadParticipation>>;

/** The participation page (also embedded): vote on statements one at a time, write one, see the map and one's group. */
export function ParticipationView() {
  const d = useLoaderData() as Data;
  const failure = useActionData() as FormFailure | undefined;
  const t = useT();
  const errorOf = useFieldErrors(failure);
  // An answer is named by its question; the others by the label of their field on this page.
  const labels: Record<string, string> = {
    text: t('conversations.write.label'),
    statementId: t('conversations.moderate.statement'),
    vote: t('conversations.vote.title'),
    xid: t('conversations.xid'),
    ...Object.fromEntries(d.questions.map((q) => [`answer-${q.id}`, q.label])),
  };
  const text = typeof failure?.values.text === 'string' ? failure.values.text : '';
  const base = `/conversations/${d.slug}${d.embed ? '/embed' : ''}${d.xid ? `?xid=${encodeURIComponent(d.xid)}` : ''}`;
  const xidField = d.xid ? <input type="hidden" name="xid" value={d.xid} /> : null;
  return (
    <>
      <h1>{d.topic}</h1>
      {d.description && <p className="lead">{d.description}</p>}
      {d.closed && <p className="notice">{t('conversations.closed')}</p>}
      {failure && <ErrorSummary {...failure} labels={labels} />}
      {d.blocked === 'signIn' && (
        <p className="notice">
          {t('conversations.signInToTakePart')} <a href={d.signInHref}>{t('conversations.signIn')}</a>
        </p>
      )}
      {d.blocked === 'xidRequired' && <p className="notice">{t('conversations.xidRequired')}</p>}
      {d.blocked === 'notAllowed' && <p className="notice">{t('conversations.notAllowed')}</p>}

      {!d.blocked && !d.closed && d.questions.length > 0 && (
        <section aria-labelledby="about-you" className="card">
          <h2 id="about-you">{t('conversations.questions.title')}</h2>
          <p className="hint">{t('conversations.questions.hint')}</p>
          <form method="post" action={base}>
            <CsrfField />
            {xidField}
            <input type="hidden" name="intent" value="answers" />
            {d.questions.map((q) => (
              <Field key={q.id} name={`answer-${q.id}`} label={q.label} error={errorOf(`answer-${q.id}`)}>
                {(p) => (
                  <select {...p} defaultValue="">
                    <option value="">{t('conversations.questions.noAnswer')}</option>
                    {q.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
            <button type="submit">{t('conversations.questions.save')}</button>
          </form>
        </section>
      )}

      {!d.blocked && (
        <section aria-labelledby="vote-title" className="card statement-card">
          <h2 id="vote-title">{t('conversations.vote.title')}</h2>
          <p>
            <label htmlFor="progress">{t('conversations.vote.progress', { voted: d.next.voted, total: d.next.total })}</label>{' '}
            <progress id="progress" max={Math.max(1, d.next.total)} value={d.next.voted} />
          </p>
          {d.voted && (
            <p role="status" className="muted">
              {t(`conversations.vote.recorded.${d.voted}`)}
            </p>
          )}
          {d.next.statement ? (
            <form method="post" action={base}>
              <CsrfField />
              {xidField}
              <input type="hidden" name="intent" value="vote" />
              <input type="hidden" name="statementId" value={d.next.statement.id} />
              <blockquote className="statement" id="current-statement">
                <p>{d.next.statement.text}</p>
              </blockquote>
              <div className="actions" role="group" aria-labelledby="current-statement">
                <button type="submit" name="vote" value="agree" disabled={d.closed}>
                  {t('conversations.vote.agree')}
                </button>
                <button type="submit" name="vote" value="disagree" disabled={d.closed}>
                  {t('conversations.vote.disagree')}
                </button>
                <button type="submit" name="vote" value="pass" className="link-button" disabled={d.closed}>
                  {t('conversations.vote.pass')}
                </button>
              </div>
            </form>
          ) : (
            <p>{d.next.total === 0 ? t('conversations.vote.none') : t('conversations.vote.done')}</p>
          )}
        </section>
      )}

      {!d.blocked && !d.closed && d.settings.participantsMayWrite && (
        <section aria-labelledby="write-title" id="write" className="card">
          <h2 id="write-title">{t('conversations.write.title')}</h2>
          {d.written && (
            <p role="status" className="notice">
              {t(`conversations.write.${d.written === 'accepted' ? 'accepted' : 'waiting'}`)}
            </p>
          )}
          <form method="post" action={base}>
            <CsrfField />
            {xidField}
            <input type="hidden" name="intent" value="statement" />
            <Field
              name="text"
              label={t('conversations.write.label')}
              hint={t('conversations.write.hint', { max: d.settings.statementMaxLength })}
              error={errorOf('text')}
            >
              {(p) => <textarea {...p} rows={3} maxLength={d.settings.statementMaxLength} defaultValue={text} />}
            </Field>
            <button type="submit">{t('conversations.write.submit')}</button>
          </form>
        </section>
      )}

      {d.map && (
        <section aria-labelledby="map-title">
          <h2 id="map-title">{t('conversations.map.heading')}</h2>
          <LiveAnalysis slug={d.slug} id="live-opinion-map">
            <OpinionMap participants={d.map.participants} me={d.me.participantId} />
            {d.me.group !== null ? (
              <div className="card">
                <h3>{t('conversations.me.group', { group: groupLetter(d.me.group) })}</h3>
                {d.me.why.length > 0 && (
                  <>
                    <p>{t('conversations.me.why')}</p>
                    <ul>
                      {d.me.why.map((s) => (
                        <li key={s.id}>{s.text}</li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            ) : (
              <p className="muted">{t('conversations.me.notYet')}</p>
            )}
          </LiveAnalysis>
          <p>
            <a href={`/conversations/${d.slug}/report`}>{t('conversations.report.link')}</a>
          </p>
        </section>
      )}
      {(d.canModerate || d.canManage) && !d.embed && (
        <p>
          {d.canModerate && <a href={`/conversations/${d.slug}/moderate`}>{t('conversations.moderate.link')}</a>}
          {d.canModerate && d.canManage && ' · '}
          {d.canManage && <a href={`/conversations/${d.slug}/edit`}>{t('conversations.edit.link')}</a>}
        </p>
      )}
    </>
  );
}
