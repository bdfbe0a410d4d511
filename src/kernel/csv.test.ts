import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';

describe('csvCell (RFC 4180)', () => {
  it('quotes cells holding separators, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3.5)).toBe('3.5');
  });
  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvLine(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"');
    // Numbers: as String() writes them; only a minus sign not followed by a digit gets the apostrophe.
    expect([-5, -0.25, 1e21, -1e-7, 0, undefined].map(csvCell)).toEqual(['-5', '-0.25', '1e+21', '-1e-7', '0', '']);
    expect([-Infinity, NaN].map(csvCell)).toEqual(["'-Infinity", 'NaN']);
  });
});
