/**
 * A small RFC 4180 reader (no CSV parser is among the dependencies; csv-stringify only writes):
 * comma-separated fields, double-quoted when they hold commas, quotes or line breaks, a quote inside
 * one doubled; CRLF or LF between records; a final line break optional; a UTF-8 BOM ignored.
 * Throws CsvSyntaxError, naming the line, on an unterminated quoted field or text after a closing quote.
 */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string, unit: 'line' | 'row' = 'line') {
    super(`${unit} ${line}: ${message}`);
  }
}

export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let atFieldStart = true;
  const endField = () => {
    record.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (atFieldStart && c === '"') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(opened, 'a quoted field is never closed: end it with "');
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') throw new CsvSyntaxError(line, 'text after a closing quote: quote the whole field, and double the quotes inside it');
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      line++;
      i += 2;
    } else if (c === '\n') {
      endRecord();
      line++;
      i++;
    } else if (c === '"') {
      throw new CsvSyntaxError(line, 'a quote inside an unquoted field: quote the whole field, and double the quotes inside it');
    } else {
      field += c;
      i++;
    }
  }
  if (!atFieldStart || field !== '' || record.length > 0) endRecord();
  return records;
}

/** Records with a header line: one object per record (`row` 1 the first after the header; empty lines skipped), keyed by the header's names. */
export function readCsvObjects(text: string): { row: number; values: Record<string, string> }[] {
  const records = readCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  const [header, ...rows] = records;
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return rows.map((row, index) => {
    if (row.length !== names.length) throw new CsvSyntaxError(index + 1, `${row.length} fields where the header has ${names.length}`, 'row');
    return { row: index + 1, values: Object.fromEntries(names.map((n, i) => [n, row[i]!])) };
  });
}
