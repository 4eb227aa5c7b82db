import { NavLink, Outlet, useNavigate } from 'react-router-dom';
import { previousMonth, useSession } from './session.tsx';

export function Layout() {
  const { me, can, signOut } = useSession();
  const navigate = useNavigate();
  const links: [string, string][] = [];
  if (me && me.role !== 'customer') {
    if (can('GET', '/outages')) links.push([me.role === 'ops' || me.role === 'admin' ? '/' : '/board', 'Ops board']);
    if (can('POST', '/maintenances')) links.push(['/maintenances/new', 'Schedule maintenance']);
    if (can('GET', '/customers')) links.push(['/customers', 'Customers']);
    if (can('GET', '/credits/:month')) links.push([`/finance/${previousMonth()}`, 'Finance']);
  } else if (me?.customerId) {
    links.push([`/customers/${encodeURIComponent(me.customerId)}`, 'My service']);
  }
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">SLA Ledger</span>
        {me && (
          <nav aria-label="Main">
            <ul>
              {links.map(([to, label]) => (
                <li key={to}>
                  <NavLink to={to} end={to === "/"}>{label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {me && (
          <div className="who">
            <span className="muted-on-dark" title="Every date and time on these pages is in this zone; hover one to read it in UTC.">
              Times in {Intl.DateTimeFormat().resolvedOptions().timeZone}
            </span>
            <span>
              {me.actor} · {me.role}
              {me.customerId ? ` · ${me.customerId}` : ''}
            </span>
            <button
              type="button"
              onClick={() => {
                signOut();
                navigate('/sign-in');
              }}
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
