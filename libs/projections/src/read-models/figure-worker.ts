/**
 * The worker thread's side of `FigureWorkers`: a chunk of customers in, the columns of their stored
 * figures out. One month's computation sends its input once as JSON with every chunk, by key; the
 * calculator is made at its first chunk and kept for the next ones, so that chunks share the
 * month's groups exactly as they do on the main thread.
 */
import type { Customer } from '#domain';
import { storedFigureCalculator, type StoredFigure } from './availability-figures.js';
import { figureColumnsOf, type FigureColumns, type FigureInput } from './figure-columns.js';

export interface FigureTask {
  /** One computation of a month: chunks with the same key share its calculator. */
  key: string;
  /** The FigureInput, as JSON. */
  input: string;
  customers: Customer[];
}

let current: { key: string; input: FigureInput; figureOf: (customer: Customer) => StoredFigure } | null = null;

export default function computeFigureColumns(task: FigureTask): FigureColumns {
  if (current?.key !== task.key) {
    const input = JSON.parse(task.input) as FigureInput;
    current = { key: task.key, input, figureOf: storedFigureCalculator(input) };
  }
  return figureColumnsOf(current.input, task.customers, task.customers.map(current.figureOf));
}
