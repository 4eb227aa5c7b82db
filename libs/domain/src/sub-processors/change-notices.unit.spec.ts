import { describe, expect, it } from '@jest/globals';
import type { NoticeCandidate } from '../maintenance/notices.js';
import { objectionDeadline } from './change-notices.js';
import { subProcessorDecider, type SubProcessorEvent, type SubProcessorFields, type SubProcessorState } from './sub-processor.js';

const fields: SubProcessorFields = { legalName: 'Equinix, Inc.', type: 'infrastructure', purpose: 'Bare metal', location: 'Germany', platform: false, regions: ['fra'], dataCategories: [], aliases: [] };
const candidate = (id: string, regions: string[], extra: Partial<NoticeCandidate> = {}): NoticeCandidate => ({ id, email: `ops@${id}.example`, activeFrom: '2026-01-01T00:00:00Z', offboardedAt: null, footprint: [{ from: '2026-01-01T00:00:00Z', regions }], ...extra });
const candidates = [candidate('acme', ['fra']), candidate('beta', ['ams']), candidate('gone', ['fra'], { offboardedAt: '2026-06-01T00:00:00Z' }), candidate('later', ['fra'], { activeFrom: '2026-12-15T00:00:00Z' })];
const NOW = '2026-11-02T09:30:00.123Z';
const plan = { objectionDays: 30, candidates, mailDomain: 'provider.example' };

function registered(extra: Partial<SubProcessorFields> = {}): SubProcessorState {
  const events = subProcessorDecider.decide({ type: 'RegisterSubProcessor', subProcessorId: 'equinix', effectiveAt: '2026-01-01T00:00:00Z', reason: null, fields: { ...fields, ...extra } }, null, { now: NOW });
  return events.reduce(subProcessorDecider.evolve, subProcessorDecider.initialState);
}
const change = (state: SubProcessorState, changes: Partial<SubProcessorFields>, effectiveAt = '2026-12-01T00:00:00Z') =>
  subProcessorDecider.decide({ type: 'ChangeSubProcessor', subProcessorId: 'equinix', effectiveAt, reason: 'moving', changes, notice: plan }, state, { now: NOW });

describe('change notices', () => {
  it('end the objection period 30 whole days after the notice: 2 Nov 09:30 → 2 Dec 09:30', () => {
    expect(objectionDeadline('2026-11-02T09:30:00Z', 30)).toBe('2026-12-02T09:30:00Z');
  });

  it("email the customers of the entry's regions before or after the change, subscribed when it holds", () => {
    // fra → ams: acme (fra) and beta (ams); gone left in June; later subscribes only on 15 December.
    const events = change(registered(), { regions: ['ams'] });
    expect(events.map((e) => e.type)).toEqual(['SubProcessorChanged', 'SubProcessorChangeNoticesPlanned']);
    expect(events[0]!.data).toMatchObject({ objectionUntil: '2026-12-02T09:30:00Z' });
    expect(events[1]!.data).toEqual({
      subProcessorId: 'equinix',
      version: 1,
      plannedAt: '2026-11-02T09:30:00Z',
      objectionUntil: '2026-12-02T09:30:00Z',
      recipients: [
        { customerId: 'acme', email: 'ops@acme.example', messageId: '<notice.sub-processor-equinix.acme.1@provider.example>' },
        { customerId: 'beta', email: 'ops@beta.example', messageId: '<notice.sub-processor-equinix.beta.1@provider.example>' },
      ],
    });
    const state = events.reduce(subProcessorDecider.evolve, registered());
    expect(state!.history.at(-1)).toMatchObject({ change: 'changed', objectionUntil: '2026-12-02T09:30:00Z' });
    expect(state!.notices!.map((n) => [n.customerId, n.status, n.version])).toEqual([['acme', 'pending', 1], ['beta', 'pending', 1]]);
  });

  it('reach every subscribed customer when the entry works for the platform; a change effective later counts who is subscribed then', () => {
    const events = change(registered({ platform: true, regions: [] }), { purpose: 'Control plane and backups' }, '2026-12-20T00:00:00Z');
    expect((events[1]!.data as { recipients: { customerId: string }[] }).recipients.map((r) => r.customerId)).toEqual(['acme', 'beta', 'later']);
  });

  it('go to no one for an entry of no region, or a change of aliases only: no objection period then', () => {
    const none = change(registered({ regions: [] }), { purpose: 'Spare' });
    expect(none).toEqual([{ type: 'SubProcessorChanged', data: expect.objectContaining({ objectionUntil: null }) }]);
    expect(change(registered(), { aliases: ['Equinix Metal'] })).toEqual([{ type: 'SubProcessorChanged', data: expect.objectContaining({ objectionUntil: null }) }]);
  });

  it('record how each email ended, once', () => {
    let state = change(registered(), { location: 'Netherlands' }).reduce(subProcessorDecider.evolve, registered());
    const record = (command: Parameters<typeof subProcessorDecider.decide>[0]) => {
      const events: SubProcessorEvent[] = subProcessorDecider.decide(command, state, { now: NOW });
      state = events.reduce(subProcessorDecider.evolve, state);
      return events;
    };
    const acme = '<notice.sub-processor-equinix.acme.1@provider.example>';
    expect(record({ type: 'RecordChangeNoticeEmailDeferred', subProcessorId: 'equinix', messageId: acme, at: NOW, error: '451 busy', retryAt: '2026-11-02T09:31:00Z' })).toHaveLength(1);
    expect(record({ type: 'RecordChangeNoticeEmailSent', subProcessorId: 'equinix', messageId: acme, sentAt: '2026-11-02T09:31:00Z', response: '250 OK' })).toHaveLength(1);
    expect(record({ type: 'RecordChangeNoticeEmailSent', subProcessorId: 'equinix', messageId: acme, sentAt: '2026-11-02T09:32:00Z', response: '250 OK' })).toEqual([]);
    expect(state!.notices!.find((n) => n.messageId === acme)).toMatchObject({ status: 'sent', sentAt: '2026-11-02T09:31:00Z', attempts: 1, response: '250 OK' });
    expect(() => record({ type: 'RecordChangeNoticeEmailSent', subProcessorId: 'equinix', messageId: '<nope>', sentAt: NOW, response: '250' })).toThrow(/no change notice/);
  });
});
