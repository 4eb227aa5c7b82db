import type { SourceKind } from '#domain';

/** How the HTTP answers spell a source's kind (documented; integrations read it). */
export type WireSourceKind = 'outage' | 'maintenance' | 'emergency-maintenance';

/** The domain spells kinds as its streams do; the documented API keeps its own spelling. */
export function toWireSourceKind(kind: SourceKind): WireSourceKind {
  return kind === 'emergencyMaintenance' ? 'emergency-maintenance' : kind;
}

export function fromWireSourceKind(kind: WireSourceKind): SourceKind {
  return kind === 'emergency-maintenance' ? 'emergencyMaintenance' : kind;
}
