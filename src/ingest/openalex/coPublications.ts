/**
 * Co-publication links counted from works: each pair of organisations that co-authored works,
 * where at least one of the two is in scope, gets one link counting the works per year, the
 * works' primary topics, and a few example works. Works are counted once however many files
 * repeat them, and whatever the order of the files the counts and examples come out the same
 * (examples are the most recent works, then by id), so that importing the same works again
 * changes nothing. Pure: the caller resolves institutions to organisation keys.
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
  byYear: Map<number, number>;
  topics: Map<string, number>;
  examples: ExampleWork[];
}

export interface CountedWork {
  id: string;
  doi: string | null;
  title: string | null;
  year: number;
  primaryTopic: string | null;
  /** The distinct organisation keys of its authors' institutions. */
  organizations: string[];
}

const newer = (x: ExampleWork, y: ExampleWork) => y.year - x.year || x.id.localeCompare(y.id, 'en', { numeric: true });

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
      link = { a, b, byYear: new Map(), topics: new Map(), examples: [] };
      this.links.set(id, link);
    }
    link.byYear.set(work.year, (link.byYear.get(work.year) ?? 0) + 1);
    if (work.primaryTopic) link.topics.set(work.primaryTopic, (link.topics.get(work.primaryTopic) ?? 0) + 1);
    const example = { id: work.id, doi: work.doi, title: work.title, year: work.year };
    if (link.examples.length < this.maxExamples || newer(example, link.examples.at(-1)!) < 0) {
      link.examples.push(example);
      link.examples.sort(newer);
      if (link.examples.length > this.maxExamples) link.examples.pop();
    }
  }

  /** Every link, by pair. */
  all(): CoPublicationLink[] {
    return [...this.links.values()].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  }

  get size(): number {
    return this.links.size;
  }
}

/** A link's leading topics, most works first, then by name. */
export function leadingTopics(link: CoPublicationLink, count = 10): Array<{ name: string; works: number }> {
  return [...link.topics]
    .map(([name, works]) => ({ name, works }))
    .sort((x, y) => y.works - x.works || x.name.localeCompare(y.name))
    .slice(0, count);
}
