import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router-dom';
import { Layout } from './layout.tsx';
import { homeOf, SessionProvider, useSession } from './session.tsx';
import { SignIn } from './pages/sign-in.tsx';
import { OpsBoard } from './pages/ops-board.tsx';
import { NewMaintenance } from './pages/new-maintenance.tsx';
import { Customers } from './pages/customers.tsx';
import { TimelinePage } from './pages/timeline.tsx';
import { FinancePage } from './pages/finance.tsx';
import { IncidentPage } from './pages/incident.tsx';
import { Loading } from './ui.tsx';
import './styles.css';

/** Signed out: the sign-in form, which then opens the address asked for, query included. A customer token may only be under its own /customers/{id}. */
function Guard() {
  const { me } = useSession();
  const location = useLocation();
  if (!me) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (me.role === 'customer') {
    const own = `/customers/${encodeURIComponent(me.customerId ?? '')}`;
    if (location.pathname !== own && !location.pathname.startsWith(`${own}/`)) return <Navigate to={own} replace />;
  }
  return <Outlet />;
}

function Home() {
  const { me } = useSession();
  if (me && me.role !== 'ops' && me.role !== 'admin') return <Navigate to={homeOf(me)} replace />;
  return <OpsBoard />;
}

const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignIn /> },
    {
      element: <Layout />,
      children: [
        {
          element: <Guard />,
          children: [
            { path: '/', element: <Home /> },
            { path: '/board', element: <OpsBoard /> },
            { path: '/maintenances/new', element: <NewMaintenance /> },
            { path: '/customers', element: <Customers /> },
            // The two pages with charts load the chart library when first opened.
            { path: '/customers/:id', lazy: async () => ({ Component: (await import('./pages/customer.tsx')).CustomerPage }), hydrateFallbackElement: <Loading what="the page" /> },
            { path: '/customers/:id/months/:month', lazy: async () => ({ Component: (await import('./pages/month.tsx')).MonthPage }), hydrateFallbackElement: <Loading what="the page" /> },
            { path: '/customers/:id/timeline', element: <TimelinePage /> },
            { path: '/finance/:month', element: <FinancePage /> },
            { path: '/outages/:id', element: <IncidentPage kind="outage" /> },
            { path: '/maintenances/:id', element: <IncidentPage kind="maintenance" /> },
            { path: '/emergency-maintenances/:id', element: <IncidentPage kind="emergency-maintenance" /> },
            { path: '*', element: <p role="alert">There is no page at this address.</p> },
          ],
        },
      ],
    },
  ],
  { basename: '/app' },
);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
