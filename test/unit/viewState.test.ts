import { describe, expect, it } from 'vitest';

import { exportUrl, readViewState, writeViewState } from '../../web/explorer/viewState.js';

describe('the explorer state in the URL', () => {
  it('survives a round trip through the URL', () => {
    const search = '?lang=fr&view=ego&center=inria&depth=2&kinds=ORGANIZATION%2CPROJECT&theme=health&asOf=2025-01-01&datedOnly=true&node=inria&from=a&to=b&colour=community&members=inria,cnrs&partners=industry';
    const state = readViewState(search);
    expect(state).toMatchObject({ lang: 'fr', view: 'ego', center: 'inria', depth: 2, kinds: ['ORGANIZATION', 'PROJECT'], theme: 'health', datedOnly: true, colour: 'community', partners: 'industry' });
    expect(readViewState(writeViewState(state))).toEqual(state);
  });

  it('falls back to defaults on values it does not know', () => {
    const state = readViewState('?view=ego&depth=9&limit=-3&kinds=SPACESHIP,PERSON&asOf=yesterday&colour=rainbow&partners=pirates');
    expect(state).toMatchObject({ view: 'map', depth: 1, limit: 500, kinds: ['PERSON'], asOf: '', datedOnly: false, colour: 'kind', partners: 'any' });
    expect(writeViewState(readViewState(''))).toBe('');
  });

  it('exports what is shown, with the same filters', () => {
    expect(exportUrl(readViewState('?kinds=ORGANIZATION&label=turing-award&limit=200'), 'gexf')).toBe('/export/map?format=gexf&entityTypes=ORGANIZATION&labels=turing-award&limit=200');
    expect(exportUrl(readViewState('?view=ego&center=inria&depth=3'), 'graphml')).toBe('/export/ego?format=graphml&center=inria&depth=3&limit=500');
    expect(exportUrl(readViewState('?network=partnerships&asOf=2024-01-01&datedOnly=true&limit=50'), 'gexf')).toBe('/export/partnerships?format=gexf&datedOnly=true&asOf=2024-01-01&limit=50');
  });
});
