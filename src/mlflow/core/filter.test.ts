import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterShape } from '../../../test/support/filter-shape.ts';
import { InvalidFilter } from '../../errors.ts';
import { parseMlflowFilter } from './filter.ts';

const parsed = (text: string | undefined) => filterShape(parseMlflowFilter(text)?.expr);

describe('MLflow filter strings', () => {
  it('reads the prompt filter the client appends to every registered-model search', () => {
    assert.deepEqual(parsed("name LIKE 'bulk-%' AND tag.`mlflow.prompt.is_prompt` != 'true'"), {
      and: [
        ['name', 'LIKE', 'bulk-%'],
        ['tags.mlflow.prompt.is_prompt', '!=', 'true'],
      ],
    });
  });

  it('splits tag keys at the first dot and reads double quotes, numbers and lower-case keywords', () => {
    assert.deepEqual(parsed('tags.a.b = "x y" and version_number >= 2 and attribute.name ilike \'%M%\''), {
      and: [
        ['tags.a.b', '=', 'x y'],
        ['version_number', '>=', 2],
        ['name', 'ILIKE', '%M%'],
      ],
    });
  });

  it('reads a quoted version number as a number, an escaped quote inside a value, and an empty filter', () => {
    assert.deepEqual(parsed("version_number = '3' and name = 'it''s'"), {
      and: [
        ['version_number', '=', 3],
        ['name', '=', "it's"],
      ],
    });
    assert.equal(parsed(''), undefined);
    assert.equal(parsed(undefined), undefined);
  });

  it("reads OR, NOT, parentheses and IN beyond MLflow's AND", () => {
    assert.deepEqual(parsed("(name = 'a' OR name = 'b') AND NOT tags.stage IN ('x', \"y\")"), {
      and: [
        {
          or: [
            ['name', '=', 'a'],
            ['name', '=', 'b'],
          ],
        },
        { not: ['tags.stage', 'IN', ['x', 'y']] },
      ],
    });
  });

  it('refuses unquoted values, unterminated strings and missing operators or values', () => {
    for (const filter of [
      "name = 'a' OR",
      'name = probe-m',
      "name = 'open",
      "name 'a'",
      'name =',
      "(name = 'a'",
    ]) {
      assert.throws(() => parseMlflowFilter(filter), InvalidFilter, filter);
    }
  });
});
