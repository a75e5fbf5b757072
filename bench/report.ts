/**
 * The benchmark report: one Markdown table per workload, printed as it is measured and collected
 * so the run can end with the whole report (the text `docs/benchmarks.md` quotes).
 */
import type { Timing } from './stats.ts';

/** A table: a title, column names, rows of cells, and notes printed under it. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

/** A number of milliseconds for a table cell. */
export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** A ratio for a table cell (`1.23×`). */
export function ratio(numerator: number, denominator: number): string {
  return `${(numerator / denominator).toFixed(2)}×`;
}

/** A whole number with thousands separators. */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** The timing columns of an API-versus-raw row. */
export const VERSUS_RAW_COLUMNS = [
  'API p50 ms',
  'API p99 ms',
  'raw p50 ms',
  'raw p99 ms',
  'p50 ratio',
  'p99 ratio',
];

/** The cells under `VERSUS_RAW_COLUMNS` for two timings. */
export function versusRaw(api: Timing, raw: Timing): string[] {
  return [
    ms(api.p50),
    ms(api.p99),
    ms(raw.p50),
    ms(raw.p99),
    ratio(api.p50, raw.p50),
    ratio(api.p99, raw.p99),
  ];
}

/** The Markdown text of a table. */
export function formatTable(table: Table): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [
    `### ${table.title}`,
    '',
    line(table.columns),
    line(table.columns.map(() => '---')),
    ...table.rows.map(line),
    ...(table.notes?.length ? ['', ...table.notes] : []),
    '',
  ].join('\n');
}

/** Collects tables, printing each to stdout as it arrives. */
export class Report {
  readonly tables: Table[] = [];

  add(table: Table): void {
    this.tables.push(table);
    console.log(`\n${formatTable(table)}`);
  }

  toMarkdown(): string {
    return this.tables.map(formatTable).join('\n');
  }
}
