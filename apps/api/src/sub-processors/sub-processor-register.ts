import { ConflictException, Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  resolveSubProcessor,
  streams,
  subProcessorAt,
  subProcessorDecider,
  toUtc,
  unregisteredWarning,
  type Customer,
  type Outage,
  type Region,
  type SubProcessor,
  type SubProcessorCommand,
  type SubProcessorFields,
} from '#domain';
import type { AppConfig } from '../config.js';
import type { CommandAnswer } from '../infrastructure/answer.js';
import { CommandRunner } from '../infrastructure/command-runner.js';
import { ReadSide } from '../infrastructure/read-side.js';
import type { RequestMeta } from '../infrastructure/request-meta.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { requireKnownReferences } from '../shared/known-references.js';
import type { ChangeSubProcessorDto, RegisterSubProcessorDto, RetireSubProcessorDto } from './sub-processor.dto.js';

export interface UnregisteredValue {
  value: string;
  usedBy: { kind: 'region' | 'outage'; id: string }[];
  remedy: string;
}

const distinct = (values: string[]) => [...new Set(values)];

/**
 * The register's commands and the lookups the rest of the API makes in it: which entry a free-text
 * provider names, which values name none. Entries are few (tens): they are read whole.
 */
@Injectable()
export class SubProcessorRegister {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async entries(): Promise<SubProcessor[]> {
    return (await this.readSide.entities()).all<SubProcessor>('subProcessor');
  }

  async get(id: string): Promise<SubProcessor> {
    const entry = await (await this.readSide.entities()).get<SubProcessor>('subProcessor', id);
    if (!entry) throw new DomainError('not-found', `sub-processor ${id} is not registered; GET /sub-processors lists the register`);
    return entry;
  }

  /** The warnings a free-text value earns: none when it names a registered entry (or is absent). */
  async warningsFor(value: string | null | undefined): Promise<string[]> {
    if (value === null || value === undefined) return [];
    return resolveSubProcessor(await this.entries(), value) ? [] : [unregisteredWarning(value)];
  }

  /** Regions' providers and outages' sub-processors that name no registered entry, for an admin to link. */
  async unregistered(entries?: SubProcessor[]): Promise<UnregisteredValue[]> {
    const register = entries ?? (await this.entries());
    const entities = await this.readSide.entities();
    const byValue = new Map<string, UnregisteredValue>();
    const note = (value: string | null, kind: 'region' | 'outage', id: string) => {
      if (value === null || resolveSubProcessor(register, value)) return;
      const entry = byValue.get(value) ?? { value, usedBy: [], remedy: `register it with POST /sub-processors, with a legalName or aliases naming "${value}", and it links` };
      entry.usedBy.push({ kind, id });
      byValue.set(value, entry);
    };
    for (const region of await entities.all<Region>('region')) note(region.provider, 'region', region.id);
    for (const outage of await entities.all<Outage>('outage')) note(outage.subProcessor, 'outage', outage.id);
    return [...byValue.values()].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  async register(body: RegisterSubProcessorDto, meta: RequestMeta, now = new Date().toISOString()): Promise<CommandAnswer<SubProcessor>> {
    const fields: SubProcessorFields = {
      legalName: body.legalName.trim(),
      type: body.type,
      purpose: body.purpose,
      location: body.location,
      platform: body.platform ?? false,
      regions: distinct(body.regions ?? []),
      dataCategories: distinct(body.dataCategories ?? []),
      aliases: distinct(body.aliases ?? []),
    };
    await this.checkReferences(body.id, fields);
    const effectiveAt = toUtc(body.effectiveAt ?? now);
    return this.run({ type: 'RegisterSubProcessor', subProcessorId: body.id, effectiveAt, reason: body.reason ?? null, fields }, meta);
  }

  async change(id: string, body: ChangeSubProcessorDto, meta: RequestMeta): Promise<CommandAnswer<SubProcessor>> {
    const { effectiveAt, reason, ...rest } = body;
    const changes: Partial<SubProcessorFields> = { ...rest };
    if (changes.legalName !== undefined) changes.legalName = changes.legalName.trim();
    for (const list of ['regions', 'dataCategories', 'aliases'] as const) if (changes[list]) changes[list] = distinct(changes[list]);
    await this.checkReferences(id, changes);
    // R15: the decider picks, among every customer, those whose data the change touches, and plans their notices.
    const notice = { objectionDays: this.config.subProcessorObjectionDays, candidates: await (await this.readSide.entities()).all<Customer>('customer'), mailDomain: this.config.mail.domain };
    return this.run({ type: 'ChangeSubProcessor', subProcessorId: id, effectiveAt: toUtc(effectiveAt), reason, changes, notice }, meta);
  }

  async retire(id: string, body: RetireSubProcessorDto, meta: RequestMeta): Promise<CommandAnswer<SubProcessor>> {
    return this.run({ type: 'RetireSubProcessor', subProcessorId: id, effectiveAt: toUtc(body.effectiveAt), reason: body.reason }, meta);
  }

  private async run(command: SubProcessorCommand, meta: RequestMeta): Promise<CommandAnswer<SubProcessor>> {
    const outcome = await this.runner.run(streams.subProcessor(command.subProcessorId), subProcessorDecider, command, meta);
    return { view: outcome.state!, position: outcome.position };
  }

  /** Regions must be registered; a name (legal name or alias) names one entry only, or links would be ambiguous. */
  private async checkReferences(id: string, fields: Partial<SubProcessorFields>): Promise<void> {
    if (fields.regions && fields.regions.length > 0) await requireKnownReferences(this.readSide, { regions: fields.regions });
    const names = [fields.legalName, ...(fields.aliases ?? [])].filter((n): n is string => n !== undefined);
    if (names.length === 0) return;
    const others = (await this.entries()).filter((e) => e.id !== id && !e.retiredAt);
    for (const name of names) {
      const clash = resolveSubProcessor(others, name);
      if (clash) {
        throw new ConflictException({ problem: 'already-exists', detail: `sub-processor ${clash.id} (${clash.legalName}) already goes by "${name}": a name links to one entry only; change that entry or choose another name` });
      }
    }
  }
}

/**
 * The entries in effect at `asOf`, each as it then stood: the fields of its version then, and the
 * versions that had taken effect by then.
 */
export function inEffect(entries: SubProcessor[], asOf: string): SubProcessor[] {
  const at = toUtc(asOf);
  return entries.flatMap((entry) => {
    const version = subProcessorAt(entry, at);
    if (!version) return [];
    const history = entry.history.filter((v) => Date.parse(v.effectiveAt) <= Date.parse(at));
    return [{ ...version, retiredAt: null, history, ...(entry.notices && { notices: entry.notices.filter((n) => n.version < history.length) }) }];
  });
}
