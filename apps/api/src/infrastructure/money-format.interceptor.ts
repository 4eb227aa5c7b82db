import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { formatMoney } from '#domain';

/** Event data and metadata are shown as they were recorded, never rewritten. */
const VERBATIM = new Set(['data', 'metadata']);

function isMoney(value: Record<string, unknown>): value is { amount: number; currency: string } {
  return Number.isSafeInteger(value.amount) && typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) && !('formatted' in value);
}

/** Every `{ amount, currency }` of an answer gains `formatted` ("2,000.00 EUR"); the amounts stay integers. */
export function addFormattedMoney(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addFormattedMoney);
  // Plain JSON objects only: a stream (CSV), a Buffer or a Date is passed on untouched.
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(object)) out[key] = VERBATIM.has(key) ? child : addFormattedMoney(child);
  if (isMoney(object)) out.formatted = formatMoney(object);
  return out;
}

/**
 * At the edge only: the views, the commands and the events keep plain Money, so a formatted string
 * can never end up in an event or be compared as a figure.
 */
@Injectable()
export class MoneyFormatInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((body: unknown) => (typeof body === 'object' && body !== null ? addFormattedMoney(body) : body)));
  }
}
