/**
 * `npm run bench`: builds, then runs every section below in order on this machine and prints each
 * section's table, then all summaries. `node dist/test/bench/run.js event-store` runs only the named
 * sections. Add a section by appending it to SECTIONS.
 */
import { availabilityBench } from './availability.bench.js';
import { capacityBench } from './capacity.bench.js';
import { eventStoreBench } from './event-store.bench.js';
import type { BenchSection } from './section.js';

const SECTIONS: BenchSection[] = [eventStoreBench, availabilityBench, capacityBench];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown bench section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
  }
  const selected = wanted.length === 0 ? SECTIONS : SECTIONS.filter((section) => wanted.includes(section.name));
  const options = { databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' };
  const summaries: string[] = [];
  let failed = 0;
  for (const section of selected) {
    const started = performance.now();
    console.log(`\n=== ${section.name} ===`);
    try {
      const lines = await section.run(options);
      summaries.push(...lines.map((line) => `${section.name}: ${line}`));
    } catch (error) {
      failed += 1;
      console.error(`${section.name} failed:`, error);
      summaries.push(`${section.name}: FAILED (${error instanceof Error ? error.message : String(error)})`);
    }
    console.log(`(${section.name} took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  console.log('\n=== summary ===');
  for (const line of summaries) console.log(line);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
