import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type Money } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Runs `load` whenever `deps` change (and on reload()); keeps the last answer while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** The API's `detail`, verbatim: it says what was wrong and what to do. */
export function ProblemMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const detail = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="problem">
      {detail}
      {error instanceof ApiError && error.status === 401 && (
        <>
          {' '}
          <Link to="/sign-in">Sign in again</Link>
        </>
      )}
    </p>
  );
}

/** Long work in progress: a bar (indeterminate without `max`) and the words for it. */
export function Progress({ label, value, max }: { label: string; value?: number; max?: number }) {
  return (
    <div role="status" aria-live="polite" className="loading">
      <progress aria-label={label} {...(max !== undefined && { value: value ?? 0, max })} /> {label}
      {max !== undefined && ` (${(value ?? 0).toLocaleString()} of ${max.toLocaleString()})`}…
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return <Progress label={`Loading ${what}`} />;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** An instant in the viewer's zone (`seconds` for record instants a few seconds apart); hovering shows it in UTC. */
export function When({ at, seconds = false }: { at: string | null | undefined; seconds?: boolean }) {
  if (!at) return <span>—</span>;
  const d = new Date(at);
  const utc = d.toISOString().replace('.000Z', 'Z');
  return (
    <time dateTime={utc} title={`${utc.replace('T', ' ').replace('Z', '')} UTC`}>
      {(seconds ? dateTimeSeconds : dateTime).format(d)}
    </time>
  );
}

export function formatMoney({ amount, currency }: Money): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** Minutes as the API gives them: seconds / 60, so an ongoing outage can count a part of a minute. */
export function minutesText(minutes: number): string {
  return `${minutes.toLocaleString(undefined, { maximumFractionDigits: 2 })} min`;
}

export function percent(rate: string | null): string {
  return rate === null ? '—' : `${rate} %`;
}

/** `<input type="datetime-local">` speaks the viewer's zone; the API wants an instant with an offset. */
export function toInstant(local: string): string {
  return new Date(local).toISOString().replace('.000Z', 'Z');
}

/** The viewer's clock for an `<input type="datetime-local">`; `seconds` for inputs with step 1 (record instants). */
export function toLocalInput(iso: string | Date, { seconds = false }: { seconds?: boolean } = {}): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
}

export function ScopeText({ scope }: { scope: { kind: string; regions?: string[]; customers?: string[] } }) {
  if (scope.kind === 'platform') return <span>whole platform</span>;
  if (scope.kind === 'regions') return <span>regions {scope.regions?.join(', ')}</span>;
  return <span>customers {scope.customers?.join(', ')}</span>;
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/** A form's submit state: the API's refusal stays on screen until the next try. */
export function useSubmit<A extends unknown[]>(action: (...args: A) => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (e) {
        setError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [action],
  );
  return { busy, error, run, setError };
}
