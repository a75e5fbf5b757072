import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterShape } from '../../../test/support/filter-shape.ts';
import { InvalidFilter } from '../../errors.ts';
import { MAX_COMPARISONS, parseFilter } from './filter-parser.ts';

const parsed = (text: string, dialect?: 'native' | 'mlflow') => filterShape(parseFilter(text, dialect)?.expr);

/** The `details` of the invalid_filter a text gets. */
function problemOf(text: string, dialect?: 'native' | 'mlflow') {
  try {
    parseFilter(text, dialect);
  } catch (error) {
    assert.ok(error instanceof InvalidFilter, String(error));
    return error.details;
  }
  assert.fail(`parsed: ${text}`);
}

describe('the filter parser', () => {
  it('binds AND tighter than OR, and NOT tighter than both', () => {
    assert.deepEqual(parsed("a = 1 OR b = 'x' AND NOT c > 2"), {
      or: [['a', '=', 1], { and: [['b', '=', 'x'], { not: ['c', '>', 2] }] }],
    });
    assert.deepEqual(parsed('(a = 1 or b = 2) and c <= 3'), {
      and: [
        {
          or: [
            ['a', '=', 1],
            ['b', '=', 2],
          ],
        },
        ['c', '<=', 3],
      ],
    });
  });

  it('reads every operator, keywords in any case, <> as !=', () => {
    assert.deepEqual(
      parsed(
        "a != 1 and b <> 2 and c < 3 and d >= 4 and e like 'x%' and f ILike 'Y' and g in ('p', 'q') and h not in (1) and i is null and j IS NOT null",
      ),
      {
        and: [
          ['a', '!=', 1],
          ['b', '!=', 2],
          ['c', '<', 3],
          ['d', '>=', 4],
          ['e', 'LIKE', 'x%'],
          ['f', 'ILIKE', 'Y'],
          ['g', 'IN', ['p', 'q']],
          ['h', 'NOT IN', [1]],
          ['i', 'IS NULL'],
          ['j', 'IS NOT NULL'],
        ],
      },
    );
  });

  it('reads keys after the first dot, backquoted keys, and true and false', () => {
    assert.deepEqual(parsed('tags.team:ml/x-1.b = true'), ['tags.team:ml/x-1.b', '=', true]);
    assert.deepEqual(parsed('metrics.`val loss`<0.5'), ['metrics.val loss', '<', 0.5]);
    assert.deepEqual(parsed('review_flag = FALSE'), ['review_flag', '=', false]);
  });

  it("reads '' as a quote and keeps backslashes, percent signs and any character as written", () => {
    assert.deepEqual(parsed("title = 'it''s 100% a\\b_c ☃ 🧠'"), ['title', '=', "it's 100% a\\b_c ☃ 🧠"]);
    assert.deepEqual(parsed("title = ''"), ['title', '=', '']);
  });

  it('reads negative numbers and exponents', () => {
    assert.deepEqual(parsed('x > -1.5e3 and y = 0'), {
      and: [
        ['x', '>', -1500],
        ['y', '=', 0],
      ],
    });
  });

  it('reads nothing from an empty or blank filter', () => {
    assert.equal(parseFilter(''), undefined);
    assert.equal(parseFilter('  \n'), undefined);
    assert.equal(parseFilter(undefined), undefined);
  });

  it("reads MLflow's spellings in its dialect: double quotes, backslash escapes, backquoted names", () => {
    assert.deepEqual(parsed('name = "a\\"b" AND tag.`mlflow.prompt.is_prompt` != \'true\'', 'mlflow'), {
      and: [
        ['name', '=', 'a"b'],
        ['tag.mlflow.prompt.is_prompt', '!=', 'true'],
      ],
    });
    assert.deepEqual(parsed("`name` = 'x'", 'mlflow'), ['name', '=', 'x']);
    assert.deepEqual(problemOf('name = "x"'), { position: 7, expected: ['string', 'number'] });
  });

  for (const [text, position, expected] of [
    ["status = 'a' AND", 16, ['field', 'NOT', '(']],
    [
      "status 'a'",
      7,
      ['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE', 'IN', 'NOT IN', 'IS NULL', 'IS NOT NULL'],
    ],
    ['status =', 8, ['string', 'number']],
    ["(status = 'a'", 13, ['AND', 'OR', ')']],
    ["status = 'a')", 12, ['AND', 'OR', 'end of filter']],
    ["status = 'a' XOR b = 1", 13, ['AND', 'OR', 'end of filter']],
    ["status in ('a' 'b')", 15, [',', ')']],
    ["status in 'a'", 10, ['(']],
    ['status in ()', 11, ['string', 'number']],
    ["status not like 'a'", 11, ['IN']],
    ['status is nothing', 10, ['NULL', 'NOT NULL']],
    ['status is not 1', 14, ['NULL']],
    ["title = 'open", 13, ["'"]],
    ['x = 1e999', 4, ['a finite number']],
    ['and = 1', 0, ['field', 'NOT', '(']],
    ["title = 'a\u0000b'", 10, ['a character other than NUL']],
    ["title = '🧠🧠' and ? = 1", 17, ['field', 'NOT', '(']],
  ] as const) {
    it(`points at position ${position} of ${JSON.stringify(text)} with what would fit`, () => {
      assert.deepEqual(problemOf(text), { position, expected });
    });
  }

  it('refuses more than 1,000 characters at the 1,001st, counting characters, not UTF-16 units', () => {
    const fits = `title = '${'🧠'.repeat(990)}'`;
    assert.equal(fits.length > 1000, true);
    assert.ok(parseFilter(fits));
    assert.deepEqual(problemOf(`title = '${'🧠'.repeat(991)}'`), {
      position: 1000,
      expected: ['at most 1000 characters'],
    });
  });

  it(`refuses more than ${MAX_COMPARISONS} comparisons at the first one too many`, () => {
    const comparisons = (n: number) => Array.from({ length: n }, (_, i) => `x${i} = ${i}`).join(' or ');
    assert.ok(parseFilter(comparisons(MAX_COMPARISONS)));
    const text = comparisons(MAX_COMPARISONS + 1);
    assert.deepEqual(problemOf(text), {
      position: text.lastIndexOf('x50'),
      expected: ['at most 50 comparisons'],
    });
  });

  it('says what it found and where in the message', () => {
    assert.throws(
      () => parseFilter("status = 'a' XOR b = 1"),
      /^InvalidFilter: filter: unexpected 'XOR' at position 13; expected AND or OR or end of filter$/,
    );
  });
});
