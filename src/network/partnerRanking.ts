import type { QueryRunner } from '../database/runQuery.js';
import type { MetricsCache } from './metricsCache.js';
import type { CoPublishingPartnerRecord } from './network.model.js';
import {
  findCoPublications, findPartnerPages, findRankedCoPublications, findRankedPartnerPages,
  type CoPublicationSearch, type PartnerPage, type PartnerPageRequest,
} from './network.repository.js';

/**
 * Pages of partners (and of co-publishing partners), with the ranking of organisations that have very many kept per data
 * version. Ranking the partners of an organisation reads all its evidence; for most that is a
 * few hundred rows and one query gives the page. A hub of co-publications has tens of
 * thousands of partners, and sorting them costs tens of milliseconds whatever the page: its
 * whole ranking (keys and strengths) is kept, by question (organisation, day, years, kinds of
 * evidence), and the next pages, of the same or another request, read only the evidence of
 * their partners. That read also returns the data version: a ranking read at another version
 * is never used, the page is ranked again. Exact, like the map rankings (subgraphs.ts).
 */
export const KEEP_RANKING_FROM = 500;

export async function partnerPagesOf(runner: QueryRunner, ids: readonly string[], request: PartnerPageRequest, rankings: MetricsCache): Promise<PartnerPage[]> {
  const keyOf = (id: string) => JSON.stringify([id, request.asOf, request.fromYear, request.toYear, request.evidenceKinds]);
  const pages = new Map<string, PartnerPage>();
  const known = ids.flatMap((id) => {
    const ranking = rankings.partnerRanking(keyOf(id));
    return ranking ? [{ id, ranking }] : [];
  });
  if (known.length > 0) {
    const end = request.offset + request.limit;
    const read = await findRankedPartnerPages(
      runner,
      known.map(({ id, ranking }) => ({ id, partners: ranking.ids.slice(request.offset, end), strengths: ranking.strengths.slice(request.offset, end) })),
      request,
    );
    for (const { id, ranking } of known) {
      const page = read.get(id);
      if (page && page.version === ranking.version) pages.set(id, { total: ranking.ids.length, partners: page.partners });
    }
  }
  const rest = ids.filter((id) => !pages.has(id));
  if (rest.length > 0) {
    const ranked = await findPartnerPages(runner, rest, request, KEEP_RANKING_FROM);
    rest.forEach((id, index) => {
      const { total, partners, ranking } = ranked[index]!;
      if (ranking) rankings.keepPartnerRanking(keyOf(id), ranking);
      pages.set(id, { total, partners });
    });
  }
  return ids.map((id) => pages.get(id)!);
}

/** A page of co-publishing partners, with the same keeping of big rankings as partnerPagesOf. */
export async function coPublicationsOf(runner: QueryRunner, search: CoPublicationSearch, rankings: MetricsCache): Promise<{ total: number; page: CoPublishingPartnerRecord[] }> {
  const { organization, offset, limit, ...question } = search;
  const key = JSON.stringify(['coPublications', organization, question]);
  const ranking = rankings.partnerRanking(key);
  if (ranking) {
    const read = await findRankedCoPublications(runner, organization, ranking.ids.slice(offset, offset + limit), ranking.strengths.slice(offset, offset + limit));
    if (read && read.version === ranking.version) return { total: ranking.ids.length, page: read.page };
  }
  const { total, page, ranking: kept } = await findCoPublications(runner, search, KEEP_RANKING_FROM);
  if (kept) rankings.keepPartnerRanking(key, kept);
  return { total, page };
}
