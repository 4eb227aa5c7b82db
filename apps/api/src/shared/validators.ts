import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { isInstantWithOffset } from '#domain';

/** An ISO-8601 date-time with an explicit offset (R1): `2026-10-05T10:00:00Z` or `…+02:00`. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    // Merged with the property's own ApiProperty, whichever runs first: the document says date-time.
    ApiProperty({ format: 'date-time' })(target, propertyName);
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO-8601 date-time with an offset, e.g. 2026-10-05T10:00:00Z', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.length <= 40 && isInstantWithOffset(value) },
    });
  };
}

/** Ids chosen by callers end up in stream names and URLs: keep them plain. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const ID_MESSAGE = '$property must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit';

/**
 * The field may be left out, but not sent as null: class-validator's IsOptional lets null through
 * every other rule, and the handlers would then meet a null they never expect.
 */
export function Optional(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_, value) => value !== undefined, options);
}

/** A query-string flag: "true" or "false", anything else refused. */
export function QueryBoolean(): PropertyDecorator {
  return (target, property) => {
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))(target, property);
    IsBoolean()(target, property);
  };
}
