import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { get, type Availability, type Interval } from '../api.ts';
import { useSession } from '../session.tsx';
import { Loading, minutesText, ProblemMessage, Progress, Section, toInstant, toLocalInput, useLoad, When } from '../ui.tsx';
import { WhatChangedSection } from './what-changed.tsx';

export const TREATMENT_COLOURS: Record<string, string> = {
  downtime: '#b3261e',
  'excluded-scheduled-maintenance': '#1f6feb',
  'excluded-emergency-maintenance': '#6f42c1',
  'excluded-cause': '#2e7d32',
};

export function treatmentLabel(treatment: string): string {
  return treatment === 'downtime' ? 'Down Time' : treatment.replace(/^excluded-/, 'excluded: ').replace(/-/g, ' ');
}

const monthName = (month: string) => new Date(`${month}-15T00:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

const collectionOf = (kind: string) => (kind === 'outage' ? 'outages' : kind === 'maintenance' ? 'maintenances' : 'emergency-maintenances');

export function MonthPage() {
  const { id = '', month = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const asOf = search.get('asOf') ?? undefined;
  const { can } = useSession();
  const figures = useLoad(() => get<Availability>(`/customers/${encodeURIComponent(id)}/availability/${month}`, { asOf }), [id, month, asOf]);
  const [asOfInput, setAsOfInput] = useState(asOf ? toLocalInput(asOf, { seconds: true }) : '');

  function applyAsOf(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams(search);
    if (asOfInput) next.set('asOf', toInstant(asOfInput));
    else next.delete('asOf');
    setSearch(next);
  }

  const a = figures.data;
  return (
    <>
      <p className="crumbs">
        <Link to={`/customers/${encodeURIComponent(id)}`}>Customer {id}</Link>
      </p>
      <h1>
        {id} — {monthName(month)}
      </h1>
      <form onSubmit={applyAsOf} className="inline-form" aria-label="As of">
        <label htmlFor="as-of">As of (what the ledger knew then)</label>
        <input id="as-of" type="datetime-local" step={1} value={asOfInput} onChange={(e) => setAsOfInput(e.target.value)} />
        <button type="submit">Show</button>
        {asOf && (
          <button
            type="button"
            onClick={() => {
              setAsOfInput('');
              setSearch(new URLSearchParams());
            }}
          >
            Now
          </button>
        )}
      </form>
      {asOf && (
        <p>
          As the ledger stood at <When at={asOf} seconds />.
        </p>
      )}
      <ProblemMessage error={figures.error} />
      {figures.loading && !a && <Loading what="the month" />}
      {figures.loading && a && <Progress label={asOf ? 'Reading the month as the ledger stood then' : 'Reading the month'} />}
      {a && (
        <>
          <Section title="Figures">
            <dl className="figures">
              <div>
                <dt>Availability Rate</dt>
                <dd className={a.belowTarget ? 'below' : 'met'} data-testid="availability-rate">
                  {a.availabilityRate === null ? '—' : `${a.availabilityRate} %`}
                </dd>
              </div>
              <div>
                <dt>Target</dt>
                <dd>{a.target} %</dd>
              </div>
              <div>
                <dt>Down Time</dt>
                <dd data-testid="downtime">{minutesText(a.downtimeMinutes)}</dd>
              </div>
              <div>
                <dt>Coverage Period</dt>
                <dd>{minutesText(a.coveragePeriodMinutes)}</dd>
              </div>
              <div>
                <dt>Excluded: scheduled maintenance</dt>
                <dd>{minutesText(a.excludedMinutes.scheduledMaintenance)}</dd>
              </div>
              <div>
                <dt>Excluded: emergency maintenance</dt>
                <dd>{minutesText(a.excludedMinutes.emergencyMaintenance)}</dd>
              </div>
              <div>
                <dt>Excluded: contract causes</dt>
                <dd>{minutesText(a.excludedMinutes.exclusions)}</dd>
              </div>
            </dl>
            <p>
              {a.belowTarget ? 'Below the target: a Service Credit may be due.' : 'The target is met.'}
              {a.ongoing && ' An outage is still ongoing: the figures count it up to now.'}
            </p>
          </Section>
          <Section title="What counted and what was excluded">
            <IntervalChart month={month} intervals={a.intervals ?? []} />
            <IntervalTable intervals={a.intervals ?? []} />
          </Section>
        </>
      )}
      {can('GET', '/customers/:id/availability/:month/changes', { id }) && <WhatChangedSection key={asOf ?? 'now'} id={id} month={month} since={asOf} />}
    </>
  );
}

const clock = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const utcClock = (iso: string) => new Date(iso).toISOString().slice(11, 16);

/** An interval in the viewer's zone, then in UTC (a chart has no hover title of its own). */
export function spanText(i: Pick<Interval, 'start' | 'end'>): string {
  const startDay = new Date(i.start).toISOString().slice(0, 10);
  const endDay = new Date(i.end).toISOString().slice(0, 10);
  return `${clock.format(new Date(i.start))} – ${clock.format(new Date(i.end))} (${startDay} ${utcClock(i.start)} – ${endDay === startDay ? '' : `${endDay} `}${utcClock(i.end)} UTC)`;
}

function IntervalChart({ month, intervals }: { month: string; intervals: Interval[] }) {
  if (intervals.length === 0) return <p>Nothing counted or excluded this month.</p>;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const start = Date.UTC(year, m - 1, 1);
  const end = Date.UTC(year, m, 1);
  const ticks: number[] = [];
  for (let t = start; t <= end; t += 7 * 86_400_000) ticks.push(t);
  const data = intervals.map((i, k) => ({ key: k, label: `${new Date(i.start).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}`, range: [Date.parse(i.start), Date.parse(i.end)], interval: i }));
  return (
    <figure className="chart" aria-label="Intervals of the month on a time axis">
      <ResponsiveContainer width="100%" height={60 + intervals.length * 28}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" dataKey="range" domain={[start, end]} ticks={ticks} scale="time" tickFormatter={(t: number) => new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} />
          <YAxis type="category" dataKey="label" width={110} />
          <Tooltip
            labelFormatter={(_label: unknown, payload: readonly { payload?: { interval: Interval } }[]) => {
              const i = payload[0]?.payload?.interval;
              return i ? spanText(i) : '';
            }}
            formatter={(_v: unknown, _n: unknown, item: { payload?: { interval: Interval } }) => {
              const i = item.payload!.interval;
              return [`${minutesText(i.minutes)}, ${treatmentLabel(i.treatment)}`, i.sources.map((s) => `${s.kind} ${s.id}`).join(', ')];
            }}
          />
          <Bar dataKey="range" minPointSize={3} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.key} fill={TREATMENT_COLOURS[d.interval.treatment] ?? '#555'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption>
        {Object.entries(TREATMENT_COLOURS).map(([t, colour]) => (
          <span key={t} className="legend">
            <span className="swatch" style={{ background: colour }} aria-hidden="true" />
            {treatmentLabel(t)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function IntervalTable({ intervals }: { intervals: Interval[] }) {
  const { can } = useSession();
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption>Every interval and the events behind it</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Minutes</th>
            <th scope="col">Treatment</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {intervals.map((i) => (
            <tr key={`${i.start}-${i.treatment}`}>
              <td data-label="From">
                <When at={i.start} />
              </td>
              <td data-label="To">
                <When at={i.end} />
              </td>
              <td data-label="Minutes">{i.minutes.toLocaleString(undefined, { maximumFractionDigits: 2 })}</td>
              <td data-label="Treatment">
                <span className="swatch" style={{ background: TREATMENT_COLOURS[i.treatment] ?? '#555' }} aria-hidden="true" /> {treatmentLabel(i.treatment)}
              </td>
              <td data-label="Why">
                <ul className="plain">
                  {i.sources.map((s) => (
                    <li key={`${s.kind}-${s.id}`}>
                      {can('GET', `/${collectionOf(s.kind)}/:id`, { id: s.id }) ? (
                        <Link to={`/${collectionOf(s.kind)}/${encodeURIComponent(s.id)}`}>
                          {s.kind} {s.id}
                        </Link>
                      ) : (
                        // A customer token reads its month, not the incident pages behind it.
                        <span>
                          {s.kind} {s.id}
                        </span>
                      )}
                      : {s.note} <span className="muted">({s.eventIds.length} events)</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
