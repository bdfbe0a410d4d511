import { useId } from 'react';
import { useT } from '../../../web/kit/i18n.js';
import { computeMapLayout, groupLetter, placeStatementLabels, type MapPoint } from '../core/map-layout.js';

/** Group colours (Okabe–Ito, distinguishable with colour-vision deficiencies) and shapes, so colour is never the only cue. */
export const GROUP_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00'];
const SHAPES = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;

function Marker({ shape, x, y, r, color }: { shape: (typeof SHAPES)[number]; x: number; y: number; r: number; color: string }) {
  if (shape === 'circle') return <circle cx={x} cy={y} r={r} fill={color} />;
  if (shape === 'square') return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={color} />;
  if (shape === 'triangle') return <path d={`M${x},${y - r * 1.2}L${x + r * 1.1},${y + r}L${x - r * 1.1},${y + r}Z`} fill={color} />;
  if (shape === 'diamond') return <path d={`M${x},${y - r * 1.3}L${x + r * 1.3},${y}L${x},${y + r * 1.3}L${x - r * 1.3},${y}Z`} fill={color} />;
  return <path d={`M${x - r},${y - r}L${x + r},${y + r}M${x + r},${y - r}L${x - r},${y + r}`} stroke={color} strokeWidth={2} />;
}

/**
 * The opinion map: each participant a point (or, for large conversations, density cells), groups
 * outlined with their letter, the viewer marked. The SVG has a title and a description that say
 * what the picture shows; the report's tables carry the same figures for screen readers.
 */
export function OpinionMap({
  participants,
  me,
  statements,
}: {
  participants: MapPoint[];
  me?: number | null;
  statements?: { id: number; x: number; y: number }[];
}) {
  const t = useT();
  const uid = useId();
  const layout = computeMapLayout(participants);
  const groups = layout.hulls.map((h) => t('conversations.map.groupSize', { group: groupLetter(h.group), count: h.size })).join('; ');
  const labels = placeStatementLabels(layout, statements ?? []);
  const mine = me === null || me === undefined ? undefined : layout.points.find((p) => p.id === me);
  return (
    <figure className="opinion-map">
      <svg viewBox={`0 0 ${layout.size} ${layout.size}`} role="img" aria-labelledby={`${uid}-t ${uid}-d`} width="100%" style={{ maxWidth: 520 }}>
        <title id={`${uid}-t`}>{t('conversations.map.title')}</title>
        <desc id={`${uid}-d`}>
          {participants.length === 0 ? t('conversations.map.empty') : t('conversations.map.description', { count: participants.length, groups })}
        </desc>
        <rect x={0} y={0} width={layout.size} height={layout.size} fill="#fafafa" stroke="#767676" />
        {layout.hulls.map((h) => (
          <path
            key={`h${h.group}`}
            d={h.path}
            fill={GROUP_COLORS[h.group % GROUP_COLORS.length]}
            fillOpacity={0.08}
            stroke={GROUP_COLORS[h.group % GROUP_COLORS.length]}
            strokeWidth={1.5}
          />
        ))}
        {layout.cells.map((c) => (
          <rect
            key={`c${c.x},${c.y}`}
            x={c.x}
            y={c.y}
            width={c.side}
            height={c.side}
            fill={GROUP_COLORS[c.group % GROUP_COLORS.length]}
            fillOpacity={0.15 + 0.85 * c.share}
          />
        ))}
        {layout.points.map((p) => (
          <Marker key={p.id} shape={SHAPES[p.group % SHAPES.length]} x={p.cx} y={p.cy} r={3.2} color={GROUP_COLORS[p.group % GROUP_COLORS.length]} />
        ))}
        {labels.map((l) => (
          <g key={`s${l.id}`}>
            {(l.x !== l.anchorX || l.y !== l.anchorY) && <line x1={l.anchorX} y1={l.anchorY} x2={l.x} y2={l.y} stroke="#767676" strokeWidth={0.6} />}
            <rect
              x={l.x - l.width / 2}
              y={l.y - l.height / 2}
              width={l.width}
              height={l.height}
              rx={2}
              fill="#fff"
              stroke="#767676"
              strokeWidth={0.6}
            />
            <text x={l.x} y={l.y} fontSize={9} fill="#333" textAnchor="middle" dominantBaseline="central">
              {l.id}
            </text>
          </g>
        ))}
        {layout.hulls.map((h) => (
          <text
            key={`l${h.group}`}
            x={h.labelX}
            y={h.labelY}
            fontSize={20}
            fontWeight={700}
            textAnchor="middle"
            dominantBaseline="middle"
            fill="#111"
            stroke="#fff"
            strokeWidth={4}
            paintOrder="stroke"
          >
            {groupLetter(h.group)}
          </text>
        ))}
        {mine && <circle cx={mine.cx} cy={mine.cy} r={8} fill="none" stroke="#111" strokeWidth={2.5} />}
      </svg>
      <figcaption>
        {t('conversations.map.caption')}
        {mine && ` ${t('conversations.map.you')}`}
      </figcaption>
    </figure>
  );
}
