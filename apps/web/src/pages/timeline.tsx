import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { get, post, type FailureReport, type Page, type TimelineEntry } from '../api.ts';
import { ActionDialog } from '../action-dialog.tsx';
import { useSession } from '../session.tsx';
import { Loading, ProblemMessage, Progress, Section, toInstant, toLocalInput, useLoad, When } from '../ui.tsx';
import { Pager } from './customers.tsx';

const KINDS = ['customer', 'billing', 'support', 'outage', 'maintenance', 'emergencyMaintenance'];
const PAGE = 50;

export function TimelineEntries({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="events">
      {entries.map((e) => (
        <li key={e.eventId}>
          <When at={e.occurredAt} /> <span className="state">{e.type}</span> {e.summary}{' '}
          <span className="muted">
            (recorded <When at={e.recordedAt} seconds /> by {e.actor})
          </span>
        </li>
      ))}
    </ol>
  );
}

export function TimelinePage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const [search, setSearch] = useSearchParams();
  const kind = search.get('kind') ?? '';
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const offset = Number(search.get('offset') ?? 0) || 0;
  const timeline = useLoad(() => get<Page<TimelineEntry>>(`/customers/${encodeURIComponent(id)}/timeline`, { kind, from, to, offset, limit: PAGE }), [id, kind, from, to, offset]);
  const [form, setForm] = useState({ kind, from: from && toLocalInput(from), to: to && toLocalInput(to) });

  function apply(event: FormEvent) {
    event.preventDefault();
    const params: Record<string, string> = {};
    if (form.kind) params.kind = form.kind;
    if (form.from) params.from = toInstant(form.from);
    if (form.to) params.to = toInstant(form.to);
    setSearch(params);
  }

  return (
    <>
      <p className="crumbs">
        <Link to={`/customers/${encodeURIComponent(id)}`}>Customer {id}</Link>
      </p>
      <h1>Timeline of {id}</h1>
      {can('GET', '/customers/:id/failure-reports', { id }) && <FailureReports id={id} />}
      <Section title="Events">
        <form onSubmit={apply} className="inline-form" aria-label="Filter the timeline">
          <span className="pair">
          <label htmlFor="tl-kind">Kind</label>
          <select id="tl-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="">every kind</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          </span>
          <span className="pair">
            <label htmlFor="tl-from">From</label>
            <input id="tl-from" type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          </span>
          <span className="pair">
            <label htmlFor="tl-to">To</label>
            <input id="tl-to" type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
          </span>
          <button type="submit">Filter</button>
        </form>
        <ProblemMessage error={timeline.error} />
        {timeline.loading && !timeline.data && <Loading what="the timeline" />}
        {timeline.loading && timeline.data && <Progress label="Reading the events asked for" />}
        {timeline.data && (
          <>
            <p>{timeline.data.total} events.</p>
            <TimelineEntries entries={timeline.data.items} />
            <Pager offset={offset} size={PAGE} total={timeline.data.total} onChange={(o) => setSearch({ ...Object.fromEntries(search), offset: String(o) })} />
          </>
        )}
      </Section>
    </>
  );
}

function FailureReports({ id }: { id: string }) {
  const { can } = useSession();
  const reports = useLoad(() => get<Page<FailureReport>>(`/customers/${encodeURIComponent(id)}/failure-reports`, { limit: 200 }), [id]);
  return (
    <Section title="Failure reports">
      <ProblemMessage error={reports.error} />
      {reports.data && reports.data.items.length === 0 && <p>No failure report.</p>}
      {reports.data && reports.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="stack">
            <caption>Failure reports and their response deadlines</caption>
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Reported</th>
                <th scope="col">Channel</th>
                <th scope="col">Response due</th>
                <th scope="col">Status</th>
                <th scope="col">Acknowledged</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.items.map((r) => (
                <tr key={r.id}>
                  <td>
                    {r.id} {r.description}
                  </td>
                  <td data-label="Reported">
                    <When at={r.reportedAt} />
                  </td>
                  <td data-label="Channel">{r.channel}</td>
                  <td data-label="Response due">
                    <When at={r.deadline} />
                  </td>
                  <td data-label="Status">
                    <span className="state">{r.status}</span>
                  </td>
                  <td data-label="Acknowledged">
                    {r.acknowledgedAt ? (
                      <When at={r.acknowledgedAt} />
                    ) : can('POST', '/customers/:id/failure-reports/:reportId/acknowledgement') ? (
                      <ActionDialog label="Acknowledge" name={`Acknowledge ${r.id}`} title={`Acknowledge report ${r.id}`} fields={[{ name: 'at', label: 'Acknowledged at', kind: 'instant', now: true, required: true }]} submit={(v) => post(`/customers/${encodeURIComponent(id)}/failure-reports/${encodeURIComponent(r.id)}/acknowledgement`, v)} onDone={reports.reload} />
                    ) : (
                      'not yet'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
