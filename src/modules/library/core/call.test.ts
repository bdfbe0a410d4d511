import { describe, expect, it } from 'vitest';
import { callInput, compareCallsForListing, computeCallStatus, isPastDeadline } from './call.js';

const opensAt = new Date('2026-01-01T00:00:00Z');
const deadline = new Date('2026-06-30T23:59:59Z');

describe('call status', () => {
  it('is draft until published, then upcoming, open, closed by the dates', () => {
    expect(computeCallStatus({ published: false, opensAt, deadline }, new Date('2026-03-01'))).toBe('draft');
    expect(computeCallStatus({ published: true, opensAt, deadline }, new Date('2025-12-31'))).toBe('upcoming');
    expect(computeCallStatus({ published: true, opensAt, deadline }, opensAt)).toBe('open');
    expect(computeCallStatus({ published: true, opensAt, deadline }, deadline)).toBe('closed');
    expect(isPastDeadline({ deadline }, new Date(deadline.getTime() - 1))).toBe(false);
  });

  it('lists open calls first by nearest deadline, then upcoming, then closed', () => {
    const mk = (id: string, status: 'open' | 'upcoming' | 'closed', d: string) => ({ id, status, deadline: new Date(d), opensAt });
    const sorted = [
      mk('closed-old', 'closed', '2020-01-01'),
      mk('open-late', 'open', '2027-01-01'),
      mk('upcoming', 'upcoming', '2028-01-01'),
      mk('closed-new', 'closed', '2025-01-01'),
      mk('open-soon', 'open', '2026-05-01'),
    ].sort(compareCallsForListing);
    expect(sorted.map((c) => c.id)).toEqual(['open-soon', 'open-late', 'upcoming', 'closed-new', 'closed-old']);
  });

  it('refuses a deadline before the opening', () => {
    const r = callInput.safeParse({ slug: 'c1', title: { en: 'C' }, description: { en: 'D' }, opensAt: deadline, deadline: opensAt });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['deadline']);
  });
});
