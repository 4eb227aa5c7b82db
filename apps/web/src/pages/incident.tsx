import { useParams } from 'react-router-dom';
import { get, type EmergencyMaintenance, type Maintenance, type Outage, type Page, type TimelineEntry } from '../api.ts';
import { useSession } from '../session.tsx';
import { Loading, ProblemMessage, ScopeText, Section, useLoad, When } from '../ui.tsx';
import { EmergencyActions, MaintenanceActions, OutageActions } from './ops-board.tsx';
import { TimelineEntries } from './timeline.tsx';
import { ReachList, type IncidentCollection } from '../reach.tsx';
import { NoticeStatuses } from '../notice-statuses.tsx';

type Kind = 'outage' | 'maintenance' | 'emergency-maintenance';
const COLLECTION: Record<Kind, IncidentCollection> = { outage: 'outages', maintenance: 'maintenances', 'emergency-maintenance': 'emergency-maintenances' };
const NAME: Record<Kind, string> = { outage: 'Outage', maintenance: 'Maintenance', 'emergency-maintenance': 'Emergency maintenance' };

/** An outage, a maintenance or an emergency maintenance: what it is now, and every event behind it. */
export function IncidentPage({ kind }: { kind: Kind }) {
  const { id = '' } = useParams();
  const { can } = useSession();
  const path = `/${COLLECTION[kind]}/${encodeURIComponent(id)}`;
  const incident = useLoad(() => get<Outage & Maintenance & EmergencyMaintenance>(path), [path]);
  const readsTimeline = can('GET', `/${COLLECTION[kind]}/:id/timeline`, { id });
  const timeline = useLoad(() => (readsTimeline ? get<Page<TimelineEntry>>(`${path}/timeline`, { limit: 500 }) : Promise.resolve(null)), [path, readsTimeline]);
  const i = incident.data;
  return (
    <>
      <h1>
        {NAME[kind]} {id}
      </h1>
      <ProblemMessage error={incident.error} />
      {incident.loading && !i && <Loading what={`the ${NAME[kind].toLowerCase()}`} />}
      {i && (
        <Section title="Now">
          <p>
            {i.title ?? i.reason} · <ScopeText scope={i.scope} />
          </p>
          {i.voided && (
            <p className="notice-late" data-testid="voided">
              <strong>Voided</strong> <When at={i.voidedAt} />, recorded in error: {i.voidReason}. It counts in no figure from then on.
            </p>
          )}
          {kind === 'outage' && (
            <>
              <p>
                {i.impact}, from <When at={i.startedAt} /> to {i.endedAt ? <When at={i.endedAt} /> : i.voided ? 'its void' : 'now (ongoing)'}; exclusion: {i.exclusion ?? 'none, counts as Down Time'}
                {i.exclusionReason && ` (${i.exclusionReason})`}; {i.corrections} correction(s){i.subProcessor && `; caused by sub-processor ${i.subProcessor}`}.
              </p>
              <OutageActions outage={i} onDone={incident.reload} />
            </>
          )}
          {kind === 'maintenance' && (
            <>
              <p>
                Window <When at={i.window.start} /> – <When at={i.window.end} />; ran {i.startedAt ? <When at={i.startedAt} /> : 'not yet'} – {i.completedAt ? <When at={i.completedAt} /> : '…'}
                {i.cancelledAt && (
                  <>
                    ; cancelled <When at={i.cancelledAt} />
                  </>
                )}
                {i.acceptedAsDowntime && '; accepted as Down Time'}.
              </p>
              <NoticeStatuses maintenance={i} />
              <MaintenanceActions maintenance={i} onDone={incident.reload} />
            </>
          )}
          {kind === 'emergency-maintenance' && (
            <>
              <p>
                From <When at={i.startedAt} /> to {i.endedAt ? <When at={i.endedAt} /> : i.voided ? 'its void' : 'now (ongoing)'}: excluded from Down Time.
              </p>
              <EmergencyActions emergency={i} onDone={incident.reload} />
            </>
          )}
        </Section>
      )}
      {i && (
        <Section title="Customers reached">
          <ReachList collection={COLLECTION[kind]} id={id} />
        </Section>
      )}
      {readsTimeline && (
        <Section title="Timeline">
          <ProblemMessage error={timeline.error} />
          {timeline.data && <TimelineEntries entries={timeline.data.items} />}
        </Section>
      )}
    </>
  );
}
