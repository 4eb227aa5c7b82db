import { customerFacts, monthRegions, type CalendarConfig, type Customer } from '#domain';
import { mapInTurns, monthBounds, storedFigureCalculator, type MonthFacts, type StoredFigure } from './availability-figures.js';
import { growthColumns, outageSetsOf } from './availability-month-rows.js';

/** What a month's figures are computed from: one calculator serves every chunk of one computation. */
export interface FigureInput {
  month: string;
  facts: MonthFacts;
  /** Epoch seconds: open incidents count up to here. */
  now: number;
  calendar: CalendarConfig;
}

/**
 * A chunk of stored figures as the statement that writes them takes them: one array per column, in
 * the customers' order, and the outage lists the chunk names (comma-joined, by key). Plain arrays of
 * scalars, so that they pass between threads cheaply.
 */
export interface FigureColumns {
  customerIds: string[];
  planIds: string[];
  /** Each customer's regions in the month, comma-joined (ids never hold a comma). */
  regions: string[];
  coverage: number[];
  downtime: number[];
  scheduled: number[];
  emergency: number[];
  causes: number[];
  rates: (string | null)[];
  targets: string[];
  belowTarget: boolean[];
  ongoing: boolean[];
  outageSets: string[];
  growsFrom: (number | null)[];
  growsUntil: (number | null)[];
  growth: (number | null)[];
  /** The outage lists the chunk's figures name: key, then the ids comma-joined. */
  storedSets: [string, string][];
}

/** The columns of these customers' figures (figures in the customers' order). */
export function figureColumnsOf(input: Pick<FigureInput, 'month' | 'calendar'>, customers: readonly Customer[], figures: StoredFigure[]): FigureColumns {
  const bounds = monthBounds(input.month, input.calendar);
  const sets = outageSetsOf(figures);
  const growth = growthColumns(figures, bounds.start);
  return {
    customerIds: figures.map((f) => f.report.customerId),
    planIds: figures.map((f) => f.planId),
    regions: customers.map((customer) => monthRegions(customerFacts(customer), bounds).join(',')),
    coverage: figures.map((f) => f.report.coveragePeriodSeconds),
    downtime: figures.map((f) => f.report.downtimeSeconds),
    scheduled: figures.map((f) => f.report.excludedSeconds.scheduledMaintenance),
    emergency: figures.map((f) => f.report.excludedSeconds.emergencyMaintenance),
    causes: figures.map((f) => f.report.excludedSeconds.exclusions),
    rates: figures.map((f) => f.report.availabilityRate),
    targets: figures.map((f) => f.report.target),
    belowTarget: figures.map((f) => f.report.belowTarget),
    ongoing: figures.map((f) => f.report.ongoing),
    outageSets: sets.keys,
    growsFrom: growth.from,
    growsUntil: growth.until,
    growth: growth.rates,
    storedSets: [...sets.stored],
  };
}

/** Computes one month's figures chunk after chunk; chunks share the month's groups as one batch would. */
export type FigureChunks = (customers: Customer[]) => Promise<FigureColumns>;

/** Where a month's figures are computed: on this thread, in turns, or on a worker thread. */
export interface FigureCompute {
  /** Starts one computation of a month: the function computes its chunks, in order. */
  begin(input: FigureInput): FigureChunks;
  /** Said in the log at start: where figures are computed. */
  readonly where: string;
}

/** On this thread, giving the event loop a turn about every 10 ms. */
export const computeOnThisThread: FigureCompute = {
  where: 'on the main thread, in turns',
  begin(input) {
    const figureOf = storedFigureCalculator(input);
    return async (customers) => figureColumnsOf(input, customers, await mapInTurns(customers, figureOf));
  },
};
