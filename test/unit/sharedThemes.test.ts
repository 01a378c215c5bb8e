import { describe, expect, it } from 'vitest';

import { sharedThemes } from '../../web/explorer/api.js';

describe("a consortium's themes, when none is picked", () => {
  it('are those at least half of the members, and at least two, work on, most shared first', () => {
    const hospital = { themes: ['health'] };
    const university = { themes: ['research', 'education', 'health', 'environment'] };
    const institute = { themes: ['research', 'digital'] };
    expect(sharedThemes([hospital, university, institute])).toEqual(['health', 'research']);
    expect(sharedThemes([hospital, university, institute, { themes: ['health', 'digital'] }])).toEqual(['health', 'digital', 'research']);
  });

  it('are none when the members share nothing, or for a single member', () => {
    expect(sharedThemes([{ themes: ['health'] }, { themes: ['digital'] }])).toEqual([]);
    expect(sharedThemes([{ themes: ['health', 'health'] }])).toEqual([]);
  });
});
