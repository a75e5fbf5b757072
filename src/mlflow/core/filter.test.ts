import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidRequest } from '../../errors.ts';
import { parseFilter } from './filter.ts';

describe('MLflow filter strings', () => {
  it('reads the prompt filter the client appends to every registered-model search', () => {
    assert.deepEqual(parseFilter("name LIKE 'bulk-%' AND tag.`mlflow.prompt.is_prompt` != 'true'"), [
      { entity: 'attribute', key: 'name', op: 'LIKE', value: 'bulk-%' },
      { entity: 'tag', key: 'mlflow.prompt.is_prompt', op: '!=', value: 'true' },
    ]);
  });

  it('splits tag keys at the first dot and reads double quotes, numbers and lower-case keywords', () => {
    assert.deepEqual(parseFilter('tags.a.b = "x y" and version_number >= 2 and name ilike \'%M%\''), [
      { entity: 'tag', key: 'a.b', op: '=', value: 'x y' },
      { entity: 'attribute', key: 'version_number', op: '>=', value: 2 },
      { entity: 'attribute', key: 'name', op: 'ILIKE', value: '%M%' },
    ]);
  });

  it('reads an escaped quote inside a value and an empty filter', () => {
    assert.deepEqual(parseFilter("name = 'it''s'"), [
      { entity: 'attribute', key: 'name', op: '=', value: "it's" },
    ]);
    assert.deepEqual(parseFilter(''), []);
    assert.deepEqual(parseFilter(undefined), []);
  });

  it('refuses OR, IN, unquoted values, unknown prefixes and unterminated strings', () => {
    for (const filter of [
      "name = 'a' OR name = 'b'",
      "name IN ('a', 'b')",
      'name = probe-m',
      "metric.x = '1'",
      "name = 'open",
      "name 'a'",
      'name =',
      "(name = 'a')",
    ]) {
      assert.throws(() => parseFilter(filter), InvalidRequest, filter);
    }
  });
});
