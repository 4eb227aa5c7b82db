/** One function per kind of stream, so stream names are spelled in one place. */
export const streams = {
  outage: (id: string) => `outage-${id}`,
  maintenance: (id: string) => `maintenance-${id}`,
  emergencyMaintenance: (id: string) => `emergency-${id}`,
  customer: (id: string) => `customer-${id}`,
  plan: (id: string) => `plan-${id}`,
  region: (id: string) => `region-${id}`,
  /** An entry of the sub-processor register (R15). */
  subProcessor: (id: string) => `subprocessor-${id}`,
  /** A customer's invoices, payments, credit requests and finance decisions. */
  billing: (customerId: string) => `billing-${customerId}`,
  /** A customer's Service Failure reports and their acknowledgements. */
  support: (customerId: string) => `support-${customerId}`,
} as const;

export type StreamKind = keyof typeof streams;

/** The stream kind and entity id of a stream name, or null for a stream this product does not own. */
export function parseStream(stream: string): { kind: StreamKind; id: string } | null {
  for (const kind of Object.keys(streams) as StreamKind[]) {
    const prefix = streams[kind]('');
    if (stream.startsWith(prefix)) return { kind, id: stream.slice(prefix.length) };
  }
  return null;
}
