import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { maintenanceDecider, streams, subProcessorDecider, toUtc } from '#domain';
import type { EventStore, SqlDatabase } from '#event-store';
import { foldStream, NoticeOutboxReader, type ChangeOutboxEntry, type OutboxEntry, type ProjectionRunner } from '#projections';
import type { AppConfig } from '../config.js';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { ProjectionsService } from '../infrastructure/projections.service.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import { APP_CONFIG, EVENT_STORE, READ_DATABASE } from '../infrastructure/tokens.js';
import { calendarOf } from '../config.js';
import { composeChangeNotice } from './change-notice-email.js';
import { createMailer, type NoticeMailer, type SendOutcome } from './mailer.js';
import { composeNotice, type NoticeEmailSettings } from './notice-email.js';

const BATCH = 20;
/** The longest nap of an idle outbox: new events wake it sooner. */
const IDLE_MS = 5_000;
/** How often a napping outbox looks for new events. */
const WATCH_MS = 25;

/** The wait before try `attempt + 1`: doubling from one second, never more than the configured cap. */
export function retryDelayMs(attempt: number, capMs: number): number {
  const base = Math.min(1_000, capMs);
  return Math.min(capMs, base * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

/**
 * The outbox processor: sends each planned notice email, earliest due first, and records how it
 * ended on the maintenance's stream: sent (the server's 250, Message-ID and instant), failed (5xx),
 * or deferred with its next try. It is fed by the notice-outbox read model, itself fed by the event
 * store, so a restart picks up exactly what is unsent. Before each try it reads the maintenance
 * from the store: an email already recorded, or voided by a move, is never sent again. A crash
 * between the server's acceptance and the record sends it once more, with the same Message-ID.
 */
@Injectable()
export class NoticeOutbox implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NoticeOutbox');
  private readonly reader: NoticeOutboxReader;
  private readonly settings: NoticeEmailSettings;
  private mailer: NoticeMailer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Fault injection for tests: runs after the server answered and before the outcome is recorded. */
  beforeRecording: ((messageId: string) => void | Promise<void>) | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_DATABASE) database: SqlDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandRunner,
    private readonly projections: ProjectionsService,
  ) {
    this.reader = new NoticeOutboxReader(database, config.readModelSchema);
    const fromAddress = /<([^<>]+)>\s*$/.exec(config.mail.from)?.[1] ?? config.mail.from;
    // The organizer a calendar shows is the sender the customer knows, not the product's name.
    const fromName = /^\s*"?([^"<]*?)"?\s*<[^<>]+>\s*$/.exec(config.mail.from)?.[1]?.trim() || 'SLA Ledger';
    this.settings = { from: config.mail.from, fromAddress, fromName, contact: config.mail.contact, legalTimeZone: config.legalTimeZone };
  }

  /** Where notices go: SMTP host, file outbox or memory. */
  get target(): string {
    return this.mailer?.target ?? 'not started';
  }

  onApplicationBootstrap(): void {
    if (!this.config.mail.sending) {
      this.logger.warn('SLA_NOTICE_SENDING=off: maintenance notices are planned and stay pending; none is sent');
      return;
    }
    this.mailer = createMailer(this.config.mail);
    this.running = true;
    this.loop = this.run();
    this.logger.log(`notice emails go to ${this.mailer.target}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.mailer?.close();
  }

  private get runner(): ProjectionRunner | undefined {
    return this.projections.runners.find((r) => r.projection.name === 'notice-outbox');
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // One process sends: the one that holds the notice-outbox read model's lease (SLA_ROLE, leases).
        if (!this.runner?.status().active) {
          await this.nap(IDLE_MS);
          continue;
        }
        const due = await this.reader.due(new Date().toISOString(), BATCH);
        for (const entry of due) {
          if (!this.running) break;
          const position = await this.deliver(entry);
          // The read model must show this outcome before the next look, or the entry would come back.
          if (position !== null) await this.runner?.waitFor(position, this.config.consistencyTimeoutMs);
        }
        // The sub-processors' change notices (R15) go through the same outbox, after the maintenance notices of the round.
        const changes = await this.reader.dueChanges(new Date().toISOString(), BATCH);
        for (const entry of changes) {
          if (!this.running) break;
          const position = await this.deliverChange(entry);
          if (position !== null) await this.runner?.waitFor(position, this.config.consistencyTimeoutMs);
        }
        if (due.length === BATCH || changes.length === BATCH) continue;
        const next = await this.reader.nextDue();
        await this.nap(next === null ? IDLE_MS : Math.min(IDLE_MS, Math.max(0, Date.parse(next) - Date.now())));
      } catch (error) {
        this.logger.warn(`notice outbox: ${error instanceof Error ? error.message : String(error)}; trying again`);
        await this.nap(Math.min(this.config.mail.retryMs, 1_000));
      }
    }
  }

  /**
   * Until `ms` pass, new events reach the outbox, or the application stops. The outbox's runner
   * position is a number in memory: looking at it every few milliseconds costs nothing, and leaves
   * no timer behind at shutdown.
   */
  private async nap(ms: number): Promise<void> {
    const until = Date.now() + ms;
    const from = this.runner?.position;
    while (this.running && Date.now() < until && this.runner?.position === from) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, Math.min(WATCH_MS, Math.max(1, until - Date.now()))).unref();
      });
      this.wake = null;
    }
  }

  /** One try of one change notice, recorded on the sub-processor's stream; as `deliver`. */
  private async deliverChange(entry: ChangeOutboxEntry): Promise<bigint | null> {
    const stream = streams.subProcessor(entry.subProcessorId);
    const state = foldStream('subProcessor', await this.store.readStream(stream));
    const email = state?.notices?.find((e) => e.messageId === entry.messageId);
    if (!state || !email || email.status !== 'pending') return null;
    const outcome: SendOutcome = await this.mailer!.send(composeChangeNotice(state, email, this.settings));
    await this.beforeRecording?.(email.messageId);
    const at = toUtc(new Date().toISOString());
    const meta: RequestMeta = { actor: 'notice-outbox', correlationId: `notice:${email.messageId}`, causationId: null };
    const base = { subProcessorId: state.id, messageId: email.messageId };
    switch (outcome.kind) {
      case 'accepted':
        return (await this.commands.run(stream, subProcessorDecider, { type: 'RecordChangeNoticeEmailSent', ...base, sentAt: at, response: outcome.response }, meta)).position;
      case 'refused':
        this.logger.warn(`change notice ${email.messageId} to ${email.customerId} refused: ${outcome.reason}`);
        return (await this.commands.run(stream, subProcessorDecider, { type: 'RecordChangeNoticeEmailFailed', ...base, at, reason: outcome.reason }, meta)).position;
      case 'deferred': {
        const retryAt = new Date(Date.now() + retryDelayMs(email.attempts + 1, this.config.mail.retryMs)).toISOString();
        return (await this.commands.run(stream, subProcessorDecider, { type: 'RecordChangeNoticeEmailDeferred', ...base, at, error: outcome.error, retryAt }, meta)).position;
      }
    }
  }

  /** One try of one email; the position of the event that recorded it, or null when nothing was to do. */
  private async deliver(entry: OutboxEntry): Promise<bigint | null> {
    const decider = maintenanceDecider(calendarOf(this.config));
    const maintenance = foldStream('maintenance', await this.store.readStream(streams.maintenance(entry.maintenanceId)));
    const email = maintenance?.emails?.find((e) => e.messageId === entry.messageId);
    if (!maintenance || !email || email.status !== 'pending') return null;
    const outcome = await this.mailer!.send(composeNotice(maintenance, email, this.settings));
    await this.beforeRecording?.(email.messageId);
    const at = toUtc(new Date().toISOString());
    const meta: RequestMeta = { actor: 'notice-outbox', correlationId: `notice:${email.messageId}`, causationId: null };
    const base = { maintenanceId: maintenance.id, messageId: email.messageId };
    switch (outcome.kind) {
      case 'accepted':
        return (await this.commands.run(streams.maintenance(maintenance.id), decider, { type: 'RecordNoticeEmailSent', ...base, sentAt: at, response: outcome.response }, meta)).position;
      case 'refused':
        this.logger.warn(`notice ${email.messageId} to ${email.customerId} refused: ${outcome.reason}`);
        return (await this.commands.run(streams.maintenance(maintenance.id), decider, { type: 'RecordNoticeEmailFailed', ...base, at, reason: outcome.reason }, meta)).position;
      case 'deferred': {
        const retryAt = new Date(Date.now() + retryDelayMs(email.attempts + 1, this.config.mail.retryMs)).toISOString();
        return (await this.commands.run(streams.maintenance(maintenance.id), decider, { type: 'RecordNoticeEmailDeferred', ...base, at, error: outcome.error, retryAt }, meta)).position;
      }
    }
  }
}
