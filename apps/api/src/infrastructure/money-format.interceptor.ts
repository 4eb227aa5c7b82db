import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { formatMoney } from '#domain';

/** Event data and metadata are shown as they were recorded, never rewritten. */
const VERBATIM = new Set(['data', 'metadata']);

function isMoney(value: Record<string, unknown>): value is { amount: number; currency: string } {
  return Number.isSafeInteger(value.amount) && typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) && !('formatted' in value);
}

/**
 * Every `{ amount, currency }` of an answer gains `formatted` ("2,000.00 EUR"); the amounts stay
 * integers. Copy on write: only the objects and arrays on the way to a money are copied, the rest
 * of the answer is passed on as it is (never changed in place: views may be shared by a cache). A
 * page of 1,000 figures has no money, and copying all of it was most of the work of answering it.
 */
export function addFormattedMoney(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let k = 0; k < value.length; k++) {
      const child: unknown = value[k];
      if (child === null || typeof child !== 'object') continue;
      const formatted = addFormattedMoney(child);
      if (formatted !== child) (out ??= value.slice())[k] = formatted;
    }
    return out ?? value;
  }
  // Plain JSON objects only: a stream (CSV), a Buffer or a Date is passed on untouched.
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const object = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const key of Object.keys(object)) {
    const child = object[key];
    if (child === null || typeof child !== 'object' || VERBATIM.has(key)) continue;
    const formatted = addFormattedMoney(child);
    if (formatted !== child) (out ??= { ...object })[key] = formatted;
  }
  if (isMoney(object)) (out ??= { ...object }).formatted = formatMoney(object);
  return out ?? object;
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
