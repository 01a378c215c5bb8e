import { describe, expect, it } from 'vitest';

import { normalizeName } from '../../src/ingest/resolution/normalizeName.js';
import { createResolver, type KnownOrganization } from '../../src/ingest/resolution/resolveOrganizations.js';

const known: KnownOrganization[] = [
  { id: 'university-of-montpellier', name: 'University of Montpellier', names: ['University of Montpellier', 'Université de Montpellier', 'UM'], identifiers: {}, city: 'Montpellier' },
  { id: 'chu-montpellier', name: 'Montpellier University Hospital Center', names: ['Montpellier University Hospital Center', 'Centre hospitalier universitaire de Montpellier', 'CHU'], identifiers: {}, city: 'Montpellier' },
  { id: 'numalis', name: 'Numalis', names: ['Numalis'], identifiers: {}, city: 'Montpellier' },
  { id: 'inria', name: 'Inria', names: ['Inria', 'INRIA'], identifiers: {} },
  { id: 'cirad', name: 'CIRAD', names: ['CIRAD', 'Centre de coopération internationale en recherche agronomique pour le développement'], identifiers: {}, city: 'Montpellier' },
  { id: 'known-pic', name: 'Some Lab', names: ['Some Lab'], identifiers: { cordisId: '999123456', vat: 'FR12345678901' } },
];
const resolve = createResolver(known);

describe('normalised names', () => {
  it('ignore case, accents, punctuation, bracketed acronyms and trailing legal forms', () => {
    expect(normalizeName('UNIVERSITE DE MONTPELLIER')).toBe(normalizeName('Université de Montpellier (UM)'));
    expect(normalizeName('NUMALIS SAS')).toBe('numalis');
    expect(normalizeName('SA')).toBe('sa');
  });

  it('write a dotted acronym as one word and drop a trailing acronym after a dash', () => {
    expect(normalizeName('C.I.R.A.D.')).toBe('cirad');
    expect(normalizeName('CENTRE DE COOPERATION INTERNATIONALE EN RECHERCHE AGRONOMIQUE POUR LE DEVELOPPEMENT - C.I.R.A.D. EPIC')).toBe(
      normalizeName('Centre de coopération internationale en recherche agronomique pour le développement'),
    );
    expect(normalizeName('INSTITUT DE RECHERCHE POUR LE DEVELOPPEMENT - IRD')).toBe(normalizeName('Institut de recherche pour le développement'));
    // A place after the dash is part of the name: two sites of one body stay two names.
    expect(normalizeName('BRGM Occitanie - Montpellier')).not.toBe(normalizeName('BRGM Occitanie - Toulouse'));
  });
});

describe('resolving an incoming organisation', () => {
  it('matches surely by a known identifier, then by the same normalised name in the same city', () => {
    expect(resolve({ recordId: '999123456', name: 'ANYTHING', identifiers: { cordisId: '999123456' } })).toMatchObject({ kind: 'matched', entityId: 'known-pic', how: 'identifier' });
    expect(resolve({ recordId: '1', name: 'X', identifiers: { vat: 'FR12345678901' } })).toMatchObject({ kind: 'matched', entityId: 'known-pic', how: 'identifier' });
    expect(resolve({ recordId: '2', name: 'UNIVERSITE DE MONTPELLIER', identifiers: {}, city: 'MONTPELLIER' })).toMatchObject({ kind: 'matched', entityId: 'university-of-montpellier', how: 'name' });
    expect(resolve({ recordId: '3', name: 'NUMALIS SAS', identifiers: {}, city: 'MONTPELLIER' })).toMatchObject({ kind: 'matched', entityId: 'numalis' });
  });

  it('never merges near-names of other bodies: another university of the city, the hospital of another city', () => {
    expect(resolve({ recordId: '4', name: 'UNIVERSITE PAUL VALERY MONTPELLIER III', identifiers: {}, city: 'MONTPELLIER' })).toEqual({ kind: 'create' });
    expect(resolve({ recordId: '5', name: 'CENTRE HOSPITALIER UNIVERSITAIRE DE NIMES', identifiers: {}, city: 'NIMES' })).toEqual({ kind: 'create' });
  });

  it('matches a full name in another city (national bodies have many sites), never an acronym alone or a generic name', () => {
    const legal = resolve({ recordId: '8', name: 'CENTRE DE COOPERATION INTERNATIONALE EN RECHERCHE AGRONOMIQUE POUR LE DEVELOPPEMENT - C.I.R.A.D. EPIC', identifiers: {}, city: 'PARIS' });
    expect(legal).toMatchObject({ kind: 'matched', entityId: 'cirad', how: 'name', why: expect.stringContaining('another city') });
    expect(resolve({ recordId: '9', name: 'CIRAD', identifiers: {}, city: 'Paris' })).toMatchObject({ kind: 'review' });
    expect(resolve({ recordId: '10', name: 'Centre hospitalier universitaire de Nîmes', identifiers: {}, city: 'Nîmes' })).toEqual({ kind: 'create' });
  });

  it('sends what is near but not sure to review, with scored candidates and why', () => {
    const byAcronym = resolve({ recordId: '6', name: 'INSTITUT NATIONAL DE RECHERCHE EN INFORMATIQUE ET AUTOMATIQUE', shortName: 'INRIA', identifiers: {} });
    expect(byAcronym).toEqual({ kind: 'review', candidates: [{ entityId: 'inria', name: 'Inria', score: 0.7, why: expect.stringContaining('short name "INRIA"') }] });
    const sameNameElsewhere = resolve({ recordId: '7', name: 'Numalis', identifiers: {}, city: 'Paris' });
    expect(sameNameElsewhere).toMatchObject({ kind: 'review', candidates: [{ entityId: 'numalis', score: 0.5, why: expect.stringContaining('another city') }] });
  });

  it("applies a curator's remembered decision before anything else", () => {
    const record = { recordId: '6', name: 'INSTITUT NATIONAL DE RECHERCHE EN INFORMATIQUE ET AUTOMATIQUE', shortName: 'INRIA', identifiers: {} };
    expect(resolve(record, { status: 'accepted', entityId: 'inria' })).toMatchObject({ kind: 'matched', entityId: 'inria', how: 'decision' });
    expect(resolve(record, { status: 'created' })).toEqual({ kind: 'create' });
    expect(resolve(record, { status: 'rejected' })).toEqual({ kind: 'rejected' });
    expect(resolve(record, { status: 'pending' })).toMatchObject({ kind: 'review' });
  });
});

describe('a curator\'s decision against later evidence', () => {
  it('lets an identifier another organisation has gained since win over an earlier "create"', () => {
    const record = { recordId: '999123456', name: 'SOME LAB', identifiers: { cordisId: '999123456' }, ownKey: 'cordis-org-999123456' };
    expect(resolve(record, { status: 'created' })).toMatchObject({ kind: 'matched', entityId: 'known-pic', how: 'identifier', why: expect.stringContaining('superseded') });
    // Its own entry holding the identifier is no reason to move it.
    const own = createResolver([...known, { id: 'cordis-org-999000777', name: 'Own', names: ['Own'], identifiers: { cordisId: '999000777' } }]);
    expect(own({ recordId: '999000777', name: 'OWN', identifiers: { cordisId: '999000777' }, ownKey: 'cordis-org-999000777' }, { status: 'created' })).toEqual({ kind: 'create' });
  });
});
