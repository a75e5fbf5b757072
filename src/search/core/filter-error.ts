/**
 * The one error of the search language: 400 `invalid_filter` with `details: {position, expected}`.
 * Positions count characters (code points) from 0, as a Python or JavaScript user would index the
 * filter they sent after spreading it into characters; the stages work in UTF-16 offsets and
 * convert here. Pure.
 */
import { InvalidFilter } from '../../errors.ts';

/** The code-point position of the UTF-16 offset `index` in `text`. */
export function codePointPosition(text: string, index: number): number {
  let position = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) i++;
    position++;
  }
  return position;
}

/**
 * `invalid_filter` at the UTF-16 offset `index` of `text`: what would have fitted there and, in the
 * message, what went wrong.
 */
export function filterError(text: string, index: number, expected: string[], problem: string): InvalidFilter {
  const position = codePointPosition(text, index);
  return new InvalidFilter(`filter: ${problem} at position ${position}; expected ${expected.join(' or ')}`, {
    position,
    expected,
  });
}
