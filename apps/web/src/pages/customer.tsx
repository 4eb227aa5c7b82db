import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ApiError, get, type Availability, type Credit, type Customer } from '../api.ts';
import { currentMonth, useSession } from '../session.tsx';
import { formatMoney, minutesText, ProblemMessage, Progress, Section, useLoad, When } from '../ui.tsx';

/** The twelve months ending with the current one, oldest first. */
export function lastMonths(count = 12, now = new Date()): string[] {
  const [y, m] = currentMonth(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, k) => new Date(Date.UTC(y, m - 1 - (count - 1 - k), 1)).toISOString().slice(0, 7));
}

interface MonthRow {
  month: string;
  availability: Availability | null;
  credit: Credit | null;
  /** Why there are no figures (before the subscription, or not readable by this token). */
  missing: string | null;
}

async function loadMonths(id: string, withCredits: boolean, onMonth: () => void): Promise<MonthRow[]> {
  const base = `/customers/${encodeURIComponent(id)}`;
  return Promise.all(
    lastMonths().map(async (month) => {
      const [availability, credit] = await Promise.allSettled([get<Availability>(`${base}/availability/${month}`), withCredits ? get<Credit>(`${base}/credits/${month}`) : Promise.resolve(null)]);
      const failure = availability.status === 'rejected' ? availability.reason : null;
      onMonth();
      return {
        month,
        availability: availability.status === 'fulfilled' ? availability.value : null,
        credit: credit.status === 'fulfilled' ? credit.value : null,
        missing: failure instanceof ApiError ? failure.message : failure ? String(failure) : null,
      };
    }),
  );
}

export function CustomerPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const readsCustomer = can('GET', '/customers/:id', { id });
  const readsCredits = can('GET', '/customers/:id/credits/:month', { id, month: '2026-01' });
  const customer = useLoad(() => (readsCustomer ? get<Customer>(`/customers/${encodeURIComponent(id)}`) : Promise.resolve(null)), [id, readsCustomer]);
  const [monthsRead, setMonthsRead] = useState(0);
  const months = useLoad(() => {
    setMonthsRead(0);
    return loadMonths(id, readsCredits, () => setMonthsRead((n) => n + 1));
  }, [id, readsCredits]);
  const c = customer.data;
  return (
    <>
      <h1>
        Customer {id}
        {c ? ` — ${c.name}` : ''}
      </h1>
      {can('GET', '/customers/:id/timeline', { id }) && (
        <p>
          <Link to={`/customers/${encodeURIComponent(id)}/timeline`}>Timeline and failure reports</Link>
        </p>
      )}
      <ProblemMessage error={customer.error} />
      {c && (
        <Section title="Plan and footprint">
          <p>
            {c.email} · plan <strong>{c.plan}</strong> · regions <strong>{c.regions.join(', ')}</strong> · {formatMoney(c.monthlyFee)} a month · since <When at={c.activeFrom} />
            {c.offboardedAt && (
              <>
                {' '}
                · offboarded <When at={c.offboardedAt} />
              </>
            )}
          </p>
          <div className="two">
            <table>
              <caption>Plan history</caption>
              <tbody>
                {c.plans.map((p) => (
                  <tr key={p.from}>
                    <td>
                      from <When at={p.from} />
                    </td>
                    <td>{p.planId}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table>
              <caption>Footprint history</caption>
              <tbody>
                {c.footprint.map((f) => (
                  <tr key={f.from}>
                    <td>
                      from <When at={f.from} />
                    </td>
                    <td>{f.regions.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
      <ProblemMessage error={months.error} />
      {months.loading && !months.data && <Progress label="Reading the last 12 months" value={monthsRead} max={12} />}
      {months.data && <Months id={id} rows={months.data} withCredits={readsCredits} />}
    </>
  );
}

function Months({ id, rows, withCredits }: { id: string; rows: MonthRow[]; withCredits: boolean }) {
  const known = rows.filter((r) => r.availability?.availabilityRate != null);
  const target = known[known.length - 1]?.availability?.target;
  // Plotted only: every below-target verdict on this page is the API's, decided in exact arithmetic.
  const data = rows.map((r) => ({ month: r.month, ar: r.availability?.availabilityRate != null ? Number(r.availability.availabilityRate) : null }));
  const low = Math.min(...known.map((r) => Number(r.availability!.availabilityRate)), target ? Number(target) : 100);
  const floor = Math.max(0, Math.floor((low - 0.05) * 10) / 10);
  return (
    <Section title="The last 12 months">
      <figure className="chart" aria-label={`Availability Rate of the last 12 months against the target${target ? ` of ${target} %` : ''}`}>
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={data} margin={{ left: 8, right: 24, top: 16, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis domain={[floor, 100]} tickFormatter={(v: number) => `${v.toFixed(2)} %`} width={84} />
            <Tooltip formatter={(v: unknown) => [`${String(v)} %`, 'AR']} />
            {target && <ReferenceLine y={Number(target)} stroke="#b3261e" strokeDasharray="6 3" label={{ value: `target ${target} %`, position: 'insideBottomLeft', fill: '#8c1d18' }} />}
            <Line type="linear" dataKey="ar" name="Availability Rate" stroke="#1f6feb" strokeWidth={2} connectNulls={false} isAnimationActive={false} dot={{ r: 4 }} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <div className="table-wrap">
        <table className="stack">
          <caption>Month by month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                AR
              </th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col" className="num">
                Down Time
              </th>
              {withCredits && <th scope="col">Credit</th>}
            </tr>
          </thead>
          <tbody>
            {[...rows].reverse().map((r) => (
              <tr key={r.month}>
                <th scope="row" className="nowrap">
                  <Link to={`/customers/${encodeURIComponent(id)}/months/${r.month}`}>{r.month}</Link>
                </th>
                {r.availability ? (
                  <>
                    <td data-label="AR" className={`num ${r.availability.belowTarget ? 'below' : ''}`}>
                      {r.availability.availabilityRate === null ? 'not subscribed' : `${r.availability.availabilityRate} %`}
                      {r.availability.belowTarget ? ' (below)' : ''}
                      {r.availability.ongoing ? ' (ongoing)' : ''}
                    </td>
                    <td data-label="Target" className="num">{r.availability.target} %</td>
                    <td data-label="Down Time" className="num">{minutesText(r.availability.downtimeMinutes)}</td>
                  </>
                ) : (
                  <td colSpan={3} className="muted">
                    {r.missing}
                  </td>
                )}
                {withCredits && (
                  <td data-label="Credit">
                    {r.credit ? (
                      <>
                        <span className="state">{r.credit.state}</span> {r.credit.amount.amount > 0 && formatMoney(r.credit.amount)}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
