import { useState, type FormEvent } from 'react';
import { get, type Money, type TimelineEntry } from '../api.ts';
import { formatMoney, minutesText, ProblemMessage, Progress, Section, toInstant, toLocalInput, When } from '../ui.tsx';
import { TimelineEntries } from './timeline.tsx';

type Field = 'coveragePeriodMinutes' | 'downtimeMinutes' | 'availabilityRate' | 'state' | 'amount';

interface WhatChanged {
  from: string;
  to: string;
  changed: { field: Field; before: unknown; after: unknown }[];
  events: TimelineEntry[];
}

/** Each figure the API compares, worded as the month's figures above it are. */
const FIGURES: Record<Field, { label: string; show: (value: unknown) => string }> = {
  coveragePeriodMinutes: { label: 'Coverage Period', show: (v) => minutesText(Number(v)) },
  downtimeMinutes: { label: 'Down Time', show: (v) => minutesText(Number(v)) },
  availabilityRate: { label: 'Availability Rate', show: (v) => (v === null ? '—' : `${String(v)} %`) },
  state: { label: 'Credit state', show: (v) => String(v) },
  amount: { label: 'Service Credit', show: (v) => formatMoney(v as Money) },
};

/**
 * The month's figures at two record instants (to the second: two records can fall in the same
 * minute), what differs, and the events recorded in between. An empty "to" asks for now, when the
 * question is sent rather than when the page was opened.
 */
export function WhatChangedSection({ id, month, since }: { id: string; month: string; since?: string | undefined }) {
  const [from, setFrom] = useState(() => (since ? toLocalInput(since, { seconds: true }) : ''));
  const [to, setTo] = useState('');
  const [result, setResult] = useState<WhatChanged | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function compare(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setResult(null);
    setBusy(true);
    try {
      setResult(await get<WhatChanged>(`/customers/${encodeURIComponent(id)}/availability/${month}/changes`, { from: toInstant(from), to: to && toInstant(to) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="What changed between two instants">
      <form onSubmit={compare} className="inline-form" aria-label="Compare two instants">
        <span className="pair">
          <label htmlFor="changes-from">From</label>
          <input id="changes-from" type="datetime-local" step={1} required value={from} onChange={(e) => setFrom(e.target.value)} />
        </span>
        <span className="pair">
          <label htmlFor="changes-to">To (empty: now)</label>
          <input id="changes-to" type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} />
        </span>
        <button type="submit" disabled={busy}>
          Compare
        </button>
      </form>
      {busy && <Progress label="Comparing the month at the two instants" />}
      <ProblemMessage error={error} />
      {result && (
        <div data-testid="what-changed">
          <p>
            From <When at={result.from} seconds /> to <When at={result.to} seconds />:{' '}
            {result.changed.length === 0 ? 'nothing changed.' : `${result.changed.length} figure${result.changed.length === 1 ? '' : 's'} changed.`}
          </p>
          {result.changed.length > 0 && (
            <div className="table-wrap">
              <table className="compact">
                <caption>Figures that changed</caption>
                <thead>
                  <tr>
                    <th scope="col">Figure</th>
                    <th scope="col" className="num">
                      Before
                    </th>
                    <th scope="col" className="num">
                      After
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {result.changed.map((c) => {
                    const figure = FIGURES[c.field] ?? { label: c.field, show: (v: unknown) => JSON.stringify(v) };
                    return (
                      <tr key={c.field}>
                        <th scope="row">{figure.label}</th>
                        <td className="num">{figure.show(c.before)}</td>
                        <td className="num">{figure.show(c.after)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <h3>
            {result.events.length === 0 ? 'No event was recorded in between.' : `${result.events.length} event${result.events.length === 1 ? '' : 's'} recorded in between`}
          </h3>
          {result.events.length > 0 && <TimelineEntries entries={result.events} />}
        </div>
      )}
    </Section>
  );
}
