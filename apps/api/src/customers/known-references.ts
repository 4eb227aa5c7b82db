import { BadRequestException } from '@nestjs/common';
import type { ReadSide } from '../infrastructure/read-side.js';

/**
 * A customer on an undefined plan would have no target to be measured against (R10), and one in an
 * unregistered region would silently escape every regional outage (R4): both are refused up front,
 * as a fault of the request (400), naming what to create first.
 */
export async function requireKnownReferences(readSide: ReadSide, references: { planId?: string; regions?: string[] }): Promise<void> {
  const entities = await readSide.entities();
  const violations: { field: string; problem: string }[] = [];
  if (references.planId !== undefined && !(await entities.exists('plan', [references.planId])).has(references.planId)) {
    violations.push({ field: 'planId', problem: `unknown plan ${references.planId}: define it with POST /plans first` });
  }
  if (references.regions !== undefined) {
    const known = await entities.exists('region', references.regions);
    const unknown = references.regions.filter((region) => !known.has(region));
    if (unknown.length === 1) violations.push({ field: 'regions', problem: `unknown region ${unknown[0]}: register it with POST /regions first` });
    if (unknown.length > 1) violations.push({ field: 'regions', problem: `unknown regions ${unknown.join(', ')}: register them with POST /regions first` });
  }
  if (violations.length > 0) throw new BadRequestException({ detail: violations.map((v) => v.problem).join('; '), violations });
}
