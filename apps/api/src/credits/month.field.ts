import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isMonth } from '#domain';

/** A calendar month `YYYY-MM` (R2); year 0000 has no calendar month to bill. */
export function IsMonth(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    ApiProperty({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' })(target, propertyName);
    registerDecorator({
      name: 'isMonth',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a calendar month written YYYY-MM, e.g. 2026-10', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isMonth(value) && !value.startsWith('0000') },
    });
  };
}
