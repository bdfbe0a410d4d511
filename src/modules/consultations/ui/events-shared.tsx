import { useT } from '../../../web/kit/i18n.js';

/** An event's status as words, in a badge. */
export function StatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className="badge">{t(`consultations.events.status.${status}`)}</span>;
}

/** Concerns or recommendations as a list, each with the themes it is tagged with (named in the reader's language). */
export function OutcomeItems({ items, themes }: { items: { text: string; themes: string[] }[]; themes: { id: string; label: string }[] }) {
  const t = useT();
  const label = new Map(themes.map((th) => [th.id, th.label]));
  return (
    <ul>
      {items.map((i, n) => (
        <li key={n}>
          {i.text}
          {i.themes.length > 0 && (
            <>
              {' '}
              <span className="hint">
                {t('consultations.events.outcome.themes', { themes: i.themes.map((id) => label.get(id) ?? id).join(', ') })}
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A text typed in a box, one paragraph per line (people's line breaks kept, no markup read). */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n+/)
        .filter((line) => line.trim())
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </>
  );
}
