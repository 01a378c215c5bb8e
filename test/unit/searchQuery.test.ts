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

  it("with themes, lets a theme's English or French name find the entities it tags, and changes nothing else", () => {
    expect(toLuceneQuery('santé', { themes: true })).toBe('(santé OR "health")');
    expect(toLuceneQuery('Sante', { themes: true })).toBe('(Sante OR "health")');
    expect(toLuceneQuery('informatique', { themes: true })).toBe('(informatique OR "erc-pe6")');
    expect(toLuceneQuery('calcul haute performance', { themes: true })).toBe('((calcul AND haute AND performance) OR "hpc")');
    expect(toLuceneQuery('intelligence artificielle santé', { themes: true })).toBe('intelligence AND artificielle AND (santé OR "health")');
    // A tag typed as it is stored is found by the index already; a prefix is not a name.
    expect(toLuceneQuery('health', { themes: true })).toBe('health');
    expect(toLuceneQuery('sant*', { themes: true })).toBe('sant*');
    expect(toLuceneQuery('santé')).toBe('santé');
  });
});
