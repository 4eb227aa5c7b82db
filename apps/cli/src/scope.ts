import { InvalidArgumentError, type Command } from 'commander';

export interface ScopeOptions {
  platform?: boolean;
  regions?: string[];
  customers?: string[];
}

export function list(value: string): string[] {
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('give at least one id, comma-separated');
  return items;
}

/** The scope flags every incident command shares: exactly one of them. */
export function withScope(command: Command): Command {
  return command
    .option('--platform', 'the whole platform')
    .option('--regions <ids>', 'these regions, comma-separated (fra,ams)', list)
    .option('--customers <ids>', 'these customers, comma-separated', list);
}

export function scopeOf(options: ScopeOptions): object {
  const given = [options.platform && 'platform', options.regions && 'regions', options.customers && 'customers'].filter(Boolean);
  if (given.length !== 1) throw new InvalidArgumentError('give exactly one scope: --platform, --regions <ids> or --customers <ids>');
  if (options.platform) return { kind: 'platform' };
  if (options.regions) return { kind: 'regions', regions: options.regions };
  return { kind: 'customers', customers: options.customers };
}

/** An instant flag's value as given, checked enough to catch a typo before the server does. */
export function instant(value: string): string {
  if (Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new InvalidArgumentError('an ISO-8601 instant with an offset, such as 2026-10-05T10:00:00Z');
  }
  return value;
}

export function month(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new InvalidArgumentError('a month as YYYY-MM, such as 2026-10');
  return value;
}
