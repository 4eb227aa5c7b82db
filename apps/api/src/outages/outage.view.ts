import type { Outage } from '#domain';

export interface OutageView extends Outage {
  ongoing: boolean;
  voided: boolean;
  voidReason: string | null;
  voidedAt: string | null;
}

export function toOutageView(outage: Outage): OutageView {
  const voided = outage.voided === true;
  return { ...outage, voided, voidReason: outage.voidReason ?? null, voidedAt: outage.voidedAt ?? null, ongoing: outage.endedAt === null && !voided };
}
