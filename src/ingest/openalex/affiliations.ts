import { createHash } from 'node:crypto';

import { asShortText } from '../../domains/shared/writtenText.js';
import type { PersonSeed, RelationshipSeed } from '../importFormat.js';
import { keyPattern } from '../importFormat.js';
import { normalizeName } from '../resolution/normalizeName.js';

/**
 * People from OpenAlex authorships (`import:openalex --people`): an author enters only with an
 * ORCID iD (never a person without an identifier), and only for the organisations of the area
 * their works give as their affiliation. Each (person, organisation) pair becomes one WORKS_AT
 * relationship whose `since` and `until` are the years of the first and last work signed with
 * that affiliation, citing those two works: that is all the works say (not a contract's dates).
 *
 * A person of the graph is the same person only when it holds the same ORCID iD. One with the
 * same name and no ORCID iD may be the same person or not: the author is held back (not
 * created, not merged) and counted; a curator who adds the ORCID iD to that person links them
 * at the next import. Pure: the caller reads the people of the graph and writes the entries.
 */
export interface SignedWork {
  id: string;
  year: number;
}

interface Affiliation {
  first: SignedWork;
  last: SignedWork;
}

interface Author {
  name: string;
  authorId: string | null;
  /** By organisation key. */
  affiliations: Map<string, Affiliation>;
}

export interface KnownPerson {
  id: string;
  name: string;
  orcid: string | null;
}

export interface PeopleOutcome {
  people: PersonSeed[];
  relationships: RelationshipSeed[];
  tally: PeopleTally;
  /** The authors held back, as `name (ORCID iD)`, for the report. */
  heldBack: string[];
}

export interface PeopleTally {
  /** Authors with an ORCID iD and an affiliation of the area. */
  authors: number;
  /** Of those, found in the graph by their ORCID iD. */
  matched: number;
  created: number;
  /** Same name as a person of the graph without an ORCID iD: left for a curator. */
  heldBack: number;
}

const earlier = (x: SignedWork, y: SignedWork) => x.year - y.year || x.id.localeCompare(y.id, 'en', { numeric: true });

export class AffiliationCounter {
  private readonly authors = new Map<string, Author>();

  /** One author of one work affiliated with an organisation of the area (each work given once). */
  add(orcid: string, name: string, authorId: string | null, organization: string, work: SignedWork): void {
    let author = this.authors.get(orcid);
    if (!author) {
      author = { name, authorId, affiliations: new Map() };
      this.authors.set(orcid, author);
    }
    const affiliation = author.affiliations.get(organization);
    if (!affiliation) author.affiliations.set(organization, { first: work, last: work });
    else {
      if (earlier(work, affiliation.first) < 0) affiliation.first = work;
      if (earlier(affiliation.last, work) < 0) affiliation.last = work;
    }
  }

  get size(): number {
    return this.authors.size;
  }

  /** The people and WORKS_AT entries to import, given the people of the graph. */
  entries(known: KnownPerson[]): PeopleOutcome {
    const byOrcid = new Map(known.filter((person) => person.orcid).map((person) => [person.orcid!, person.id]));
    const withoutOrcid = new Set(known.filter((person) => !person.orcid).map((person) => normalizeName(person.name)));
    const outcome: PeopleOutcome = { people: [], relationships: [], heldBack: [], tally: { authors: this.authors.size, matched: 0, created: 0, heldBack: 0 } };
    for (const [orcid, author] of [...this.authors].sort(([x], [y]) => (x < y ? -1 : 1))) {
      let key = byOrcid.get(orcid);
      if (key) outcome.tally.matched += 1;
      else if (withoutOrcid.has(normalizeName(author.name))) {
        outcome.tally.heldBack += 1;
        outcome.heldBack.push(`${author.name} (${orcid})`);
        continue;
      } else {
        key = `orcid-${orcid.toLowerCase()}`;
        outcome.tally.created += 1;
        const first = [...author.affiliations.values()].map((affiliation) => affiliation.first).sort(earlier)[0]!;
        outcome.people.push({
          id: key,
          name: asShortText(author.name),
          orcid,
          aliases: { fr: [], en: [] },
          sources: [citation(first, author.authorId)],
        } as PersonSeed);
      }
      for (const [organization, { first, last }] of [...author.affiliations].sort(([x], [y]) => (x < y ? -1 : 1))) {
        outcome.relationships.push({
          id: relationshipKey(key, organization),
          type: 'WORKS_AT',
          from: key,
          to: organization,
          since: String(first.year),
          until: String(last.year),
          sources: [...new Set([citation(first, author.authorId), citation(last, author.authorId)])],
        } as RelationshipSeed);
      }
    }
    return outcome;
  }
}

function citation(work: SignedWork, authorId: string | null): string {
  return `openalex#work ${work.id}${authorId ? ` / author ${authorId}` : ''}`;
}

/** Readable when the two keys allow it, else a hash of them. */
function relationshipKey(person: string, organization: string): string {
  const readable = `affiliation-${person}.${organization}`;
  return readable.length <= 200 && keyPattern.test(readable) ? readable : `affiliation-${createHash('sha256').update(`${person}\n${organization}`).digest('hex').slice(0, 24)}`;
}
