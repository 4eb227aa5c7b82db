import type { Readable } from 'node:stream';
import { majorUnits } from '#domain';
import type { CreditView } from '../credit.reader.js';
import { csvStream } from '../../shared/csv.js';

/** The first nine columns are the original export's, in its order; the others were added after them. */
export const CREDIT_COLUMNS = [
  'customerId',
  'month',
  'state',
  'availabilityRate',
  'target',
  'policy',
  'amountMinor',
  'currency',
  'reasons',
  'customerName',
  'planId',
  'feeMinor',
  'owedMinor',
  'amount',
  'decision',
] as const;

function creditRow(line: CreditView): string[] {
  return [
    line.customerId,
    line.month,
    line.state,
    line.availabilityRate ?? '',
    line.target,
    line.policy,
    String(line.amount.amount),
    line.amount.currency,
    line.reasons.join(' | '),
    line.customerName,
    line.planId,
    String(line.fee.amount),
    String(line.owed.amount),
    majorUnits(line.amount),
    line.evidence.decision?.decision ?? '',
  ];
}

export function creditsCsv(lines: CreditView[]): Readable {
  return csvStream(CREDIT_COLUMNS, lines, creditRow);
}
