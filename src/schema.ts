import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';

import { projectRoot } from './database/projectRoot.js';
import { changeResolvers } from './domains/curation/resolvers/change.resolvers.js';
import { curationResolvers, historyResolvers } from './domains/curation/resolvers/curation.resolvers.js';
import { entityFieldResolvers } from './domains/entity/resolvers/entityFields.resolvers.js';
import { provenanceResolvers } from './domains/entity/resolvers/provenance.resolvers.js';
import { queryResolvers } from './domains/entity/resolvers/query.resolvers.js';
import { scalarResolvers } from './domains/shared/scalars.js';
import type { Resolvers } from './generated/graphql.js';
import { networkResolvers } from './network/resolvers/network.resolvers.js';
import { reviewResolvers } from './domains/review/resolvers/review.resolvers.js';
import { workResolvers } from './domains/work/resolvers/work.resolvers.js';

/** The SDL of schema/*.graphql, base.graphql first. */
export function readTypeDefs(): string[] {
  const folder = join(projectRoot, 'schema');
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return files.map((file) => readFileSync(join(folder, file), 'utf8'));
}

export function createSchema(): GraphQLSchema {
  const resolvers: Resolvers[] = [queryResolvers, entityFieldResolvers, provenanceResolvers, networkResolvers, curationResolvers, changeResolvers, historyResolvers, reviewResolvers, workResolvers];
  return makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: [scalarResolvers, ...resolvers] as never,
    inheritResolversFromInterfaces: false,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
}
