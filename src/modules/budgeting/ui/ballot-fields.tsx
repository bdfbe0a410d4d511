import { useT } from '../../../web/kit/i18n.js';
import type { BallotConstraints, BallotType, Choice } from '../core/process-types.js';
import { BudgetBar, useMoney } from './shared.js';

/** A project on a ballot form, with its summary and first image when the page has them. */
export interface BallotProjectView {
  code: string;
  title: string;
  cost: string;
  summary?: string;
  image?: { url: string; alt: string } | null;
}

/** A project's image and summary under its ballot line (the summary describes the input). */
function ProjectExtra({ p }: { p: BallotProjectView }) {
  if (!p.summary && !p.image) return null;
  return (
    <div className="ballot-project-extra">
      {p.image && <img src={p.image.url} alt={p.image.alt} loading="lazy" />}
      {p.summary && (
        <p id={`summary-${p.code}`} className="muted">
          {p.summary}
        </p>
      )}
    </div>
  );
}

/**
 * The inputs of a ballot for each ballot type: check boxes (approval, knapsack, with the live budget
 * bar), radio buttons (choose-one), point fields (cumulative) or rank selects (ordinal). Plain form
 * fields, so the ballot works without JavaScript (the budget bar follows the choices through its
 * `budget-total` island); the server checks every constraint again.
 */
export function BallotFields(props: {
  type: BallotType;
  constraints: BallotConstraints;
  projects: BallotProjectView[];
  budget: string;
  currency: string;
  initial: Choice[];
  error?: string;
}) {
  const { type, constraints, projects, budget, currency, initial, error } = props;
  const t = useT();
  const money = useMoney(currency);
  const chosen = new Set(initial.map((c) => c.project));
  const points = new Map(initial.map((c) => [c.project, c.points]));
  const rank = new Map(initial.map((c, i) => [c.project, i + 1]));
  const total = projects.filter((p) => chosen.has(p.code)).reduce((s, p) => s + Number(p.cost), 0);
  const k = constraints.rankK ?? projects.length;
  const hint =
    type === 'knapsack'
      ? t('budgeting.vote.hintKnapsack', { budget: money(budget) })
      : type === 'approval'
        ? t('budgeting.vote.hintApproval', { min: constraints.minProjects ?? 1, max: constraints.maxProjects ?? projects.length })
        : type === 'cumulative'
          ? t('budgeting.vote.hintCumulative', {
              total: constraints.totalPoints ?? 0,
              max: constraints.maxPointsPerProject ?? constraints.totalPoints ?? 0,
            })
          : type === 'ordinal'
            ? t('budgeting.vote.hintOrdinal', { k })
            : t('budgeting.vote.hintChooseOne');
  return (
    <fieldset id="field-choices" aria-describedby="ballot-hint">
      <legend>{t('budgeting.vote.projects')}</legend>
      <p id="ballot-hint" className="hint">
        {hint}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {type === 'knapsack' && <BudgetBar total={total} budget={Number(budget)} currency={currency} />}
      {projects.map((p) => {
        const label = `${p.title} (${money(p.cost)})`;
        const describedBy = p.summary ? `summary-${p.code}` : undefined;
        if (type === 'cumulative')
          return (
            <div key={p.code} className="field ballot-project">
              <label htmlFor={`points-${p.code}`}>{label}</label>
              <input
                id={`points-${p.code}`}
                name={`points.${p.code}`}
                type="number"
                min={0}
                max={constraints.maxPointsPerProject}
                inputMode="numeric"
                defaultValue={points.get(p.code) ?? ''}
                aria-describedby={describedBy}
              />
              <ProjectExtra p={p} />
            </div>
          );
        if (type === 'ordinal')
          return (
            <div key={p.code} className="field ballot-project">
              <label htmlFor={`rank-${p.code}`}>{label}</label>
              <select id={`rank-${p.code}`} name={`rank.${p.code}`} defaultValue={rank.get(p.code) ?? ''} aria-describedby={describedBy}>
                <option value="">{t('budgeting.vote.notRanked')}</option>
                {Array.from({ length: k }, (_, i) => (
                  <option key={i} value={i + 1}>
                    {t('budgeting.vote.rank', { rank: i + 1 })}
                  </option>
                ))}
              </select>
              <ProjectExtra p={p} />
            </div>
          );
        return (
          <div key={p.code} className="ballot-project">
            <label className="choice">
              <input
                type={type === 'choose-one' ? 'radio' : 'checkbox'}
                name="project"
                value={p.code}
                defaultChecked={chosen.has(p.code)}
                data-cost={type === 'knapsack' ? p.cost : undefined}
                aria-describedby={describedBy}
              />
              {label}
            </label>
            <ProjectExtra p={p} />
          </div>
        );
      })}
    </fieldset>
  );
}
