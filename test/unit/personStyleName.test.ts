import { describe, expect, it } from 'vitest';

import { personStyleName } from '../../src/ingest/personStyleName.js';

describe('names as a person writes them', () => {
  it('writes upper-case legal names with capitals, small words, acronyms, numerals and accents where a person puts them', () => {
    expect(personStyleName('UNIVERSITE PAUL VALERY MONTPELLIER III')).toBe('Université Paul Valéry Montpellier III');
    expect(personStyleName('CENTRE DE COOPERATION INTERNATIONALE EN RECHERCHE AGRONOMIQUE POUR LE DEVELOPPEMENT - C.I.R.A.D. EPIC')).toBe(
      'Centre de Coopération Internationale en Recherche Agronomique pour le Développement - C.I.R.A.D. EPIC',
    );
    expect(personStyleName("INSTITUT NATIONAL DE RECHERCHE POUR L'AGRICULTURE, L'ALIMENTATION ET L'ENVIRONNEMENT")).toBe(
      "Institut National de Recherche pour l'Agriculture, l'Alimentation et l'Environnement",
    );
    expect(personStyleName("L'INSTITUT AGRO")).toBe("L'Institut Agro");
    expect(personStyleName('CENTRE HOSPITALIER UNIVERSITAIRE DE NIMES')).toBe('Centre Hospitalier Universitaire de Nîmes');
    expect(personStyleName('NUMALIS SAS')).toBe('Numalis SAS');
  });

  it('leaves a name that has lower-case letters, or one upper-case word, as written', () => {
    expect(personStyleName('Université de Montpellier')).toBe('Université de Montpellier');
    expect(personStyleName('iMAGINE Lab')).toBe('iMAGINE Lab');
    expect(personStyleName('CNRS')).toBe('CNRS');
  });
});

describe('places as a person writes them', () => {
  it('writes a city in capitals with its capital, accents and small words', () => {
    expect(personStyleName('MONTPELLIER', true)).toBe('Montpellier');
    expect(personStyleName('SAINT-JEAN-DE-VEDAS', true)).toBe('Saint-Jean-de-Vedas');
    expect(personStyleName('NIMES', true)).toBe('Nîmes');
  });
});
