import { useId } from 'react';
import { get, type Customer, type Page, type Region, type Scope } from './api.ts';
import { ProblemMessage, useLoad } from './ui.tsx';

export type ScopeChoice = { kind: Scope['kind']; regions: string[]; customers: string[] };

export function toScope(choice: ScopeChoice): Scope {
  if (choice.kind === 'platform') return { kind: 'platform' };
  if (choice.kind === 'regions') return { kind: 'regions', regions: choice.regions };
  return { kind: 'customers', customers: choice.customers };
}

/** The whole platform, some of the registered regions, or some of the registered customers. */
export function ScopePicker({ value, onChange }: { value: ScopeChoice; onChange: (value: ScopeChoice) => void }) {
  const id = useId();
  const regions = useLoad(() => get<Page<Region>>('/regions', { limit: 500 }), []);
  const customers = useLoad(() => get<Page<Customer>>('/customers', { limit: 500 }), []);
  const toggle = (list: string[], item: string) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  return (
    <fieldset className="scope">
      <legend>Scope</legend>
      {(['platform', 'regions', 'customers'] as const).map((kind) => (
        <label key={kind} className="inline">
          <input type="radio" name={`${id}-kind`} value={kind} checked={value.kind === kind} onChange={() => onChange({ ...value, kind })} />
          {kind === 'platform' ? 'Whole platform' : kind === 'regions' ? 'Regions' : 'Customers'}
        </label>
      ))}
      {value.kind === 'regions' && (
        <fieldset>
          <legend>Regions in scope</legend>
          <ProblemMessage error={regions.error} />
          {regions.data?.items.map((r) => (
            <label key={r.id} className="inline">
              <input type="checkbox" checked={value.regions.includes(r.id)} onChange={() => onChange({ ...value, regions: toggle(value.regions, r.id) })} />
              {r.id} ({r.name})
            </label>
          ))}
        </fieldset>
      )}
      {value.kind === 'customers' && (
        <div className="field">
          <label htmlFor={`${id}-customers`}>Customers in scope</label>
          <ProblemMessage error={customers.error} />
          <select id={`${id}-customers`} multiple size={Math.min(8, Math.max(3, customers.data?.items.length ?? 3))} value={value.customers} onChange={(e) => onChange({ ...value, customers: [...e.target.selectedOptions].map((o) => o.value) })}>
            {customers.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.id} — {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
