import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { CREDIT_STATES, get, getResponse, post, type CreditState, type MonthCredits } from '../api.ts';
import { ActionDialog } from '../action-dialog.tsx';
import { useSession } from '../session.tsx';
import { formatMoney, Loading, ProblemMessage, Progress, Section, useLoad } from '../ui.tsx';
import { Pager } from './customers.tsx';

const PAGE = 50;

interface Filter {
  state?: CreditState;
  belowTarget?: boolean;
}

/** The API's totals per state and currency, one row per state. */
function byState(page: MonthCredits): { state: CreditState; count: number; totals: { amount: number; currency: string }[] }[] {
  return CREDIT_STATES.map((state) => {
    const entries = page.totalsByState.filter((t) => t.state === state);
    return { state, count: entries.reduce((sum, t) => sum + t.count, 0), totals: entries };
  }).filter((row) => row.count > 0);
}

export function FinancePage() {
  const { month = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const offset = Number(search.get('offset') ?? 0) || 0;
  const state = (search.get('state') ?? undefined) as CreditState | undefined;
  const belowTarget = search.get('belowTarget') === 'true' ? true : undefined;
  const filter: Filter = { state, belowTarget };
  const lines = useLoad(() => get<MonthCredits>(`/credits/${month}`, { ...filter, offset, limit: PAGE }), [month, state, belowTarget, offset]);
  const [csvError, setCsvError] = useState<unknown>(null);
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvRows, setCsvRows] = useState(0);

  function setFilter(next: Filter) {
    const params: Record<string, string> = {};
    if (next.state) params.state = next.state;
    if (next.belowTarget) params.belowTarget = 'true';
    // The filter controls show the URL's state: without flushSync the router renders the change in a
    // transition, and React puts a just-clicked checkbox back until that transition lands.
    setSearch(params, { flushSync: true });
  }

  async function downloadCsv() {
    setCsvError(null);
    setCsvRows(0);
    setCsvBusy(true);
    try {
      // Read as it streams, counting lines, so 100,000 customers show how far the download is.
      const response = await getResponse(`/credits/${month}`, { ...filter }, 'text/csv');
      const chunks: BlobPart[] = [];
      let rows = 0;
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          for (const byte of value) if (byte === 10) rows += 1;
          setCsvRows(Math.max(0, rows - 1));
        }
      } else {
        chunks.push(await response.text());
      }
      const url = URL.createObjectURL(new Blob(chunks, { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `credits-${month}${state ? `-${state}` : ''}${belowTarget ? '-below-target' : ''}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setCsvError(e);
    } finally {
      setCsvBusy(false);
    }
  }

  const monthLabel = new Date(`${month}-15T00:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return (
    <>
      <h1>Service Credits — {monthLabel}</h1>
      <div className="inline-form">
        <span className="pair">
          <label htmlFor="finance-month">Month</label>
          <input id="finance-month" type="month" value={month} onChange={(e) => e.target.value && navigate(`/finance/${e.target.value}`)} />
        </span>
        <span className="pair">
        <label htmlFor="finance-state">State</label>
        <select id="finance-state" value={state ?? ''} onChange={(e) => setFilter({ ...filter, state: (e.target.value || undefined) as CreditState | undefined })}>
          <option value="">every state</option>
          {CREDIT_STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        </span>
        <label className="inline">
          <input type="checkbox" checked={belowTarget === true} onChange={(e) => setFilter({ ...filter, belowTarget: e.target.checked || undefined })} />
          Below target only
        </label>
        <button type="button" onClick={downloadCsv} disabled={csvBusy}>
          {csvBusy ? 'Preparing CSV…' : 'Download CSV'}
        </button>
      </div>
      {csvBusy && <Progress label="Downloading the CSV" value={csvRows} {...(lines.data && { max: lines.data.total })} />}
      <ProblemMessage error={csvError} />
      <Section title="Totals per state and currency">
        {lines.loading && !lines.data && <Loading what="the totals" />}
        {lines.data && (
          <table>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Customers
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {byState(lines.data).map((row) => (
                <tr key={row.state}>
                  <th scope="row">{row.state}</th>
                  <td className="num">{row.count}</td>
                  <td className="num">{row.totals.map((t) => formatMoney(t)).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <ProblemMessage error={lines.error} />
      {lines.loading && !lines.data && <Loading what="the credit lines" />}
      {lines.loading && lines.data && <Progress label="Reading the customers asked for" />}
      {lines.data && (
        <Section title="Customers">
          <div className="table-wrap">
            <table className="stack">
              <caption>
                {lines.data.total === 0 ? 'No customer matches.' : `Customers ${offset + 1}–${offset + lines.data.items.length} of ${lines.data.total}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col" className="num">
                    AR
                  </th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col">State</th>
                  <th scope="col" className="num">
                    Credit
                  </th>
                  <th scope="col">Why</th>
                  {can('POST', '/credits/:customerId/:month/decision') && <th scope="col">Decision</th>}
                </tr>
              </thead>
              <tbody>
                {lines.data.items.map((line) => (
                  <tr key={line.customerId}>
                    <th scope="row">
                      <Link to={`/customers/${encodeURIComponent(line.customerId)}/months/${month}`}>{line.customerId}</Link>
                    </th>
                    <td data-label="AR" className="num">{line.availabilityRate ?? '—'} %</td>
                    <td data-label="Target" className="num">{line.target} %</td>
                    <td data-label="State">
                      <span className="state">{line.state}</span>
                    </td>
                    <td data-label="Credit" className="num">{formatMoney(line.amount)}</td>
                    <td data-label="Why">
                      <ul className="plain reasons">
                        {line.reasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    </td>
                    {can('POST', '/credits/:customerId/:month/decision') && (
                      <td data-label="Decision">
                        <ActionDialog
                          label="Decide"
                          name={`Decide ${line.customerId}`}
                          title={`Decision on ${line.customerId}'s credit for ${month}`}
                          fields={[
                            {
                              name: 'decision',
                              label: 'Decision',
                              kind: 'select',
                              options: [
                                { value: 'grant', label: 'grant' },
                                { value: 'deny', label: 'deny (give the reason)' },
                                { value: 'applied', label: 'applied to an invoice' },
                              ],
                            },
                            { name: 'reason', label: 'Reason', kind: 'text' },
                            { name: 'invoiceId', label: 'Invoice', kind: 'text' },
                          ]}
                          submit={(v) => post(`/credits/${encodeURIComponent(line.customerId)}/${month}/decision`, v)}
                          onDone={lines.reload}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} size={PAGE} total={lines.data.total} onChange={(o) => setSearch({ ...Object.fromEntries(search), offset: String(o) })} />
        </Section>
      )}
    </>
  );
}
