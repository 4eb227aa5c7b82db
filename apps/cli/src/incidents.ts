import { Command, Option } from 'commander';
import type { ApiClient } from './client.js';
import { fields, type Io } from './output.js';
import { instant, scopeOf, withScope, type ScopeOptions } from './scope.js';

export interface Context {
  io: Io;
  client(): ApiClient;
  now(): string;
}

interface Incident {
  id: string;
  [field: string]: unknown;
}

function show(io: Io, what: string, incident: Incident, extra: [string, unknown][] = []): void {
  const entries: [string, unknown][] = [['id', incident.id], ...extra];
  io.stdout.write(`${what}\n${fields(entries.map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as string)]))}`);
}

export function outageCommand(ctx: Context): Command {
  const outage = new Command('outage').description('record outages: start, end, correct, classify, void');
  withScope(
    outage
      .command('start')
      .description('start an outage now (or --at); prints its id')
      .requiredOption('--title <text>', 'what users see, e.g. "fra: API errors"')
      .addOption(new Option('--impact <impact>', 'how bad').choices(['unavailable', 'degraded']).default('unavailable'))
      .option('--at <instant>', 'when it started (default: now)', instant)
      .option('--id <id>', 'choose the id (default: the server makes one)')
      .option('--sub-processor <id>', 'the sub-processor at fault'),
  ).action(async (options: ScopeOptions & { title: string; impact: string; at?: string; id?: string; subProcessor?: string }) => {
    const body = { id: options.id, scope: scopeOf(options), impact: options.impact, title: options.title, startedAt: options.at ?? ctx.now(), subProcessor: options.subProcessor };
    const started = await ctx.client().post<Incident>('/outages', body);
    show(ctx.io, 'outage started', started, [['startedAt', started.startedAt], ['impact', started.impact], ['scope', started.scope]]);
  });
  outage
    .command('end <id>')
    .description('end an ongoing outage now (or --at)')
    .option('--at <instant>', 'when it ended (default: now)', instant)
    .action(async (id: string, options: { at?: string }) => {
      const ended = await ctx.client().post<Incident>(`/outages/${encodeURIComponent(id)}/end`, { endedAt: options.at ?? ctx.now() });
      show(ctx.io, 'outage ended', ended, [['startedAt', ended.startedAt], ['endedAt', ended.endedAt]]);
    });
  outage
    .command('correct <id>')
    .description('correct when an outage started or ended, saying why')
    .option('--started-at <instant>', 'the corrected start', instant)
    .option('--ended-at <instant>', 'the corrected end', instant)
    .requiredOption('--reason <text>', 'why the record was wrong')
    .action(async (id: string, options: { startedAt?: string; endedAt?: string; reason: string }) => {
      const corrected = await ctx.client().post<Incident>(`/outages/${encodeURIComponent(id)}/corrections`, options);
      show(ctx.io, 'outage corrected', corrected, [['startedAt', corrected.startedAt], ['endedAt', corrected.endedAt]]);
    });
  outage
    .command('classify <id>')
    .description('classify an outage as excluded from Down Time (or "none" to count it again)')
    .requiredOption('--exclusion <kind>', 'the contract\'s exclusion, e.g. force-majeure; "none" clears it')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, options: { exclusion: string; reason: string }) => {
      const body = { exclusion: options.exclusion === 'none' ? null : options.exclusion, reason: options.reason };
      const classified = await ctx.client().post<Incident>(`/outages/${encodeURIComponent(id)}/classification`, body);
      show(ctx.io, 'outage classified', classified, [['exclusion', classified.exclusion ?? 'none']]);
    });
  outage
    .command('void <id>')
    .description('void an outage recorded in error: it leaves every figure, and stays in the record')
    .requiredOption('--reason <text>', 'why it was recorded in error')
    .action(async (id: string, options: { reason: string }) => {
      const voided = await ctx.client().post<Incident>(`/outages/${encodeURIComponent(id)}/void`, { reason: options.reason });
      show(ctx.io, 'outage voided', voided, [['voided', voided.voided]]);
    });
  return outage;
}

interface Maintenance extends Incident {
  window: { start: string; end: string };
  noticeInTime: boolean | null;
  acceptedAsDowntime?: boolean;
  notices: { sentAt: string; inTime: boolean }[];
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
}

/** The notice check's answer, as the server gave it for the latest notice of the current window. */
function noticeAnswer(m: Maintenance): string {
  const sent = m.notices.at(-1)?.sentAt;
  if (m.noticeInTime === null || !sent) return 'no notice recorded';
  if (m.noticeInTime) return `sent ${sent}: in time`;
  return `sent ${sent}: too late${m.acceptedAsDowntime ? ', so the window counts as Down Time' : ''}`;
}

export function maintenanceCommand(ctx: Context): Command {
  const maintenance = new Command('maintenance').description('scheduled maintenance: schedule, start, complete, cancel');
  withScope(
    maintenance
      .command('schedule')
      .description('schedule a maintenance window and record its notice; shows the notice check\'s answer')
      .requiredOption('--start <instant>', 'the window\'s start', instant)
      .requiredOption('--end <instant>', 'the window\'s end', instant)
      .requiredOption('--title <text>', 'what customers are told')
      .option('--notice-sent-at <instant>', 'when the notice went out (default: now; never in the future)', instant)
      .option('--accept-as-downtime', 'schedule it even with too little notice: it then counts as Down Time')
      .option('--id <id>', 'choose the id (default: the server makes one)'),
  ).action(async (options: ScopeOptions & { start: string; end: string; title: string; noticeSentAt?: string; acceptAsDowntime?: boolean; id?: string }) => {
    const body = {
      id: options.id,
      scope: scopeOf(options),
      window: { start: options.start, end: options.end },
      title: options.title,
      noticeSentAt: options.noticeSentAt,
      acceptAsDowntime: options.acceptAsDowntime ?? false,
    };
    const scheduled = await ctx.client().post<Maintenance>('/maintenances', body);
    show(ctx.io, 'maintenance scheduled', scheduled, [['window', `${scheduled.window.start} – ${scheduled.window.end}`], ['notice', noticeAnswer(scheduled)]]);
  });
  for (const [verb, what, field] of [
    ['start', 'started', 'startedAt'],
    ['complete', 'completed', 'completedAt'],
  ] as const) {
    maintenance
      .command(`${verb} <id>`)
      .description(`record that a maintenance ${what} now (or --at)`)
      .option('--at <instant>', `when it ${what} (default: now)`, instant)
      .action(async (id: string, options: { at?: string }) => {
        const m = await ctx.client().post<Maintenance>(`/maintenances/${encodeURIComponent(id)}/${verb}`, { at: options.at ?? ctx.now() });
        show(ctx.io, `maintenance ${what}`, m, [['window', `${m.window.start} – ${m.window.end}`], [field, m[field]], ['notice', noticeAnswer(m)]]);
      });
  }
  maintenance
    .command('cancel <id>')
    .description('cancel a maintenance that has not started')
    .action(async (id: string) => {
      const m = await ctx.client().post<Maintenance>(`/maintenances/${encodeURIComponent(id)}/cancel`, {});
      show(ctx.io, 'maintenance cancelled', m, [['cancelledAt', m.cancelledAt]]);
    });
  return maintenance;
}

export function emergencyCommand(ctx: Context): Command {
  const emergency = new Command('emergency').description('emergency maintenance: start, end, void');
  withScope(
    emergency
      .command('start')
      .description('start an emergency maintenance now (or --at)')
      .requiredOption('--reason <text>', 'why it could not wait')
      .option('--at <instant>', 'when it started (default: now)', instant)
      .option('--id <id>', 'choose the id (default: the server makes one)'),
  ).action(async (options: ScopeOptions & { reason: string; at?: string; id?: string }) => {
    const started = await ctx.client().post<Incident>('/emergency-maintenances', { id: options.id, scope: scopeOf(options), startedAt: options.at ?? ctx.now(), reason: options.reason });
    show(ctx.io, 'emergency maintenance started', started, [['startedAt', started.startedAt]]);
  });
  emergency
    .command('end <id>')
    .description('end an emergency maintenance now (or --at)')
    .option('--at <instant>', 'when it ended (default: now)', instant)
    .action(async (id: string, options: { at?: string }) => {
      const ended = await ctx.client().post<Incident>(`/emergency-maintenances/${encodeURIComponent(id)}/end`, { endedAt: options.at ?? ctx.now() });
      show(ctx.io, 'emergency maintenance ended', ended, [['startedAt', ended.startedAt], ['endedAt', ended.endedAt]]);
    });
  emergency
    .command('void <id>')
    .description('void an emergency maintenance recorded in error: it excludes nothing any more, and stays in the record')
    .requiredOption('--reason <text>', 'why it was recorded in error')
    .action(async (id: string, options: { reason: string }) => {
      const voided = await ctx.client().post<Incident>(`/emergency-maintenances/${encodeURIComponent(id)}/void`, { reason: options.reason });
      show(ctx.io, 'emergency maintenance voided', voided, [['voided', voided.voided]]);
    });
  return emergency;
}
