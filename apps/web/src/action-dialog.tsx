import { useId, useRef, useState, type FormEvent } from 'react';
import { post } from './api.ts';
import { ProblemMessage, toInstant, toLocalInput } from './ui.tsx';

export interface Field {
  name: string;
  label: string;
  kind: 'instant' | 'text' | 'select';
  options?: { value: string; label: string }[];
  required?: boolean;
  /** For instants: prefilled with now when true. */
  now?: boolean;
  initial?: string;
  /** For text: the API's bounds, enforced by the browser before sending. */
  minLength?: number;
  maxLength?: number;
  /** A line under the field (e.g. its bounds), read with it by screen readers. */
  hint?: string;
}

/**
 * A button that opens a modal form (the browser's own <dialog>: focus trap, Escape, top layer) and
 * sends it; the API's refusal is shown in the dialog as it came.
 */
export function ActionDialog({ label, name, title, fields, submit, onDone, confirm }: { label: string; /** The button's accessible name when the label alone is ambiguous (one per row). */ name?: string; title: string; fields: Field[]; submit: (values: Record<string, string | undefined>) => Promise<unknown>; onDone: () => void; confirm?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});

  function open() {
    const initial: Record<string, string> = {};
    for (const field of fields) initial[field.name] = field.initial !== undefined ? (field.kind === 'instant' ? toLocalInput(field.initial) : field.initial) : field.kind === 'instant' && field.now ? toLocalInput(new Date()) : field.kind === 'select' ? (field.options?.[0]?.value ?? '') : '';
    setValues(initial);
    setError(null);
    dialog.current?.showModal();
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const out: Record<string, string | undefined> = {};
      for (const field of fields) {
        const value = values[field.name] ?? '';
        out[field.name] = value === '' ? undefined : field.kind === 'instant' ? toInstant(value) : value;
      }
      await submit(out);
      dialog.current?.close();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={open} aria-label={name}>
        {label}
      </button>
      <dialog ref={dialog} aria-labelledby={`${id}-title`} aria-describedby={confirm ? `${id}-confirm` : undefined}>
        <form onSubmit={send} aria-busy={busy}>
          <h2 id={`${id}-title`}>{title}</h2>
          {fields.map((field) => (
            <div className="field" key={field.name}>
              <label htmlFor={`${id}-${field.name}`}>{field.label}</label>
              {field.kind === 'select' ? (
                <select id={`${id}-${field.name}`} value={values[field.name] ?? ''} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}>
                  {field.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={`${id}-${field.name}`}
                  type={field.kind === 'instant' ? 'datetime-local' : 'text'}
                  required={field.required}
                  minLength={field.minLength}
                  maxLength={field.maxLength}
                  aria-describedby={field.hint ? `${id}-${field.name}-hint` : undefined}
                  value={values[field.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
                />
              )}
              {field.hint && (
                <span className="hint" id={`${id}-${field.name}-hint`}>
                  {field.hint}
                </span>
              )}
            </div>
          ))}
          {confirm && <p id={`${id}-confirm`}>{confirm}</p>}
          <ProblemMessage error={error} />
          <div className="buttons">
            <button type="submit" disabled={busy}>
              {title}
            </button>
            <button type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/**
 * Void an outage or an emergency maintenance recorded in error: a confirmation that asks for the
 * reason (1–500 characters, as the API bounds it); a refusal (409 already voided) shows as worded.
 */
export function VoidAction({ what, id, path, onDone }: { what: 'outage' | 'emergency maintenance'; id: string; path: string; onDone: () => void }) {
  return (
    <ActionDialog
      label="Void"
      name={`Void ${id}`}
      title={`Void ${what} ${id}`}
      fields={[{ name: 'reason', label: 'Why it was recorded in error', kind: 'text', required: true, minLength: 1, maxLength: 500, hint: '1–500 characters; kept in its timeline.' }]}
      submit={(v) => post(`${path}/void`, { reason: v.reason })}
      onDone={onDone}
      confirm={`Voiding says this ${what} was recorded in error: from now on it counts in no figure (an as-of reading before now still shows it). It stays listed as voided and cannot be changed afterwards.`}
    />
  );
}
