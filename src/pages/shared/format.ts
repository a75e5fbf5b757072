/**
 * Small text formats shared by the views: numbers, parameter counts, dates, JSON leaves. Pure.
 */

/** A metric or score with at most four significant digits. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** A parameter count as `1.2M`, `35k` or the plain number. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(value) >= size) return `${Number((value / size).toPrecision(3))}${unit}`;
  }
  return String(value);
}

/** The date part of an ISO timestamp (`2026-04-05`). */
export function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

/** A flattened configuration value as text: strings as-is, everything else as JSON. */
export function formatLeaf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Micro-credits as credits with two decimals (`12.35`); the exact amount stays in the JSON. */
export function formatCredits(micro: number): string {
  return (micro / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A Biolink predicate in words (`biolink:negatively_correlated_with` → `negatively correlated with`). */
export function formatPredicate(predicate: string): string {
  return predicate.replace(/^biolink:/, '').replaceAll('_', ' ');
}
