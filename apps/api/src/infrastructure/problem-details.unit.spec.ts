import { describe, expect, it } from '@jest/globals';
import { DeletedStreamError, EventStoreUnavailableError } from '#event-store';
import { toProblem } from './problem-details.filter.js';

describe('problem details for event-store failures', () => {
  it('answers a stream deleted or truncated outside the application with 409 and what to do, not 500', () => {
    const problem = toProblem(new DeletedStreamError('outage-o-1', 'stream outage-o-1 was truncated on the EventStoreDB server: reading from revision 0 starts at revision 3'));
    expect(problem).toMatchObject({ status: 409, title: 'Conflict', type: expect.stringMatching(/history-deleted$/) });
    expect(problem.detail).toMatch(/^stream outage-o-1 was truncated .* starts at revision 3\. SLA Ledger never deletes events: .* an operator restores the stream/);
  });

  it('still answers an unreachable store with 503', () => {
    expect(toProblem(new EventStoreUnavailableError('EventStoreDB cannot be reached: down')).status).toBe(503);
  });
});
