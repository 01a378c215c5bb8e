import { z } from 'zod';

/**
 * Numbered sources for a tool's text: an assistant whose host passes only the text to its model
 * can still cite. `cite` numbers the sources of a fact the summary states (`[1][2]`), each
 * source and locator once; `all` adds those of the rest of the answer, so that the text lists
 * every source the structured content holds (the first MAX_LISTED, then how many more).
 */
export interface CitedSource {
  n: number;
  key: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  licence: string | null;
  locator: string;
}

export const citationSchema = z.object({
  n: z.number().int().positive().describe('The number the text gives it, e.g. [1].'),
  key: z.string().describe('The source\'s key (see list_sources).'),
  title: z.string(),
  publisher: z.string().nullable(),
  published: z.string().nullable(),
  url: z.string().nullable(),
  licence: z.string().nullable(),
  locator: z.string().describe('Where in the source: a line of a document, a record of a dataset.'),
});

const MAX_LISTED = 40;

type Row = Record<string, unknown>;

function sourcesIn(value: unknown): Array<{ locator: string; source: Row }> {
  return Array.isArray(value) ? (value as Array<{ locator: string; source: Row }>).filter((item) => item && typeof item === 'object' && item.source) : [];
}

export class Citations {
  private readonly numbered = new Map<string, CitedSource>();

  /** The reference marks of these sources (`[1][3]`), numbering new ones; '' when none. */
  cite(sources: unknown): string {
    const marks = sourcesIn(sources).map(({ locator, source }) => {
      const id = `${String(source.key)}#${locator}`;
      let cited = this.numbered.get(id);
      if (!cited) {
        cited = {
          n: this.numbered.size + 1,
          key: String(source.key),
          title: String(source.title ?? source.key),
          publisher: (source.publisher as string | null) ?? null,
          published: (source.published as string | null) ?? null,
          url: (source.url as string | null) ?? null,
          licence: (source.licence as string | null) ?? null,
          locator,
        };
        this.numbered.set(id, cited);
      }
      return cited.n;
    });
    return [...new Set(marks)].map((n) => `[${n}]`).join('');
  }

  /** Numbers every source anywhere in an answer (after the summary's own). */
  all(data: unknown): void {
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'sources') this.cite(inner);
          else walk(inner);
        }
      }
    };
    walk(data);
  }

  get list(): CitedSource[] {
    return [...this.numbered.values()];
  }

  /** The numbered list for the text. */
  text(): string {
    const list = this.list;
    if (list.length === 0) return '';
    const shown = list.slice(0, MAX_LISTED).map((cited) => {
      const where = [cited.publisher, cited.published, cited.locator].filter(Boolean).join(', ');
      return `[${cited.n}] ${cited.title}${where ? ` (${where})` : ''}${cited.url ? ` ${cited.url}` : ''}${cited.licence ? `, licence ${cited.licence}` : ''}`;
    });
    const more = list.length > MAX_LISTED ? [`... and ${list.length - MAX_LISTED} more, in the structured content's citations`] : [];
    return ['Sources:', ...shown, ...more].join('\n');
  }
}
