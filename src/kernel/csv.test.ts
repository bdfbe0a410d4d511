import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, CsvSyntaxError, readCsvRecords, readCsvTable } from './csv.js';

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

describe('reading CSV', () => {
  it('reads records as written, with their line numbers, a quoted cell over two lines included', () => {
    const text = '\uFEFFid, name\n1,"Ana\nMaria"\n\n2,Ben \n';
    expect(readCsvRecords(text)).toEqual([
      { line: 1, cells: ['id', ' name'] },
      { line: 3, cells: ['1', 'Ana\nMaria'] },
      { line: 5, cells: ['2', 'Ben '] },
    ]);
    expect(readCsvRecords('a,b\n1,  x  \n', { trim: true })[1].cells).toEqual(['1', 'x']);
  });

  it('refuses the whole text at the first unreadable line, naming it, where readCsvTable skips the row', () => {
    const short = 'a,b\n1,2\n3\n';
    expect(() => readCsvRecords(short)).toThrow(CsvSyntaxError);
    try {
      readCsvRecords(short);
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(3);
    }
    expect(readCsvRecords(short, { ragged: true }).map((r) => r.cells)).toEqual([['a', 'b'], ['1', '2'], ['3']]);
    const unclosed = 'a,b\n1,"open\n';
    expect(() => readCsvRecords(unclosed)).toThrow(CsvSyntaxError);
    expect(readCsvTable('a,b\n1,2\n').rows).toEqual([{ line: 2, cells: { a: '1', b: '2' } }]);
  });
});
