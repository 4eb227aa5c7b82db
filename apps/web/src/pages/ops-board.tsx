import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { get, post, type EmergencyMaintenance, type Maintenance, type Outage, type Page } from '../api.ts';
import { ActionDialog, VoidAction } from '../action-dialog.tsx';
import { NoticeStatuses } from '../notice-statuses.tsx';
import { ReachCount } from '../reach.tsx';
import { ScopePicker, toScope, type ScopeChoice } from '../scope-picker.tsx';
import { useSession } from '../session.tsx';
import { Loading, ProblemMessage, ScopeText, Section, toInstant, toLocalInput, useLoad, When } from '../ui.tsx';

export const EXCLUSIONS = ['customer-environment', 'third-party-in-customer-environment', 'misuse', 'internet-network', 'customer-hardware', 'force-majeure'];

interface Board {
  outages: Page<Outage>;
  emergencies: Page<EmergencyMaintenance>;
  maintenances: Page<Maintenance>;
}

async function loadBoard(): Promise<Board> {
  const now = new Date().toISOString();
  const [outages, emergencies, maintenances] = await Promise.all([
    get<Page<Outage>>('/outages', { ongoing: true, limit: 200 }),
    get<Page<EmergencyMaintenance>>('/emergency-maintenances', { ongoing: true, limit: 200 }),
    get<Page<Maintenance>>('/maintenances', { from: now, limit: 200 }),
  ]);
  return { outages, emergencies, maintenances };
}

export function OpsBoard() {
  const { can } = useSession();
  const board = useLoad(loadBoard, []);
  const maintenances = board.data?.maintenances.items.filter((m) => !m.cancelledAt && !m.completedAt) ?? [];
  // A voided incident was recorded in error: it is no longer ongoing, whatever its end.
  const outages = board.data?.outages.items.filter((o) => !o.voided) ?? [];
  const emergencies = board.data?.emergencies.items.filter((e) => !e.voided) ?? [];
  return (
    <>
      <h1>Ops board</h1>
      <ProblemMessage error={board.error} />
      {board.loading && !board.data && <Loading what="the board" />}
      {board.data && (
        <>
          <Section title="Ongoing outages">
            {outages.length === 0 ? (
              <p>No outage is ongoing.</p>
            ) : (
              <div className="table-wrap">
                <table className="stack">
                  <thead>
                    <tr>
                      <th scope="col">Outage</th>
                      <th scope="col">Impact</th>
                      <th scope="col">Scope</th>
                      <th scope="col">Reaches</th>
                      <th scope="col">Started</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outages.map((o) => (
                      <tr key={o.id}>
                        <td>
                          <Link to={`/outages/${encodeURIComponent(o.id)}`}>{o.id}</Link> {o.title}
                        </td>
                        <td data-label="Impact">{o.impact}</td>
                        <td data-label="Scope">
                          <ScopeText scope={o.scope} />
                        </td>
                        <td data-label="Reaches">
                          <ReachCount collection="outages" id={o.id} />
                        </td>
                        <td data-label="Started">
                          <When at={o.startedAt} />
                        </td>
                        <td data-label="Actions" className="actions wrap">
                          <OutageActions outage={o} onDone={board.reload} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
          <Section title="Ongoing emergency maintenances">
            {emergencies.length === 0 ? (
              <p>No emergency maintenance is ongoing.</p>
            ) : (
              <ul className="cards">
                {emergencies.map((e) => (
                  <li key={e.id}>
                    <Link to={`/emergency-maintenances/${encodeURIComponent(e.id)}`}>{e.id}</Link> {e.reason} · <ScopeText scope={e.scope} /> · reaches <ReachCount collection="emergency-maintenances" id={e.id} /> · since <When at={e.startedAt} />
                    <EmergencyActions emergency={e} onDone={board.reload} />
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Upcoming and running maintenances">
            {maintenances.length === 0 ? (
              <p>No maintenance is scheduled.</p>
            ) : (
              <ul className="cards">
                {maintenances.map((m) => (
                  <li key={m.id}>
                    <Link to={`/maintenances/${encodeURIComponent(m.id)}`}>{m.id}</Link> {m.title} · <ScopeText scope={m.scope} /> · reaches <ReachCount collection="maintenances" id={m.id} /> · window <When at={m.window.start} /> – <When at={m.window.end} /> · {m.startedAt ? 'running' : 'upcoming'}
                    <NoticeStatuses maintenance={m} />
                    <MaintenanceActions maintenance={m} onDone={board.reload} />
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {can('POST', '/outages') && <StartOutage onDone={board.reload} />}
        </>
      )}
    </>
  );
}

export function OutageActions({ outage: o, onDone }: { outage: Outage; onDone: () => void }) {
  const { can } = useSession();
  const path = `/outages/${encodeURIComponent(o.id)}`;
  return (
    <>
      {o.ongoing && can('POST', '/outages/:id/end') && <ActionDialog label="End" name={`End ${o.id}`} title={`End outage ${o.id}`} fields={[{ name: 'endedAt', label: 'Ended at', kind: 'instant', now: true, required: true }]} submit={(v) => post(`${path}/end`, v)} onDone={onDone} />}
      {!o.voided && can('POST', '/outages/:id/corrections') && (
        <ActionDialog
          label="Correct" name={`Correct ${o.id}`}
          title={`Correct outage ${o.id}`}
          fields={[
            { name: 'startedAt', label: 'Started at', kind: 'instant', initial: o.startedAt },
            { name: 'endedAt', label: 'Ended at', kind: 'instant', ...(o.endedAt && { initial: o.endedAt }) },
            { name: 'reason', label: 'Reason', kind: 'text', required: true },
          ]}
          submit={(v) => post(`${path}/corrections`, v)}
          onDone={onDone}
        />
      )}
      {!o.voided && can('POST', '/outages/:id/classification') && (
        <ActionDialog
          label="Classify" name={`Classify ${o.id}`}
          title={`Classify outage ${o.id}`}
          fields={[
            { name: 'exclusion', label: 'Exclusion cause', kind: 'select', options: [{ value: '', label: 'none: counts as Down Time' }, ...EXCLUSIONS.map((e) => ({ value: e, label: e }))], initial: o.exclusion ?? '' },
            { name: 'reason', label: 'Reason', kind: 'text', required: true },
          ]}
          submit={(v) => post(`${path}/classification`, { exclusion: v.exclusion ?? null, reason: v.reason })}
          onDone={onDone}
        />
      )}
      {!o.voided && can('POST', '/outages/:id/void') && <VoidAction what="outage" id={o.id} path={path} onDone={onDone} />}
    </>
  );
}

export function EmergencyActions({ emergency: e, onDone }: { emergency: EmergencyMaintenance; onDone: () => void }) {
  const { can } = useSession();
  const path = `/emergency-maintenances/${encodeURIComponent(e.id)}`;
  if (e.voided) return null;
  return (
    <div className="actions">
      {!e.endedAt && can('POST', '/emergency-maintenances/:id/end') && <ActionDialog label="End" name={`End ${e.id}`} title={`End emergency maintenance ${e.id}`} fields={[{ name: 'endedAt', label: 'Ended at', kind: 'instant', now: true, required: true }]} submit={(v) => post(`${path}/end`, v)} onDone={onDone} />}
      {can('POST', '/emergency-maintenances/:id/void') && <VoidAction what="emergency maintenance" id={e.id} path={path} onDone={onDone} />}
    </div>
  );
}

export function MaintenanceActions({ maintenance: m, onDone }: { maintenance: Maintenance; onDone: () => void }) {
  const { can } = useSession();
  const path = `/maintenances/${encodeURIComponent(m.id)}`;
  if (m.cancelledAt || m.completedAt) return null;
  return (
    <div className="actions">
      {!m.startedAt && can('POST', '/maintenances/:id/start') && <ActionDialog label="Start" name={`Start ${m.id}`} title={`Start maintenance ${m.id}`} fields={[{ name: 'at', label: 'Started at', kind: 'instant', now: true, required: true }]} submit={(v) => post(`${path}/start`, v)} onDone={onDone} />}
      {m.startedAt && can('POST', '/maintenances/:id/complete') && <ActionDialog label="Complete" name={`Complete ${m.id}`} title={`Complete maintenance ${m.id}`} fields={[{ name: 'at', label: 'Completed at', kind: 'instant', now: true, required: true }]} submit={(v) => post(`${path}/complete`, v)} onDone={onDone} />}
      {!m.startedAt && can('POST', '/maintenances/:id/cancel') && <ActionDialog label="Cancel" name={`Cancel ${m.id}`} title={`Cancel maintenance ${m.id}`} fields={[]} submit={() => post(`${path}/cancel`, {})} onDone={onDone} />}
    </div>
  );
}

function StartOutage({ onDone }: { onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [impact, setImpact] = useState<'unavailable' | 'degraded'>('unavailable');
  const [startedAt, setStartedAt] = useState(() => toLocalInput(new Date()));
  const [scope, setScope] = useState<ScopeChoice>({ kind: 'regions', regions: [], customers: [] });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post('/outages', { scope: toScope(scope), impact, title, startedAt: toInstant(startedAt) });
      setTitle('');
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="Start an outage">
      <form onSubmit={submit} className="form">
        <div className="field">
          <label htmlFor="outage-title">Title</label>
          <input id="outage-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="outage-impact">Impact</label>
          <select id="outage-impact" value={impact} onChange={(e) => setImpact(e.target.value as 'unavailable' | 'degraded')}>
            <option value="unavailable">unavailable (Down Time)</option>
            <option value="degraded">degraded (no Down Time)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="outage-start">Started at</label>
          <input id="outage-start" type="datetime-local" required value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
        </div>
        <ScopePicker value={scope} onChange={setScope} />
        <ProblemMessage error={error} />
        <button type="submit" disabled={busy}>
          Start outage
        </button>
      </form>
    </Section>
  );
}
