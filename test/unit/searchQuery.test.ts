import { describe, expect, it } from 'vitest';

import { toLuceneQuery } from '../../src/domains/entity/searchQuery.js';

describe('turning typed text into a full-text query', () => {
  it('ANDs the words', () => {
    expect(toLuceneQuery('université  montpellier')).toBe('université AND montpellier');
  });

  it('escapes every Lucene operator so input stays data', () => {
    expect(toLuceneQuery('a:b (c) "d" ~e^2 f/g')).toBe('a\\:b AND \\(c\\) AND \\"d\\" AND \\~e\\^2 AND f\\/g');
    expect(toLuceneQuery('AND OR NOT')).toBe('and AND or AND not');
  });

  it('keeps a trailing star as a prefix search, and only there', () => {
    expect(toLuceneQuery('montp*')).toBe('montp*');
    expect(toLuceneQuery('*')).toBeNull();
    expect(toLuceneQuery('a*b')).toBe('a\\*b');
  });

  it('gives null when nothing searchable is left', () => {
    expect(toLuceneQuery('   ')).toBeNull();
    expect(toLuceneQuery('!!! ??')).toBeNull();
  });

  it('refuses very long text with BAD_USER_INPUT', () => {
    expect(() => toLuceneQuery('x'.repeat(201))).toThrowError(/at most 200 characters/);
  });
});
