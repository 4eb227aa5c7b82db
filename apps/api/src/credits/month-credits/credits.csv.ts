import type { CreditView } from '../credit.reader.js';

const HEADER = ['customerId', 'month', 'state', 'availabilityRate', 'target', 'policy', 'amountMinor', 'currency', 'reasons'];

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One line per credit, CRLF-terminated as RFC 4180 asks, for finance's spreadsheets. */
export function creditsCsv(lines: CreditView[]): string {
  const rows = lines.map((line) => [
    line.customerId,
    line.month,
    line.state,
    line.availabilityRate ?? '',
    line.target,
    line.policy,
    String(line.amount.amount),
    line.amount.currency,
    line.reasons.join(' | '),
  ]);
  return [HEADER, ...rows].map((row) => row.map(field).join(',') + '\r\n').join('');
}
