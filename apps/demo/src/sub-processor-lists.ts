import type { SubProcessorFields, SubProcessorType } from '#domain';

/** One entry of a published list, ready for `RegisterSubProcessor`. */
export interface ListedSubProcessor extends SubProcessorFields {
  id: string;
}

/** The three shapes of published list the demo loads. */
export type ListShape = 'koyeb' | 'cloudblue' | 'postgresai';

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function entry(prefix: string, legalName: string, type: SubProcessorType, purpose: string, location: string, platform: boolean): ListedSubProcessor {
  return { id: `${prefix}-${slug(legalName)}`, legalName, type, purpose, location, platform, regions: [], dataCategories: [], aliases: [] };
}

/** Entries with the same id (one company listed per platform or country) become one, their locations joined. */
function merge(entries: ListedSubProcessor[]): ListedSubProcessor[] {
  const byId = new Map<string, ListedSubProcessor>();
  for (const e of entries) {
    const seen = byId.get(e.id);
    if (!seen) {
      byId.set(e.id, { ...e });
      continue;
    }
    const locations = new Set([...seen.location.split(', '), ...e.location.split(', ')].filter(Boolean));
    seen.location = [...locations].join(', ');
    if (!seen.purpose.includes(e.purpose)) seen.purpose = `${seen.purpose}; ${e.purpose}`;
  }
  return [...byId.values()];
}

/**
 * Koyeb's page as copied text: a table's cells run together ("Equinix MetalInfrastructure"), so a row is
 * split where a lower-case letter meets a capital. The section says the type: rows under
 * "Customer Workloads" serve the regions customers choose (not platform-wide); the others serve everyone.
 */
export function parseKoyeb(text: string): ListedSubProcessor[] {
  const out: ListedSubProcessor[] = [];
  let type: SubProcessorType = 'infrastructure';
  let platform = true;
  let inTable = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      inTable = false;
      continue;
    }
    if (/^Infrastructure Subcontractors$/i.test(line)) type = 'infrastructure';
    else if (/^Service Specific Subcontractors$/i.test(line)) type = 'service-specific';
    if (/^Customer Workloads$/i.test(line)) platform = false;
    else if (/^(Back-End Services|Service Specific Subcontractors)$/i.test(line)) platform = true;
    if (/^Entity Name/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable) continue;
    const cells = line.split(/(?<=[a-z)])(?=[A-Z])/).map((c) => c.trim());
    const [name, purpose = '', country = ''] = cells;
    if (!name) continue;
    out.push(entry('koyeb', name, type, purpose, country, platform));
  }
  return merge(out);
}

function pipeCells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((c) => c.trim());
}

/** CloudBlue's page: pipe tables "Legal Name | Sub-Processor type | Platform | Location | Value Proposition |". */
export function parseCloudBlue(text: string): ListedSubProcessor[] {
  const out: ListedSubProcessor[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.includes('|')) continue;
    const [legalName, kind = '', platformName = '', location = '', purpose = ''] = pipeCells(raw);
    if (!legalName || /^Legal Name$/i.test(legalName)) continue;
    const type: SubProcessorType = /^affiliate/i.test(kind) ? 'affiliate' : /^infrastructure/i.test(kind) ? 'infrastructure' : 'service-specific';
    const name = legalName.replace(/,(?= S\.L\.U\.)/, '');
    out.push(entry('cloudblue', name, type, platformName ? `${purpose} (${platformName})` : purpose, location, true));
  }
  return merge(out);
}

/** Postgres.ai's Markdown table: "| [Name](url) | Location | Description |"; hosting rows are infrastructure. */
export function parsePostgresAi(text: string): ListedSubProcessor[] {
  const out: ListedSubProcessor[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim().startsWith('|')) continue;
    const [nameCell = '', location = '', description = ''] = pipeCells(raw);
    if (/^-+$/.test(nameCell) || /^Name of Subprocessor/i.test(nameCell)) continue;
    const name = nameCell.replace(/^\[([^\]]+)\]\([^)]*\)$/, '$1').trim();
    if (!name) continue;
    const type: SubProcessorType = /hosting/i.test(description) ? 'infrastructure' : 'service-specific';
    out.push(entry('postgresai', name, type, description, location, true));
  }
  return merge(out);
}

/** Parses a list of the given shape. */
export function parseSubProcessorList(shape: ListShape, text: string): ListedSubProcessor[] {
  switch (shape) {
    case 'koyeb':
      return parseKoyeb(text);
    case 'cloudblue':
      return parseCloudBlue(text);
    case 'postgresai':
      return parsePostgresAi(text);
  }
}

/** The shipped lists, by file name under apps/demo/lists/. */
export const SHIPPED_LISTS: readonly { file: string; shape: ListShape }[] = [
  { file: 'subprocessors-koyeb.txt', shape: 'koyeb' },
  { file: 'subprocessors-cloudblue.txt', shape: 'cloudblue' },
  { file: 'subprocessors-postgresai.md', shape: 'postgresai' },
];
