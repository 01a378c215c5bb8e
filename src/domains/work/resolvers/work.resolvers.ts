import type { Resolvers } from '../../../generated/graphql.js';
import { requireEntityKey } from '../../entity/entityLookup.js';
import { parseCitation, type EntityRecord } from '../../entity/entity.model.js';
import { scopeFor } from '../../shared/connection.js';
import { keysetPageFrom, readOf, toKeysetConnection } from '../../shared/keysetConnection.js';
import { checkedYears } from '../../shared/yearRange.js';
import { findWorks } from '../work.repository.js';

/** An organisation's stored works, and a work's fields. */
export const workResolvers: Resolvers = {
  Organization: {
    works: async (organization, args, context) => {
      const { fromYear, toYear } = checkedYears(args.years);
      const other = args.with ? await requireEntityKey(args.with, 'with', context) : null;
      const request = keysetPageFrom(args, scopeFor('works', { organization: organization.id, with: other, fromYear, toYear }));
      const { total, page } = await findWorks(context.runner, { organization: organization.id, with: other, fromYear, toYear, read: readOf(request) });
      return toKeysetConnection(request, page, total);
    },
  },
  Work: {
    key: (work) => work.id,
    url: (work) => `https://openalex.org/${work.id}`,
    organizations: async (work, _args, context) =>
      (await context.loaders.entityById.loadMany(work.organizationIds)).filter((entity): entity is EntityRecord => entity !== null && !(entity instanceof Error)),
    sources: (work) => work.citations.map(parseCitation),
  },
};
