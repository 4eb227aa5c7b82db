import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Int, Text } from '../infrastructure/openapi/properties.js';

/** An amount as integer minor units of its currency (cents; yen have none), with its ISO 4217 code. */
export class MoneyResponse {
  @Int({ example: 200000, description: 'Minor units of the currency (cents for EUR, yen for JPY, fils for KWD)' })
  amount!: number;

  @Text({ pattern: '^[A-Z]{3}$', example: 'EUR' })
  currency!: string;

  @Text({ example: '2,000.00 EUR', description: "For people: the amount in major units with the currency's own digits (JPY none, KWD three) and its code; compute with `amount`" })
  formatted!: string;
}

/** What an incident covers (R4): the platform, some regions, or some customers. */
export class ScopeResponse {
  @ApiProperty({ enum: ['platform', 'regions', 'customers'] })
  kind!: 'platform' | 'regions' | 'customers';

  @ApiProperty({ type: [String], required: false, example: ['fra'], description: 'With kind regions' })
  regions?: string[];

  @ApiProperty({ type: [String], required: false, example: ['acme'], description: 'With kind customers' })
  customers?: string[];
}

/** A page of a list: `items` from `offset`, at most `limit` of them, out of `total`. */
export function PageOf<T>(item: Type<T>, name: string) {
  class Page {
    @ApiProperty({ type: [item] })
    items!: T[];

    @Int({ example: 1, description: 'How many match, over every page' })
    total!: number;

    @Int({ example: 0 })
    offset!: number;

    @Int({ example: 50 })
    limit!: number;
  }
  Object.defineProperty(Page, 'name', { value: name });
  return Page;
}
