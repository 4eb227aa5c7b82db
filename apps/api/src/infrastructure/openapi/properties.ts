import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/**
 * Property decorators for the response classes, so that instants, counts and ids are described the
 * same way everywhere: `format: date-time`, `type: integer`, the id and month patterns.
 */
type Options = Omit<ApiPropertyOptions, 'type'> & { description?: string };

export const ID_SCHEMA_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
export const MONTH_SCHEMA_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

export function Instant(options: Options = {}): PropertyDecorator {
  return ApiProperty({ type: String, format: 'date-time', example: '2026-10-05T10:00:00Z', ...options } as ApiPropertyOptions);
}

export function NullableInstant(options: Options = {}): PropertyDecorator {
  return Instant({ nullable: true, ...options } as Options);
}

export function Int(options: Options = {}): PropertyDecorator {
  return ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);
}

/** Minutes worked out from seconds (instants are kept to the second, R1): whole minutes usually, a fraction while an incident is open or when an instant is not on the minute. */
export function Minutes(options: Options = {}): PropertyDecorator {
  return ApiProperty({ type: 'number', format: 'double', minimum: 0, ...options } as ApiPropertyOptions);
}

export function Text(options: Options = {}): PropertyDecorator {
  return ApiProperty({ type: String, ...options } as ApiPropertyOptions);
}

export function NullableText(options: Options = {}): PropertyDecorator {
  return Text({ nullable: true, ...options } as Options);
}

export function Id(options: Options = {}): PropertyDecorator {
  return Text({ pattern: ID_SCHEMA_PATTERN, ...options } as Options);
}

export function Month(options: Options = {}): PropertyDecorator {
  return Text({ pattern: MONTH_SCHEMA_PATTERN, example: '2026-10', ...options } as Options);
}

export function Flag(options: Options = {}): PropertyDecorator {
  return ApiProperty({ type: Boolean, ...options } as ApiPropertyOptions);
}

export function Texts(options: Options = {}): PropertyDecorator {
  return ApiProperty({ type: [String], ...options } as ApiPropertyOptions);
}

/** A percentage kept as an exact decimal string ("99.9"), never a float (R7). */
export function Percent(options: Options = {}): PropertyDecorator {
  return Text({ pattern: '^[0-9]{1,3}(\\.[0-9]+)?$', example: '99.9', ...options } as Options);
}

/** Any JSON value (event data, metadata): described, not constrained. */
export function AnyJson(options: Options = {}): PropertyDecorator {
  return applyDecorators(ApiProperty({ type: 'object', additionalProperties: true, ...options } as ApiPropertyOptions));
}
