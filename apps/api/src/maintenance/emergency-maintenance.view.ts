import type { EmergencyMaintenance } from '#domain';

export interface EmergencyMaintenanceView extends EmergencyMaintenance {
  ongoing: boolean;
  voided: boolean;
  voidReason: string | null;
  voidedAt: string | null;
}

export function toEmergencyMaintenanceView(emergency: EmergencyMaintenance): EmergencyMaintenanceView {
  const voided = emergency.voided === true;
  return { ...emergency, voided, voidReason: emergency.voidReason ?? null, voidedAt: emergency.voidedAt ?? null, ongoing: emergency.endedAt === null && !voided };
}
