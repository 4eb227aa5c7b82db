import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from '../shared/validators.js';

// The runtime's ICU list holds the active ISO 4217 codes, kept current with Node rather than by hand.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function IsCurrency(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrency',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO 4217 currency code in capitals, e.g. EUR', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CURRENCIES.has(value) },
    });
}

/** Money as integer minor units, so that credits are computed and rounded exactly (R11). */
export class MoneyDto {
  @ApiProperty({ type: 'integer', example: 200000, description: 'Integer minor units (cents for EUR)' })
  @IsInt({ message: '$property must be a whole number of minor units (cents for EUR), e.g. 200000 for 2,000.00' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @ApiProperty({ example: 'EUR', pattern: '^[A-Z]{3}$' })
  @IsCurrency()
  currency!: string;
}

export const PlanIdField = () => applyDecorators(ApiProperty({ example: 'pro' }), IsString(), Matches(ID_PATTERN, { message: ID_MESSAGE }));

export const RegionIdsField = () =>
  applyDecorators(
    ApiProperty({ type: [String], example: ['fra'] }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(1000),
    IsString({ each: true }),
    Matches(ID_PATTERN, { each: true, message: ID_MESSAGE }),
  );

/** A region named twice is still one region. */
export function distinct(regions: string[]): string[] {
  return [...new Set(regions)];
}
