import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.js';
import type { ComposedNotice } from './notice-email.js';

/** How a try ended: accepted (250), refused for good (5xx), or to be tried again (4xx, no server, timeout). */
export type SendOutcome = { kind: 'accepted'; response: string } | { kind: 'refused'; reason: string } | { kind: 'deferred'; error: string };

/** A notice as sent: a maintenance notice carries its calendar part, a sub-processor change notice none. */
export type MailMessage = Omit<ComposedNotice, 'icalEvent'> & { icalEvent?: ComposedNotice['icalEvent'] };

export interface NoticeMailer {
  /** Where messages go, for logs and /health: never the credentials. */
  readonly target: string;
  send(message: MailMessage): Promise<SendOutcome>;
  close(): void;
}

/** A Message-ID as a file name: its angle brackets and any odd character become safe ones. */
export function outboxFileName(messageId: string): string {
  return `${messageId.replace(/^<|>$/g, '').replace(/[^A-Za-z0-9._@-]/g, '_')}.eml`;
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  command?: string;
  message?: string;
}

/**
 * Only a 5xx about this message (its recipient or its content) fails the notice for good. A 5xx to
 * the login or to MAIL FROM is the sender's configuration (SMTP_URL's password, MAIL_FROM): failing
 * every notice for it would lose them all to a typo, so they stay pending until it is fixed.
 */
export function classifySmtpError(error: unknown): SendOutcome {
  const e = (error ?? {}) as SmtpError;
  const text = (e.response ?? e.message ?? String(error)).trim();
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  const aboutTheMessage = (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && e.command !== 'MAIL FROM';
  if (permanent && aboutTheMessage) return { kind: 'refused', reason: text };
  return { kind: 'deferred', error: e.code && !text.includes(e.code) ? `${e.code}: ${text}` : text };
}

/**
 * SMTP when SMTP_URL is set; otherwise each message is written whole as an `.eml` file under the
 * outbox folder (or kept in memory when the data is), and counts as sent there.
 */
export function createMailer(config: MailConfig): NoticeMailer {
  if (config.smtpUrl) {
    const url = new URL(config.smtpUrl);
    const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
    return {
      target: `${url.protocol}//${url.host}`,
      async send(message) {
        try {
          const info = await transport.sendMail(message);
          if (info.rejected.length > 0) return { kind: 'refused', reason: `${info.rejected.join(', ')} rejected: ${info.response}` };
          return { kind: 'accepted', response: info.response };
        } catch (error) {
          return classifySmtpError(error);
        }
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = config.outboxDir;
  return {
    target: dir ? `file outbox ${dir}` : 'memory outbox',
    async send(message) {
      try {
        const info = await transport.sendMail(message);
        if (!dir) return { kind: 'accepted', response: 'kept in the memory outbox (no SMTP_URL)' };
        await mkdir(dir, { recursive: true });
        const file = join(dir, outboxFileName(message.messageId));
        // Written aside, then renamed: a reader never sees half a message.
        await writeFile(`${file}.part`, info.message as Buffer);
        await rename(`${file}.part`, file);
        return { kind: 'accepted', response: `written to ${file} (no SMTP_URL)` };
      } catch (error) {
        return { kind: 'deferred', error: error instanceof Error ? error.message : String(error) };
      }
    },
    close: () => transport.close(),
  };
}
