import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

/**
 * RFC 4180 text, CRLF-terminated, written row by row as the reader takes it (never one string for
 * the whole month). A cell starting with = + - @ (a customer name, a reason) is escaped so that a
 * spreadsheet shows it instead of running it as a formula.
 */
export function csvStream<T>(columns: readonly string[], rows: Iterable<T>, toRow: (row: T) => string[]): Readable {
  const stringifier = stringify({ header: true, columns: [...columns], record_delimiter: '\r\n', escape_formulas: true });
  const source = Readable.from(
    (function* () {
      for (const row of rows) yield toRow(row);
    })(),
  );
  // The stringifier is what the answer reads; pipeline ends it on an error of the rows too.
  pipeline(source, stringifier, () => {});
  return stringifier;
}

