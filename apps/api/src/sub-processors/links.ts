import { resolveSubProcessor, unregisteredWarning, type SubProcessor } from '#domain';
import type { ReadSide } from '../infrastructure/read-side.js';

/**
 * A region's `provider` and an outage's `subProcessor` are free text in the stable API: a value that
 * names no registered sub-processor (by id, legal name or alias) is still accepted and kept, and the
 * answer says so, for an admin to link it.
 */
export async function subProcessorWarnings(readSide: ReadSide, value: string | null | undefined): Promise<string[]> {
  if (value === null || value === undefined) return [];
  // Entries are only ever added: one found without waiting for the read models is registered; only
  // a value not found is looked for again once they include the latest writes.
  if (resolveSubProcessor(await readSide.entitiesReader.all<SubProcessor>('subProcessor'), value)) return [];
  const entries = await (await readSide.entities()).all<SubProcessor>('subProcessor');
  return resolveSubProcessor(entries, value) ? [] : [unregisteredWarning(value)];
}

/** The answer with its warnings, if it has any: an answer without warnings is as it always was. */
export function withWarnings<View extends object>(view: View, warnings: string[]): View | (View & { warnings: string[] }) {
  return warnings.length === 0 ? view : { ...view, warnings };
}
