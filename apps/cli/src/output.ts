import { stringify } from 'csv-stringify/sync';

/** Where a command writes: the process's streams, or a test's buffers. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

export type Cell = string | number | boolean | null | undefined;

function text(cell: Cell): string {
  if (cell === null || cell === undefined) return '–';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return String(cell);
}

/** A plain text table: numbers right-aligned, everything else left-aligned. */
export function table(headers: string[], rows: Cell[][]): string {
  const cells = rows.map((row) => row.map(text));
  const widths = headers.map((h, k) => Math.max(h.length, ...cells.map((row) => row[k]!.length)));
  const numeric = headers.map((_, k) => rows.length > 0 && rows.every((row) => typeof row[k] === 'number' || row[k] === null || (typeof row[k] === 'string' && /^-?\d+(\.\d+)?$/.test(row[k] as string))));
  const line = (row: string[]) => row.map((cell, k) => (numeric[k] ? cell.padStart(widths[k]!) : cell.padEnd(widths[k]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}

export function csv(headers: string[], rows: Cell[][]): string {
  return stringify([headers, ...rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '' : String(cell))))]);
}

/** `key: value` lines, aligned. */
export function fields(entries: [string, Cell][]): string {
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${`${key}:`.padEnd(width + 1)} ${text(value)}`).join('\n') + '\n';
}
