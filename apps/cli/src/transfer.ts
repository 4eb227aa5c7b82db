import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { Command, InvalidArgumentError } from 'commander';
import cliProgress from 'cli-progress';
import { CliError } from './errors.js';
import type { Context } from './incidents.js';
import type { Io } from './output.js';

interface FeedPage {
  events: { position: string; id: string; stream: string; revision: number; type: string; data: unknown; metadata: unknown }[];
  next: string;
}

/** What `POST /admin/events` takes at most per request stays well under the default 100 kB body limit. */
const IMPORT_BATCH_EVENTS = 500;
const IMPORT_BATCH_CHARS = 64_000;
const EXPORT_PAGE = 1000;
/** How long an export waits for events below the head that a write still open holds back. */
const HELD_BACK_PATIENCE_MS = 60_000;

/** A bar on stderr when a person watches it; nothing when stderr is a file or a pipe. */
function progress(io: Io, total: number, unit: string): { update(n: number): void; stop(): void } {
  if (!io.stderr.isTTY || total <= 0) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: io.stderr as NodeJS.WritableStream, format: `{bar} {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n) => bar.update(Math.min(n, total)), stop: () => bar.stop() };
}

async function write(out: WriteStream | Io['stdout'], text: string): Promise<void> {
  if ('once' in out && typeof (out as WriteStream).write === 'function') {
    if (!(out as WriteStream).write(text)) await once(out as WriteStream, 'drain');
    return;
  }
  out.write(text);
}

function position(value: string): string {
  if (!/^\d{1,19}$/.test(value)) throw new InvalidArgumentError('a global position: a whole number');
  return value;
}

export function exportCommand(ctx: Context): Command {
  return new Command('export')
    .summary('write the event log as JSON lines, with a progress bar')
    .description('write the event log as JSON lines (one event a line, in the store\'s order) to a file, or to stdout')
    .argument('[file]', 'where to write; stdout when omitted or "-"')
    .option('--after <position>', 'only events after this global position (to continue an earlier export)', position, '0')
    .action(async (file: string | undefined, options: { after: string }) => {
      const client = ctx.client();
      const health = await client.get<{ projections?: { headPosition?: string }[] }>('/health').catch(() => null);
      const headPosition = health?.projections?.[0]?.headPosition ?? '0';
      const head = Number(headPosition);
      const toFile = file !== undefined && file !== '-';
      const out = toFile ? createWriteStream(resolve(ctx.io.cwd, file)) : ctx.io.stdout;
      // Positions, not a count of events: the bar reaches its end at the head even if positions skip.
      const start = Number(options.after);
      const bar = progress(ctx.io, head - start, 'positions');
      let after = options.after;
      let count = 0;
      try {
        let waitedSince: number | null = null;
        for (;;) {
          const page = await client.get<FeedPage>(`/events?after=${after}&limit=${EXPORT_PAGE}`);
          if (page.events.length === 0) {
            // Below the head the store was at when the export began, an empty page means events held
            // back while an older write is still open (PostgreSQL): read again rather than stop short.
            if (BigInt(after) >= BigInt(headPosition)) break;
            waitedSince ??= Date.now();
            if (Date.now() - waitedSince > HELD_BACK_PATIENCE_MS) {
              throw new CliError(`the store's events after position ${after} stayed unreadable for ${HELD_BACK_PATIENCE_MS / 1000} s although its head was at ${headPosition} when the export began (a write transaction left open?): ${count} event(s) were written; run again with --after ${after} to continue`);
            }
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          waitedSince = null;
          await write(out, page.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
          count += page.events.length;
          after = page.next;
          bar.update(Number(after) - start);
        }
      } finally {
        bar.stop();
        if (toFile) {
          (out as WriteStream).end();
          await once(out as WriteStream, 'close');
        }
      }
      ctx.io.stderr.write(`exported ${count} event(s)${toFile ? ` to ${file}` : ''}, up to position ${after}\n`);
    });
}

interface Line {
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: unknown;
}

function parseLine(text: string, number: number, file: string): Line {
  let value: Partial<Line>;
  try {
    value = JSON.parse(text) as Partial<Line>;
  } catch {
    throw new CliError(`${file} line ${number} is not JSON: give a file written by sla export (one event a line)`);
  }
  if (typeof value !== 'object' || value === null || typeof value.id !== 'string' || typeof value.stream !== 'string' || typeof value.revision !== 'number' || typeof value.type !== 'string') {
    throw new CliError(`${file} line ${number} is not an exported event: each line needs id, stream, revision, type, data and metadata`);
  }
  return { id: value.id, stream: value.stream, revision: value.revision, type: value.type, data: value.data, metadata: value.metadata };
}

export function importCommand(ctx: Context): Command {
  return new Command('import')
    .summary('append the events of an exported file to the server\'s store')
    .description('append the events of a JSON lines file (from sla export) to the server\'s store, keeping their ids, streams and revisions; running it again writes nothing twice')
    .argument('<file>', 'a file written by sla export')
    .action(async (file: string) => {
      const path = resolve(ctx.io.cwd, file);
      let size: number;
      try {
        size = statSync(path).size;
      } catch {
        throw new CliError(`cannot read ${file}: no such file`);
      }
      const client = ctx.client();
      const input = createReadStream(path);
      const lines = createInterface({ input, crlfDelay: Infinity });
      const bar = progress(ctx.io, size, 'bytes');
      let batch: Line[] = [];
      let chars = 0;
      let sent = 0;
      let headPosition = '0';
      const flush = async () => {
        if (batch.length === 0) return;
        const answer = await client.post<{ position: string }>('/admin/events', { events: batch });
        headPosition = answer.position;
        sent += batch.length;
        batch = [];
        chars = 0;
        bar.update(input.bytesRead);
      };
      let number = 0;
      try {
        for await (const text of lines) {
          number++;
          if (text.trim() === '') continue;
          if (batch.length >= IMPORT_BATCH_EVENTS || (batch.length > 0 && chars + text.length > IMPORT_BATCH_CHARS)) await flush();
          batch.push(parseLine(text, number, file));
          chars += text.length;
        }
        await flush();
      } catch (error) {
        if (sent > 0) ctx.io.stderr.write(`${sent} event(s) were imported before this; running the same import again continues without writing them twice\n`);
        throw error;
      } finally {
        bar.stop();
        lines.close();
        input.destroy();
      }
      ctx.io.stdout.write(`imported ${sent} event(s) from ${file}; the store's head is at position ${headPosition}\n`);
    });
}
