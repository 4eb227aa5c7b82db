import { Link } from 'react-router-dom';
import { get } from './api.ts';
import { ProblemMessage, useLoad } from './ui.tsx';

export type IncidentCollection = 'outages' | 'maintenances' | 'emergency-maintenances';

interface Reached {
  customers: string[];
  total: number;
}

function useReach(collection: IncidentCollection, id: string) {
  return useLoad(() => get<Reached>(`/${collection}/${encodeURIComponent(id)}/customers`), [collection, id]);
}

/** "reaches 3 customers", as the API counts them. */
export function ReachCount({ collection, id }: { collection: IncidentCollection; id: string }) {
  const reach = useReach(collection, id);
  if (reach.error) return <ProblemMessage error={reach.error} />;
  if (!reach.data) return <span className="muted">counting…</span>;
  return (
    <span data-testid={`reach-${id}`}>
      {reach.data.total} customer{reach.data.total === 1 ? '' : 's'}
    </span>
  );
}

export function ReachList({ collection, id }: { collection: IncidentCollection; id: string }) {
  const reach = useReach(collection, id);
  if (reach.error) return <ProblemMessage error={reach.error} />;
  if (!reach.data) return <p className="muted">Finding the customers it reached…</p>;
  if (reach.data.total === 0) return <p>No customer was in its scope.</p>;
  return (
    <>
      <p>
        {reach.data.total} customer{reach.data.total === 1 ? '' : 's'} in its scope during its run:
      </p>
      <ul className="inline-list">
        {reach.data.customers.slice(0, 500).map((c) => (
          <li key={c}>
            <Link to={`/customers/${encodeURIComponent(c)}`}>{c}</Link>
          </li>
        ))}
      </ul>
      {reach.data.total > 500 && <p className="muted">and {reach.data.total - 500} more.</p>}
    </>
  );
}
