import { describe, expect, it } from 'vitest';
import { checkStatementText, conversationInput, nameOfVote, VOTE_CODES } from './conversation-settings.js';
import { computeMapLayout, groupLetter, MAP_POINT_LIMIT, placeStatementLabels } from './map-layout.js';
import { findNearDuplicate, normalizeStatement, trigramsOf, trigramSimilarity } from './near-duplicates.js';
import { isShownToParticipants, pickNextStatement } from './next-statement.js';
import { computePriority } from './consensus.js';

describe('statement text', () => {
  it('refuses empty statements and counts characters (not UTF-16 units) against the limit', () => {
    expect(checkStatementText('  ', 140)).toBe('a statement cannot be empty');
    expect(checkStatementText('é'.repeat(140), 140)).toBeNull();
    expect(checkStatementText('😀'.repeat(11), 10)).toBe('a statement can have at most 10 characters (this one has 11)');
  });
  it('codes votes as Pol.is does internally (agree -1, disagree +1, pass 0) and names them back', () => {
    expect(VOTE_CODES).toEqual({ agree: -1, disagree: 1, pass: 0 });
    expect([-1, 1, 0].map(nameOfVote)).toEqual(['agree', 'disagree', 'pass']);
  });
  it('names every problem of a conversation at once', () => {
    const r = conversationInput.safeParse({
      slug: 'ok',
      topic: 'T',
      seedStatements: ['fine', ''],
      questions: [{ id: 'Bad Id', label: 'x', options: ['a'] }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['questions.0.id', 'questions.0.options', 'seedStatements.1']);
  });
});

describe('near-duplicates (character-trigram cosine)', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalizeStatement('  Café-Bars, OPEN late!! ')).toBe('cafe bars open late');
  });
  it('computes the cosine of trigram counts by hand on a small case', () => {
    // " ab " has trigrams " ab", "ab "; " abc " has " ab", "abc", "bc ": one shared -> 1 / sqrt(2 * 3).
    expect(trigramSimilarity(trigramsOf('ab'), trigramsOf('abc'))).toBeCloseTo(1 / Math.sqrt(6), 12);
    expect(trigramSimilarity(trigramsOf('same text'), trigramsOf('SAME text!'))).toBe(1);
  });
  it('flags re-worded copies and leaves different statements alone', () => {
    const earlier = [
      { id: 0, body: 'The city centre should be car-free on weekends.' },
      { id: 1, body: 'Buses should run every ten minutes until midnight.' },
    ];
    expect(findNearDuplicate('the city centre should be car free at weekends', earlier)?.id).toBe(0);
    expect(findNearDuplicate('Buses should run every 10 minutes until midnight', earlier)?.id).toBe(1);
    expect(findNearDuplicate('Build more affordable housing near the station.', earlier)).toBeNull();
    expect(findNearDuplicate('Cars should be banned.', earlier)).toBeNull();
  });
});

describe('next statement (Pol.is priorities, weighted draw)', () => {
  it('draws in proportion to priority', () => {
    const candidates = [
      { id: 1, isMeta: false },
      { id: 2, isMeta: false },
    ];
    // Priorities 1 and 3: a uniform draw below 0.25 picks 1, above picks 2.
    expect(pickNextStatement(candidates, { 1: 1, 2: 3 }, () => 0.2)).toBe(1);
    expect(pickNextStatement(candidates, { 1: 1, 2: 3 }, () => 0.3)).toBe(2);
    expect(pickNextStatement([], {}, () => 0.5)).toBeNull();
  });
  it('gives a statement the last analysis has not seen the priority of an unvoted one, (importance x 9)^2', () => {
    // importance = (1 - 1/2) * (0 + 1) * (1/2) = 0.25 with no votes; priority = (0.25 * (1 + 8))^2 = 5.0625.
    expect(computePriority(false, 0, 0, 0, 0)).toBeCloseTo(5.0625, 12);
    const candidates = [
      { id: 1, isMeta: false },
      { id: 9, isMeta: false },
    ];
    // 1 has priority 5.0625 from the analysis, 9 is new (also 5.0625): half and half.
    expect(pickNextStatement(candidates, { 1: 5.0625 }, () => 0.49)).toBe(1);
    expect(pickNextStatement(candidates, { 1: 5.0625 }, () => 0.51)).toBe(9);
  });
  it('shows accepted statements, and unmoderated ones only under permissive moderation unless flagged', () => {
    expect(isShownToParticipants({ moderation: 1, duplicateOf: null }, 'strict')).toBe(true);
    expect(isShownToParticipants({ moderation: 0, duplicateOf: null }, 'strict')).toBe(false);
    expect(isShownToParticipants({ moderation: 0, duplicateOf: null }, 'permissive')).toBe(true);
    expect(isShownToParticipants({ moderation: 0, duplicateOf: 3 }, 'permissive')).toBe(false);
    expect(isShownToParticipants({ moderation: -1, duplicateOf: null }, 'permissive')).toBe(false);
  });
});

describe('opinion map layout', () => {
  it('keeps the aspect ratio, flips y for SVG and outlines each group', () => {
    const layout = computeMapLayout(
      [
        { id: 1, group: 0, x: 0, y: 0 },
        { id: 2, group: 0, x: 2, y: 0 },
        { id: 3, group: 1, x: 2, y: 1 },
      ],
      100,
      10,
    );
    // Span 2 over 80 px: scale 40; y centred (span 1 -> 40 px, offset 30).
    expect(layout.points.map((p) => [p.cx, p.cy])).toEqual([
      [10, 70],
      [90, 70],
      [90, 30],
    ]);
    expect(layout.hulls.map((h) => h.group)).toEqual([0, 1]);
    expect(layout.cells).toEqual([]);
    expect(groupLetter(2)).toBe('C');
  });
  it('switches to density cells beyond the point limit', () => {
    const many = Array.from({ length: MAP_POINT_LIMIT + 1 }, (_, i) => ({ id: i, group: i % 2, x: i % 40, y: Math.floor(i / 40) }));
    const layout = computeMapLayout(many);
    expect(layout.points).toEqual([]);
    expect(layout.cells.reduce((s, c) => s + c.count, 0)).toBe(many.length);
    expect(Math.max(...layout.cells.map((c) => c.share))).toBe(1);
  });
});

describe('statement numbers on the opinion map', () => {
  it('places every number off the dots and off each other, near its own position', () => {
    // A dense cluster of participants, with statements sitting exactly on some of them.
    const people = Array.from({ length: 60 }, (_, i) => ({ id: i, group: i % 2, x: (i % 10) * 0.2, y: Math.floor(i / 10) * 0.2 }));
    const layout = computeMapLayout(people);
    const statements = [0, 7, 23, 45, 59].map((i, k) => ({ id: 100 + k * 7, x: people[i].x, y: people[i].y }));
    const labels = placeStatementLabels(layout, statements);
    expect(labels.map((l) => l.id)).toEqual(statements.map((s) => s.id));
    for (const l of labels) {
      for (const p of layout.points) {
        const nx = Math.max(l.x - l.width / 2, Math.min(p.cx, l.x + l.width / 2));
        const ny = Math.max(l.y - l.height / 2, Math.min(p.cy, l.y + l.height / 2));
        expect(Math.hypot(nx - p.cx, ny - p.cy)).toBeGreaterThanOrEqual(3.2);
      }
      for (const o of labels)
        if (o !== l) expect(Math.abs(o.x - l.x) * 2 >= o.width + l.width || Math.abs(o.y - l.y) * 2 >= o.height + l.height).toBe(true);
      expect(Math.hypot(l.x - l.anchorX, l.y - l.anchorY)).toBeLessThan(80);
    }
  });
  it('keeps a number on its own position when nothing is there', () => {
    const layout = computeMapLayout([
      { id: 1, group: 0, x: 0, y: 0 },
      { id: 2, group: 0, x: 10, y: 10 },
    ]);
    const [label] = placeStatementLabels(layout, [{ id: 3, x: 5, y: 5 }]);
    expect([label.x, label.y]).toEqual([label.anchorX, label.anchorY]);
  });
});
