/**
 * Waits for a condition, however long a busy machine takes: tests wait for what they need, never
 * for a duration. The test's own timeout (jest's testTimeout) bounds the wait.
 */
export async function until(condition: () => boolean | Promise<boolean>, options: { everyMs?: number } = {}): Promise<void> {
  const everyMs = options.everyMs ?? 20;
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}

/**
 * The consistency wait of test applications: a query waits this long for the read models before
 * answering 503. A loaded machine (a second copy of the suite beside this one) can take seconds to
 * project a write; the production default (5 s) would turn that slowness into a failed test.
 */
export const TEST_CONSISTENCY_TIMEOUT_MS = '60000';
