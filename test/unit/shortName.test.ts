import { describe, expect, it } from 'vitest';

import { cutAtWord, shortName } from '../../src/domains/entity/shortName.js';

describe("an entity's short name for labels", () => {
  const hospital = {
    name: 'Montpellier University Hospital Center',
    nameFr: 'CHU de Montpellier',
    nameEn: 'Montpellier University Hospital Center',
    aliasesFr: ['CHU de Montpellier', 'CHU', 'Centre hospitalier universitaire de Montpellier'],
    aliasesEn: ['Montpellier CHU', 'Montpellier Research Hospital', 'Montpellier University Hospital'],
  };

  it('keeps a name that fits, in the language asked', () => {
    expect(shortName(hospital, 'FR', 32)).toBe('CHU de Montpellier');
    expect(shortName({ name: 'Inria' }, 'EN', 32)).toBe('Inria');
  });

  it('takes the longest alias that fits rather than cutting the name into another entity’s', () => {
    expect(cutAtWord(hospital.name, 32)).toBe('Montpellier University…');
    expect(shortName(hospital, 'EN', 32)).toBe('Montpellier University Hospital');
    expect(shortName(hospital, 'EN', 20)).toBe('Montpellier CHU');
  });

  it('cuts the name at a word when no name or alias of some length fits (an abbreviation alone says too little)', () => {
    const entity = { name: 'Collective commitment to train pupils and teachers in AI', aliasesEn: ['CCT'] };
    expect(shortName(entity, 'EN', 32)).toBe('Collective commitment to train…');
  });
});
