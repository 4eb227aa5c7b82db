import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, get, post, type Maintenance, type NoticeCheck } from '../api.ts';
import { ScopePicker, toScope, type ScopeChoice } from '../scope-picker.tsx';
import { ProblemMessage, Section, toInstant, toLocalInput, When } from '../ui.tsx';

/** An instant as a clock in `zone` reads it, e.g. "Fri 13 Nov 2026, 00:00". */
export function inZone(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

export function utcText(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The notice check's answer for the window being chosen, asked of the API as the fields change. */
function useNoticeCheck(start: string, noticeSentAt: string): { check: NoticeCheck | null; error: unknown } {
  const [state, setState] = useState<{ check: NoticeCheck | null; error: unknown }>({ check: null, error: null });
  useEffect(() => {
    if (!start) {
      setState({ check: null, error: null });
      return;
    }
    let live = true;
    get<NoticeCheck>('/notice-check', { start: toInstant(start), noticeSentAt: noticeSentAt ? toInstant(noticeSentAt) : undefined }).then(
      (check) => live && setState({ check, error: null }),
      (error: unknown) => live && setState({ check: null, error }),
    );
    return () => {
      live = false;
    };
  }, [start, noticeSentAt]);
  return state;
}

export function NewMaintenance() {
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState<ScopeChoice>({ kind: 'regions', regions: [], customers: [] });
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [noticeSentAt, setNoticeSentAt] = useState('');
  const [acceptAsDowntime, setAcceptAsDowntime] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Maintenance | null>(null);
  const { check, error: checkError } = useNoticeCheck(start, noticeSentAt);
  const late = check !== null && !check.inTime;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { scope: toScope(scope), title, window: { start: toInstant(start), end: toInstant(end) }, ...(noticeSentAt && { noticeSentAt: toInstant(noticeSentAt) }), ...(late && acceptAsDowntime && { acceptAsDowntime: true }) };
      setCreated(await post<Maintenance>('/maintenances', body));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const earliestFromRefusal = error instanceof ApiError && typeof error.problem.earliestCompliantStart === 'string' ? error.problem.earliestCompliantStart : null;

  return (
    <>
      <h1>Schedule a maintenance</h1>
      {created && (
        <p role="status" className="notice-ok">
          Maintenance <Link to={`/maintenances/${encodeURIComponent(created.id)}`}>{created.id}</Link> is scheduled for <When at={created.window.start} />
          {created.acceptedAsDowntime ? '; it will count as Down Time.' : '; its notice is in time.'}
        </p>
      )}
      <form onSubmit={submit} className="form" aria-label="Schedule a maintenance">
        <div className="field">
          <label htmlFor="m-title">Title</label>
          <input id="m-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <ScopePicker value={scope} onChange={setScope} />
        <div className="field">
          <label htmlFor="m-start">Window start (your time)</label>
          <input id="m-start" type="datetime-local" required value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="m-end">Window end (your time)</label>
          <input id="m-end" type="datetime-local" required value={end} min={start || undefined} onChange={(e) => setEnd(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="m-notice">Notice sent at (empty: now)</label>
          <input id="m-notice" type="datetime-local" value={noticeSentAt} max={toLocalInput(new Date())} onChange={(e) => setNoticeSentAt(e.target.value)} />
        </div>
        <Section title="Notice check">
          <div aria-live="polite" data-testid="notice-check">
            {!start && <p>Choose the window's start to see whether the notice is in time.</p>}
            <ProblemMessage error={checkError} />
            {check && (
              <div className={check.inTime ? 'notice-ok' : 'notice-late'}>
                <p>
                  <strong>{check.inTime ? 'In time' : 'Too little notice'}</strong>: {check.workingDaysOfNotice} full working day(s) between the notice and the window ({check.requiredWorkingDays} needed, working days of {check.holidayCountry} in {check.legalTimeZone}).
                </p>
                <p>
                  Earliest compliant start: <strong data-testid="earliest-legal">{inZone(check.earliestCompliantStart, check.legalTimeZone)}</strong> ({check.legalTimeZone}) ={' '}
                  <strong data-testid="earliest-utc">{utcText(check.earliestCompliantStart)}</strong>.
                </p>
                {!check.inTime && (
                  <button type="button" onClick={() => setStart(toLocalInput(check.earliestCompliantStart))}>
                    Move the start to the earliest compliant start
                  </button>
                )}
              </div>
            )}
          </div>
          {late && (
            <label className="inline">
              <input type="checkbox" checked={acceptAsDowntime} onChange={(e) => setAcceptAsDowntime(e.target.checked)} />
              Schedule it anyway and count it as Down Time for every customer in scope
            </label>
          )}
        </Section>
        <ProblemMessage error={error} />
        {earliestFromRefusal && (
          <p>
            The API names the earliest compliant start: <When at={earliestFromRefusal} />.
          </p>
        )}
        <button type="submit" disabled={busy || (late && !acceptAsDowntime)}>
          Schedule maintenance
        </button>
        {late && !acceptAsDowntime && <p className="hint">With too little notice, scheduling needs the Down Time confirmation above.</p>}
      </form>
    </>
  );
}
