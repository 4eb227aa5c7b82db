import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { subProcessorDecider } from '#domain';
import { parseCloudBlue, parseKoyeb, parsePostgresAi, parseSubProcessorList, SHIPPED_LISTS } from './sub-processor-lists.js';

const data = join(dirname(fileURLToPath(import.meta.url)), '..', 'lists');
const read = (file: string) => readFileSync(join(data, file), 'utf8');

describe('the shipped sub-processor lists', () => {
  it('Koyeb: cells run together are split, the section gives type and reach', () => {
    const list = parseKoyeb(read('subprocessors-koyeb.txt'));
    expect(list.map((e) => [e.legalName, e.type, e.platform])).toEqual([
      ['Google Cloud Platform', 'infrastructure', true],
      ['Equinix Metal', 'infrastructure', false],
      ['IBM Cloud', 'infrastructure', false],
      ['Amazon Web Services', 'infrastructure', false],
      ['Intercom', 'service-specific', true],
    ]);
    expect(list[0]).toMatchObject({ id: 'koyeb-google-cloud-platform', purpose: 'Koyeb control plane' });
    expect(list[4]).toMatchObject({ purpose: 'Customer support', location: 'USA' });
  });

  it('CloudBlue: one entry per company, platforms and countries joined', () => {
    const list = parseCloudBlue(read('subprocessors-cloudblue.txt'));
    const inc = list.find((e) => e.id === 'cloudblue-ingram-micro-inc')!;
    expect(inc.type).toBe('affiliate');
    expect(inc.location).toBe('USA, Canada, Mexico');
    expect(list.find((e) => e.legalName === 'Microsoft Inc.')?.type).toBe('infrastructure');
    expect(list.find((e) => e.legalName === 'Atlassian Corporation PLC')?.type).toBe('service-specific');
    expect(new Set(list.map((e) => e.id)).size).toBe(list.length);
    expect(list.some((e) => e.legalName === 'Legal Name')).toBe(false);
  });

  it('Postgres.ai: the Markdown links give the name, hosting rows are infrastructure', () => {
    const list = parsePostgresAi(read('subprocessors-postgresai.md'));
    expect(list).toHaveLength(12);
    expect(list[0]).toMatchObject({ id: 'postgresai-amazon-web-services-aws', legalName: 'Amazon Web Services (AWS)', type: 'infrastructure', location: 'USA' });
    expect(list.find((e) => e.legalName === 'Okmeter')).toMatchObject({ type: 'service-specific', location: 'Europe' });
  });

  it('every parsed entry is one the register accepts', () => {
    for (const { file, shape } of SHIPPED_LISTS) {
      for (const { id, ...fields } of parseSubProcessorList(shape, read(file))) {
        const events = subProcessorDecider.decide(
          { type: 'RegisterSubProcessor', subProcessorId: id, effectiveAt: '2026-09-01T00:00:00.000Z', reason: null, fields },
          subProcessorDecider.initialState,
          { now: '2026-09-01T00:00:00.000Z' } as Parameters<typeof subProcessorDecider.decide>[2],
        );
        expect(events).toHaveLength(1);
        expect(fields.legalName.trim()).not.toBe('');
      }
    }
  });
});
