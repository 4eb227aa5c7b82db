import { describe, it } from '@jest/globals';
import { specFor } from '../testing/decider-spec.js';
import { outageDecider, type OutageEvent } from './outage.js';

const spec = specFor(outageDecider, { now: '2026-10-06T00:00:00Z' });
const started: OutageEvent = {
  type: 'OutageStarted',
  data: { outageId: 'o1', scope: { kind: 'regions', regions: ['fra'] }, impact: 'unavailable', title: 'fra down', startedAt: '2026-10-05T10:00:00Z', subProcessor: null },
};
const ended: OutageEvent = { type: 'OutageEnded', data: { outageId: 'o1', endedAt: '2026-10-05T11:30:00Z' } };

describe('outage rules', () => {
  it('starts an outage', () => {
    const { type: _t, ...command } = { type: 'StartOutage' as const, ...started.data };
    spec([]).when({ type: 'StartOutage', ...command }).then([started]);
  });

  it('refuses to start the same outage twice', () => {
    spec([started]).when({ type: 'StartOutage', ...started.data }).thenRefused('conflict', /already exists/);
  });

  it('refuses an outage that starts in the future', () => {
    spec([]).when({ type: 'StartOutage', ...started.data, startedAt: '2026-10-07T00:00:00Z' }).thenRefused('rejected', /future/);
  });

  it('ends an open outage', () => {
    spec([started]).when({ type: 'EndOutage', outageId: 'o1', endedAt: '2026-10-05T11:30:00Z' }).then([ended]);
  });

  it('refuses to end an outage twice: the second writer learns it already ended', () => {
    spec([started, ended]).when({ type: 'EndOutage', outageId: 'o1', endedAt: '2026-10-05T12:00:00Z' }).thenRefused('conflict', /already ended at 2026-10-05T11:30:00Z/);
  });

  it('refuses an end at or before the start', () => {
    spec([started]).when({ type: 'EndOutage', outageId: 'o1', endedAt: '2026-10-05T10:00:00Z' }).thenRefused('rejected', /must be after/);
    spec([started]).when({ type: 'EndOutage', outageId: 'o1', endedAt: '2026-10-05T09:00:00Z' }).thenRefused('rejected', /must be after/);
  });

  it('voids an outage recorded in error, at the record time, with the reason', () => {
    const voided: OutageEvent = { type: 'OutageVoided', data: { outageId: 'o1', reason: 'probe misconfigured', voidedAt: '2026-10-06T00:00:00Z' } };
    spec([started]).when({ type: 'VoidOutage', outageId: 'o1', reason: 'probe misconfigured' }).then([voided]);
    spec([started, ended]).when({ type: 'VoidOutage', outageId: 'o1', reason: 'probe misconfigured' }).then([voided]);
  });

  it('refuses to void twice, to void an unknown outage, and any change after a void', () => {
    const voided: OutageEvent = { type: 'OutageVoided', data: { outageId: 'o1', reason: 'probe misconfigured', voidedAt: '2026-10-05T12:00:00Z' } };
    spec([started, voided]).when({ type: 'VoidOutage', outageId: 'o1', reason: 'again' }).thenRefused('conflict', /voided at 2026-10-05T12:00:00Z: probe misconfigured/);
    spec([]).when({ type: 'VoidOutage', outageId: 'nope', reason: 'x' }).thenRefused('not-found', /nope does not exist/);
    spec([started, voided]).when({ type: 'EndOutage', outageId: 'o1', endedAt: '2026-10-05T11:00:00Z' }).thenRefused('conflict', /voided/);
  });

  it('refuses to end an unknown outage', () => {
    spec([]).when({ type: 'EndOutage', outageId: 'nope', endedAt: '2026-10-05T11:00:00Z' }).thenRefused('not-found', /nope does not exist/);
  });

  it('corrects the end of an ended outage, keeping what it was', () => {
    spec([started, ended])
      .when({ type: 'CorrectOutage', outageId: 'o1', endedAt: '2026-10-05T11:00:00Z', reason: 'monitoring lagged' })
      .then([
        {
          type: 'OutageCorrected',
          data: {
            outageId: 'o1',
            startedAt: '2026-10-05T10:00:00Z',
            endedAt: '2026-10-05T11:00:00Z',
            reason: 'monitoring lagged',
            previous: { startedAt: '2026-10-05T10:00:00Z', endedAt: '2026-10-05T11:30:00Z' },
          },
        },
      ]);
  });

  it('refuses a correction that inverts the interval, changes nothing, or ends an open outage', () => {
    spec([started, ended]).when({ type: 'CorrectOutage', outageId: 'o1', startedAt: '2026-10-05T12:00:00Z', reason: 'x' }).thenRefused('rejected', /before it starts/);
    spec([started, ended]).when({ type: 'CorrectOutage', outageId: 'o1', endedAt: '2026-10-05T11:30:00Z', reason: 'x' }).thenRefused('rejected', /changes nothing/);
    spec([started]).when({ type: 'CorrectOutage', outageId: 'o1', endedAt: '2026-10-05T11:00:00Z', reason: 'x' }).thenRefused('rejected', /still open/);
  });

  it('classifies an outage with an exclusion cause and reverses it', () => {
    const classified: OutageEvent = { type: 'OutageClassified', data: { outageId: 'o1', exclusion: 'force-majeure', reason: 'flood' } };
    spec([started]).when({ type: 'ClassifyOutage', outageId: 'o1', exclusion: 'force-majeure', reason: 'flood' }).then([classified]);
    spec([started, classified])
      .when({ type: 'ClassifyOutage', outageId: 'o1', exclusion: null, reason: 'it was our network' })
      .then([{ type: 'OutageClassified', data: { outageId: 'o1', exclusion: null, reason: 'it was our network' } }]);
    spec([started, classified]).when({ type: 'ClassifyOutage', outageId: 'o1', exclusion: 'force-majeure', reason: 'again' }).thenRefused('rejected', /already classified/);
  });
});
