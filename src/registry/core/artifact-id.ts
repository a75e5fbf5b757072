/**
 * Ids generated for artifacts the client did not name: from the title.
 */

const MAX_ID_LENGTH = 128;

/** A slug of a title that matches the id pattern (`artifact` when nothing usable is left). */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._:-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, MAX_ID_LENGTH - 8);
  return slug || 'artifact';
}

/** `base`, or `base-2`, `base-3`, … — the first one not in `taken`. */
export function firstFreeId(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The id pattern: artifact ids, agent ids and lineage names (`model_name`). */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$';

/** Whether `text` is a valid id (and so a valid `model_name`). */
export function isValidId(text: string): boolean {
  return new RegExp(ID_PATTERN).test(text);
}
