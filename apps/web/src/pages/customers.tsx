import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { get, type Customer, type Page } from '../api.ts';
import { formatMoney, Loading, ProblemMessage, Progress, useLoad, When } from '../ui.tsx';

const PAGE = 50;

export function Customers() {
  const [search, setSearch] = useSearchParams();
  const offset = Number(search.get('offset') ?? 0) || 0;
  const text = search.get('search') ?? '';
  const customers = useLoad(() => get<Page<Customer>>('/customers', { offset, limit: PAGE, ...(text && { search: text }) }), [offset, text]);
  const [filter, setFilter] = useState(text);
  const [goTo, setGoTo] = useState('');
  const navigate = useNavigate();
  const shown = customers.data?.items ?? [];

  function find(event: FormEvent) {
    event.preventDefault();
    setSearch(filter.trim() ? { search: filter.trim() } : {});
  }

  function open(event: FormEvent) {
    event.preventDefault();
    if (goTo.trim()) navigate(`/customers/${encodeURIComponent(goTo.trim())}`);
  }

  return (
    <>
      <h1>Customers</h1>
      <form onSubmit={open} className="inline-form" aria-label="Open a customer">
        <label htmlFor="customer-id">Customer id</label>
        <input id="customer-id" value={goTo} onChange={(e) => setGoTo(e.target.value)} />
        <button type="submit">Open</button>
      </form>
      <form onSubmit={find} className="inline-form" role="search" aria-label="Search customers">
        <label htmlFor="customer-filter">Search by id, name or email</label>
        <input id="customer-filter" type="search" maxLength={100} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      <ProblemMessage error={customers.error} />
      {customers.loading && !customers.data && <Loading what="customers" />}
      {customers.loading && customers.data && <Progress label="Reading the customers asked for" />}
      {customers.data && (
        <>
          <div className="table-wrap">
            <table>
              <caption>
                {customers.data.total === 0
                  ? `No customer${text ? ` matches “${text}”` : ''}`
                  : `Customers ${offset + 1}–${offset + customers.data.items.length} of ${customers.data.total}${text ? ` matching “${text}”` : ''}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Customer</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Regions</th>
                  <th scope="col" className="num">
                    Monthly fee
                  </th>
                  <th scope="col">Since</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.id}</Link> {c.name}
                      {c.offboardedAt && <span className="muted"> (offboarded)</span>}
                    </td>
                    <td>{c.plan}</td>
                    <td>{c.regions.join(', ')}</td>
                    <td className="num">{formatMoney(c.monthlyFee)}</td>
                    <td>
                      <When at={c.activeFrom} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} size={PAGE} total={customers.data.total} onChange={(o) => setSearch({ ...(text && { search: text }), ...(o && { offset: String(o) }) })} />
        </>
      )}
    </>
  );
}

export function Pager({ offset, size, total, onChange }: { offset: number; size: number; total: number; onChange: (offset: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.floor(offset / size) + 1;
  const id = useId();
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - size))}>
        Previous page
      </button>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          const wanted = Math.min(pages, Math.max(1, Math.floor(Number(new FormData(event.currentTarget).get('page')) || 1)));
          onChange((wanted - 1) * size);
        }}
      >
        <label htmlFor={`${id}-page`}>Page</label>
        <input id={`${id}-page`} key={current} name="page" type="number" min={1} max={pages} defaultValue={current} className="page-number" />
        <span>of {pages.toLocaleString()}</span>
        <button type="submit">Go</button>
      </form>
      <button type="button" disabled={offset + size >= total} onClick={() => onChange(offset + size)}>
        Next page
      </button>
    </nav>
  );
}
