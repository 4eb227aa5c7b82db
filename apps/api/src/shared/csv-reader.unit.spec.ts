import { describe, expect, it } from '@jest/globals';
import { CsvSyntaxError, readCsv, readCsvObjects } from './csv-reader.js';

describe('the RFC 4180 reader', () => {
  it('reads plain and quoted fields, doubled quotes, line breaks inside quotes, CRLF and LF', () => {
    expect(readCsv('a,b,c\r\n1,"two, too","say ""hi"""\n"multi\nline",,x')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, too', 'say "hi"'],
      ['multi\nline', '', 'x'],
    ]);
  });

  it('takes a final line break as the end of the last record, and skips a BOM', () => {
    expect(readCsv('\ufeffa,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(readCsv('a,\n')).toEqual([['a', '']]);
    expect(readCsv('""')).toEqual([['']]);
  });

  it('names the line of a broken record', () => {
    expect(() => readCsv('a\n"open')).toThrow(new CsvSyntaxError(2, 'a quoted field is never closed: end it with "'));
    expect(() => readCsv('a\nb"c')).toThrow(CsvSyntaxError);
    expect(() => readCsv('"a"b')).toThrow(/line 1: text after a closing quote/);
  });

  it('keys records by the header, and refuses a record of another width', () => {
    expect(readCsvObjects('id,name\nx,"X, Inc."\n\ny,Y\n')).toEqual([
      { row: 1, values: { id: 'x', name: 'X, Inc.' } },
      { row: 2, values: { id: 'y', name: 'Y' } },
    ]);
    expect(() => readCsvObjects('id,name\nx')).toThrow(/row 1: 1 fields where the header has 2/);
  });
});
