import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, ValidateIf, registerDecorator } from 'class-validator';
import type { Scope } from '#domain';
import { ID_MESSAGE, ID_PATTERN } from './validators.js';

const LIST_OF_KIND = { platform: null, regions: 'regions', customers: 'customers' } as const;

/** Sits on `kind` because ValidateIf on a list would silence every other rule on it. */
function ListsMatchKind(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'listsMatchKind',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'a "platform" scope has no list; a "regions" scope has only regions; a "customers" scope has only customers' },
      validator: {
        validate: (kind: unknown, args) => {
          const scope = args?.object as ScopeDto;
          const expected = LIST_OF_KIND[kind as keyof typeof LIST_OF_KIND];
          if (expected === undefined) return true;
          return (['regions', 'customers'] as const).every((list) => list === expected || scope[list] === undefined);
        },
      },
    });
}

/** `{ kind: platform }`, `{ kind: regions, regions }` or `{ kind: customers, customers }` (R4). */
export class ScopeDto {
  @ApiProperty({ enum: ['platform', 'regions', 'customers'] })
  @IsIn(['platform', 'regions', 'customers'])
  @ListsMatchKind()
  kind!: 'platform' | 'regions' | 'customers';

  @ApiProperty({ required: false, type: [String], example: ['fra'] })
  @ValidateIf((scope: ScopeDto) => scope.kind === 'regions')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  regions?: string[];

  @ApiProperty({ required: false, type: [String] })
  @ValidateIf((scope: ScopeDto) => scope.kind === 'customers')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  @Matches(ID_PATTERN, { each: true, message: ID_MESSAGE })
  customers?: string[];
}

export function toScope(dto: ScopeDto): Scope {
  switch (dto.kind) {
    case 'platform':
      return { kind: 'platform' };
    case 'regions':
      return { kind: 'regions', regions: [...new Set(dto.regions!)] };
    case 'customers':
      return { kind: 'customers', customers: [...new Set(dto.customers!)] };
  }
}
