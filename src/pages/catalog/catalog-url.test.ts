import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CatalogQuery, catalogUrl, pageLinks } from './catalog-url.ts';

const query = (overrides: Partial<CatalogQuery> = {}): CatalogQuery => ({
  all_versions: false,
  sort: 'created_at',
  order: 'desc',
  limit: 20,
  ...overrides,
});

describe('catalog URLs', () => {
  it('writes every set filter, the sort and the page size, and leaves out unset ones', () => {
    assert.equal(
      catalogUrl(query({ family: 'statistical', q: 'a b&c', all_versions: true, sort: 'quality_score' }), {
        offset: 40,
      }),
      '/models?q=a+b%26c&family=statistical&all_versions=true&sort=quality_score&order=desc&limit=20&offset=40',
    );
    assert.equal(catalogUrl(query()), '/models?sort=created_at&order=desc&limit=20');
  });

  it('links to the previous and next offset pages, keeping the filters', () => {
    const links = pageLinks(query({ status: 'promoted', limit: 10, offset: 10 }), {
      total: 35,
      offset: 10,
      next_cursor: 'c',
      shown: 10,
    });
    assert.equal(links.previous, '/models?status=promoted&sort=created_at&order=desc&limit=10');
    assert.equal(links.next, '/models?status=promoted&sort=created_at&order=desc&limit=10&offset=20');
  });

  it('has no previous link on the first page and no next link on the last one', () => {
    assert.deepEqual(pageLinks(query(), { total: 3, offset: 0, next_cursor: null, shown: 3 }), {
      previous: undefined,
      next: undefined,
    });
  });

  it('follows the cursor when the page was reached by cursor', () => {
    const links = pageLinks(query({ cursor: 'abc' }), {
      total: 50,
      offset: 0,
      next_cursor: 'def',
      shown: 20,
    });
    assert.equal(links.next, '/models?sort=created_at&order=desc&limit=20&cursor=def');
    assert.equal(links.first, '/models?sort=created_at&order=desc&limit=20');
  });
});
