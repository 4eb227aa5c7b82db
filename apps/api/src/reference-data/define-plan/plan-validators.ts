import { registerDecorator, type ValidationOptions } from 'class-validator';
import { IANAZone } from 'luxon';
import { parsePercent, type ScaledDecimal } from '#domain';

const DECIMAL_PERCENT = /^\d{1,3}(\.\d{1,6})?$/;

/** Read as an exact scaled integer, so that tiers are ordered without float rounding (R7). */
export function percentOf(value: unknown): ScaledDecimal | null {
  if (typeof value !== 'string' || !DECIMAL_PERCENT.test(value)) return null;
  try {
    return parsePercent(value);
  } catch {
    return null;
  }
}

function compareDecimals(a: ScaledDecimal, b: ScaledDecimal): number {
  const left = a.units * 10n ** BigInt(b.scale);
  const right = b.units * 10n ** BigInt(a.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A target of 0 % could never be missed, so it is refused with the malformed ones. */
export function IsPercent(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPercent',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a percentage above 0 and at most 100, written as a decimal string with at most 6 decimals, e.g. "99.9"', ...options },
      validator: { validate: (value: unknown) => (percentOf(value)?.units ?? 0n) > 0n },
    });
}

interface Tier {
  below: unknown;
  percent: unknown;
}

/**
 * Tiers read top-down like the big clouds' tables: each row is a lower Availability Rate, and a
 * worse rate must never earn a smaller credit, or the policy would reward the provider for it.
 */
export function TiersInOrder(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'tiersInOrder',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message:
          '$property must go from the highest "below" to the lowest, each "below" strictly lower than the one before it and each "percent" at least the one before it',
        ...options,
      },
      validator: {
        validate: (tiers: unknown) => {
          // Malformed rows are reported by their own rules; ordering is only judged on well-formed ones.
          if (!Array.isArray(tiers)) return true;
          const rows = (tiers as Tier[]).map((tier) => ({ below: percentOf(tier?.below), percent: tier?.percent }));
          if (rows.some((row) => row.below === null || !Number.isInteger(row.percent))) return true;
          return rows.every(
            (row, k) => k === 0 || (compareDecimals(row.below!, rows[k - 1]!.below!) < 0 && (row.percent as number) >= (rows[k - 1]!.percent as number)),
          );
        },
      },
    });
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone, e.g. Europe/Paris or UTC', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 64 && IANAZone.isValidZone(value) },
    });
}

/** Zones are matched case-insensitively; the canonical spelling is what gets stored. */
export function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** Sits on `to`, so the violation names the field a caller most likely has to change. */
export function EndsAfter(field: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'endsAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [field],
      options: { message: `$property must be later in the day than ${field}`, ...options },
      validator: {
        validate: (value: unknown, args) => {
          const start = (args?.object as Record<string, unknown>)[field];
          // Zero-padded HH:MM strings sort like the times they name.
          return typeof value !== 'string' || typeof start !== 'string' || start < value;
        },
      },
    });
}

/** Sits on `kind` because ValidateIf on `tiers` would otherwise let stray tiers through unnoticed. */
export function TiersOnlyForTiersKind(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'tiersOnlyForTiersKind',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'only a "tiers" credit policy has tiers; remove them or use kind "tiers"' },
      validator: { validate: (kind: unknown, args) => kind === 'tiers' || (args?.object as { tiers?: unknown }).tiers === undefined },
    });
}
