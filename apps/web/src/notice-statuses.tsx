import { Link } from 'react-router-dom';
import { get, type Maintenance } from './api.ts';
import { useSession } from './session.tsx';
import { ProblemMessage, useLoad, When } from './ui.tsx';

interface NoticeEntry {
  customerId: string;
  email: string | null;
  status: 'pending' | 'sent' | 'failed' | 'recorded';
  sentAt: string | null;
  inTime: boolean | null;
  attempts: number;
  lastError: string | null;
}

/** Each notice the ledger recorded, as the maintenance itself holds them. */
function RecordedNotices({ maintenance }: { maintenance: Maintenance }) {
  if (maintenance.notices.length === 0) return <p>No notice recorded.</p>;
  return (
    <ul>
      {maintenance.notices.map((n) => (
        <li key={n.sentAt}>
          notice to {n.customers ? n.customers.join(', ') : 'every customer in scope'} sent <When at={n.sentAt} />: <strong>{n.inTime ? 'in time' : 'late, counts as Down Time'}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Per customer, when the API lists notices that way (GET /maintenances/{id}/notices); otherwise the recorded notices. */
export function NoticeStatuses({ maintenance }: { maintenance: Maintenance }) {
  const { can } = useSession();
  const perCustomer = can('GET', '/maintenances/:id/notices', { id: maintenance.id });
  const notices = useLoad(() => (perCustomer ? get<{ items: NoticeEntry[] }>(`/maintenances/${encodeURIComponent(maintenance.id)}/notices`) : Promise.resolve(null)), [maintenance.id, perCustomer]);
  if (!perCustomer) return <RecordedNotices maintenance={maintenance} />;
  if (notices.error) return <ProblemMessage error={notices.error} />;
  if (!notices.data) return <p className="muted">Reading the notices…</p>;
  if (notices.data.items.length === 0) return <p>No customer was sent a notice.</p>;
  return (
    <details>
      <summary>
        Notices per customer: {notices.data.items.filter((n) => n.inTime).length} in time, {notices.data.items.filter((n) => n.inTime === false).length} late, {notices.data.items.filter((n) => n.status === 'failed').length} failed
      </summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Sent</th>
              <th scope="col">In time</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {notices.data.items.map((n) => (
              <tr key={n.customerId}>
                <td>
                  <Link to={`/customers/${encodeURIComponent(n.customerId)}`}>{n.customerId}</Link> {n.email}
                </td>
                <td>
                  <span className="state">{n.status}</span>
                </td>
                <td>
                  <When at={n.sentAt} />
                </td>
                <td>{n.inTime === null ? '—' : n.inTime ? 'yes' : 'no: counts as Down Time'}</td>
                <td>{n.attempts}</td>
                <td>{n.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
