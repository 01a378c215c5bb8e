/**
 * Co-publication links counted from works: each pair of organisations that co-authored works,
 * where at least one of the two is in scope, gets one link counting the works per year, the
 * works' primary topics, and a few example works. Works are counted once however many files
 * repeat them, and whatever the order of the files the counts and examples come out the same
 * (examples are the most recent works, then by id), so that importing the same works again
 * changes nothing. Pure: the caller resolves institutions to organisation keys.
 *
 * A snapshot can give a million links (papers with hundreds of institutions link each of them
 * with every organisation of the area), so a link is kept small: years and topics as short
 * parallel arrays, and example works shared by every link of the work.
 */
export interface ExampleWork {
  id: string;
  doi: string | null;
  title: string | null;
  year: number;
}

export interface CoPublicationLink {
  /** The two organisation keys, `a` < `b`. */
  a: string;
  b: string;
  /** `years[i]` has `counts[i]` works. */
  years: number[];
  counts: number[];
  /** `topics[i]` is the primary topic of `topicCounts[i]` works. */
  topics: string[];
  topicCounts: number[];
  examples: ExampleWork[];
}

export interface CountedWork {
  example: ExampleWork;
  primaryTopic: string | null;
  /** The distinct organisation keys of its authors' institutions. */
  organizations: string[];
}

const newer = (x: ExampleWork, y: ExampleWork) => y.year - x.year || x.id.localeCompare(y.id, 'en', { numeric: true });

function increment(keys: Array<string | number>, counts: number[], key: string | number) {
  const index = keys.indexOf(key);
  if (index >= 0) counts[index]! += 1;
  else {
    keys.push(key);
    counts.push(1);
  }
}

export class CoPublicationCounter {
  private readonly links = new Map<string, CoPublicationLink>();

  constructor(
    private readonly inScope: (key: string) => boolean,
    private readonly maxExamples = 5,
  ) {}

  /** Counts one work (the caller makes sure each work is given once). */
  add(work: CountedWork): void {
    const keys = [...new Set(work.organizations)].sort();
    const scoped = keys.filter(this.inScope);
    if (scoped.length === 0) return;
    for (const own of scoped) {
      for (const other of keys) {
        if (other === own || (this.inScope(other) && other < own)) continue;
        const [a, b] = own < other ? [own, other] : [other, own];
        this.count(a, b, work);
      }
    }
  }

  private count(a: string, b: string, work: CountedWork) {
    const id = `${a}\n${b}`;
    let link = this.links.get(id);
    if (!link) {
      link = { a, b, years: [], counts: [], topics: [], topicCounts: [], examples: [] };
      this.links.set(id, link);
    }
    increment(link.years, link.counts, work.example.year);
    if (work.primaryTopic) increment(link.topics, link.topicCounts, work.primaryTopic);
    if (this.maxExamples === 0) return;
    if (link.examples.length < this.maxExamples || newer(work.example, link.examples.at(-1)!) < 0) {
      link.examples.push(work.example);
      link.examples.sort(newer);
      if (link.examples.length > this.maxExamples) link.examples.pop();
    }
  }

  /** Every link, by pair; the counter is empty afterwards (its memory goes with the caller's use of the links). */
  drain(): CoPublicationLink[] {
    const links = [...this.links.values()];
    this.links.clear();
    return links.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  }
}

/** A link's works per year, oldest first. */
export function worksPerYear(link: CoPublicationLink): Array<{ year: number; works: number }> {
  return link.years.map((year, index) => ({ year, works: link.counts[index]! })).sort((x, y) => x.year - y.year);
}

/** A link's leading topics, most works first, then by name. */
export function leadingTopics(link: CoPublicationLink, count = 10): Array<{ name: string; works: number }> {
  return link.topics
    .map((name, index) => ({ name, works: link.topicCounts[index]! }))
    .sort((x, y) => y.works - x.works || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .slice(0, count);
}
