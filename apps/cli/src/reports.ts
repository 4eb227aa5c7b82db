import { Command } from 'commander';
import type { Context } from './incidents.js';
import { ApiError } from './client.js';
import { csv, fields, table, type Cell } from './output.js';
import { month } from './scope.js';

interface MonthFigures {
  customerId: string;
  planId: string;
  coveragePeriodMinutes: number;
  downtimeMinutes: number;
  excludedMinutes: { scheduledMaintenance: number; emergencyMaintenance: number; exclusions: number };
  availabilityRate: string | null;
  target: string;
  belowTarget: boolean;
  ongoing: boolean;
}

interface Page<T> {
  items: T[];
  total: number;
}

const PAGE = 1000;
const HEADERS = ['customer', 'plan', 'CP min', 'DT min', 'maintenance min', 'emergency min', 'excluded min', 'AR %', 'target %', 'below target', 'ongoing'];

function row(f: MonthFigures): Cell[] {
  return [f.customerId, f.planId, f.coveragePeriodMinutes, f.downtimeMinutes, f.excludedMinutes.scheduledMaintenance, f.excludedMinutes.emergencyMaintenance, f.excludedMinutes.exclusions, f.availabilityRate, f.target, f.belowTarget, f.ongoing];
}

export function reportCommand(ctx: Context): Command {
  const report = new Command('report').description('figures as the server computes them');
  report
    .command('month')
    .description('every customer\'s figures for a month: a table, or CSV with --csv')
    .argument('<month>', 'the month, YYYY-MM', month)
    .option('--csv', 'CSV on stdout instead of a table')
    .option('--below-target', 'only customers below their target')
    .action(async (m: string, options: { csv?: boolean; belowTarget?: boolean }) => {
      const items: MonthFigures[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const filter = options.belowTarget ? '&belowTarget=true' : '';
        const page = await ctx.client().get<Page<MonthFigures>>(`/availability/${m}?offset=${offset}&limit=${PAGE}${filter}`);
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) break;
      }
      const rows = items.map(row);
      if (options.csv) {
        ctx.io.stdout.write(csv(HEADERS, rows));
        return;
      }
      ctx.io.stdout.write(`${m}: ${items.length} customer(s), ${items.filter((f) => f.belowTarget).length} below target\n`);
      if (rows.length > 0) ctx.io.stdout.write(table(HEADERS, rows));
    });
  return report;
}

interface CustomerView {
  id: string;
  name: string;
  email: string;
  plan: string;
  regions: string[];
  monthlyFee: { amount: number; currency: string };
  activeFrom: string;
  offboardedAt: string | null;
}

interface Credit {
  amount: { amount: number; currency: string } | null;
  state: string;
  reasons: string[];
}

const money = (m: { amount: number; currency: string } | null | undefined) => (m ? `${(m.amount / 100).toFixed(2)} ${m.currency}` : null);

export function customerCommand(ctx: Context): Command {
  const customer = new Command('customer').description('one customer');
  customer
    .command('show <id>')
    .description('a customer\'s plan, regions and fee; with --month, that month\'s figures and credit')
    .option('--month <YYYY-MM>', 'also show this month\'s figures and credit', month)
    .action(async (id: string, options: { month?: string }) => {
      const client = ctx.client();
      const c = await client.get<CustomerView>(`/customers/${encodeURIComponent(id)}`);
      ctx.io.stdout.write(
        fields([
          ['customer', `${c.id} (${c.name})`],
          ['email', c.email],
          ['plan', c.plan],
          ['regions', c.regions.join(', ')],
          ['monthly fee', money(c.monthlyFee)],
          ['active from', c.activeFrom],
          ['offboarded at', c.offboardedAt],
        ]),
      );
      if (!options.month) return;
      const f = await client.get<MonthFigures>(`/customers/${encodeURIComponent(id)}/availability/${options.month}`);
      const entries: [string, Cell][] = [
        ['coverage period', `${f.coveragePeriodMinutes} min`],
        ['down time', `${f.downtimeMinutes} min`],
        ['excluded', `${f.excludedMinutes.scheduledMaintenance} min maintenance, ${f.excludedMinutes.emergencyMaintenance} min emergency, ${f.excludedMinutes.exclusions} min exclusions`],
        ['availability rate', f.availabilityRate === null ? null : `${f.availabilityRate} %`],
        ['target', `${f.target} %${f.belowTarget ? ' (below)' : ''}`],
        ['ongoing', f.ongoing],
      ];
      try {
        const credit = await client.get<Credit>(`/customers/${encodeURIComponent(id)}/credits/${options.month}`);
        entries.push(['credit', `${credit.state}${credit.amount ? `, ${money(credit.amount)}` : ''}`], ...credit.reasons.map((r): [string, Cell] => ['  because', r]));
      } catch (error) {
        // Ops tokens read figures but not money: say so rather than failing the whole command.
        if (!(error instanceof ApiError) || error.status !== 403) throw error;
        entries.push(['credit', `not shown: ${error.problem.detail}`]);
      }
      ctx.io.stdout.write(`\n${options.month}\n${fields(entries)}`);
    });
  return customer;
}
