import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';
import { Optional } from './validators.js';

/** Far past any page anyone reads, and well inside what PostgreSQL's bigint and a JS number hold exactly. */
export const MAX_OFFSET = 1_000_000_000;
/** The largest global position a store can hand out: PostgreSQL's bigint, EventStoreDB's commit position. */
export const MAX_POSITION = 2n ** 63n - 1n;

const DIGITS = /^(0|[1-9]\d*)$/;

/**
 * A whole-number query parameter from `min` to `max`. The text must be plain decimal digits: `1e3`,
 * `0x10`, `1.0` or ` 5` are refused rather than read as something the caller may not have meant,
 * and a value past `max` is refused before it can reach SQL as an out-of-range bigint.
 */
export function QueryInteger(options: { min: number; max: number; default: number; description?: string }): PropertyDecorator {
  const { min, max } = options;
  return applyDecorators(
    ApiProperty({ required: false, type: 'integer', minimum: min, maximum: max, default: options.default, ...(options.description && { description: options.description }) }),
    Optional(),
    // Arrays (`?limit=1&limit=2`) and anything not digits stay as sent so that the validator names them.
    Transform(({ value }) => (typeof value === 'string' && DIGITS.test(value) && value.length <= 16 ? Number(value) : value)),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'queryInteger',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `$property must be a whole number from ${min} to ${max}` },
        validator: { validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max },
      }),
  );
}

/** A global position of the event store, kept as text (it may pass 2^53): `0` to 2^63 − 1. */
export function QueryPosition(options: { description: string }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ required: false, type: 'string', pattern: '^\\d{1,19}$', default: '0', description: `${options.description} (0 to ${MAX_POSITION})` }),
    Optional(),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'queryPosition',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `$property must be a global position: a whole number from 0 to ${MAX_POSITION}` },
        validator: { validate: (value: unknown) => typeof value === 'string' && DIGITS.test(value) && value.length <= 19 && BigInt(value) <= MAX_POSITION },
      }),
  );
}
