import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { Neo4jGraphQL } from '@neo4j/graphql';
import neo4j from 'neo4j-driver';

/**
 * The peer of the benchmark: @neo4j/graphql over the same database, serving the same nested
 * read (organisations → projects → participants). Run as its own process, like the API.
 * Reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and PORT.
 */
const typeDefs = /* GraphQL */ `
  type Organization @node {
    id: ID!
    name: String!
    sortName: String
    projects: [Project!]! @relationship(type: "PARTICIPATES_IN", direction: OUT)
  }
  type Project @node {
    id: ID!
    name: String!
    sortName: String
    participants: [Organization!]! @relationship(type: "PARTICIPATES_IN", direction: IN)
  }
`;

const driver = neo4j.driver(process.env.NEO4J_URI!, neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''));
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 4500), host: '127.0.0.1' },
  context: async () => ({ sessionConfig: { database: process.env.NEO4J_DATABASE ?? 'neo4j' } }),
});
process.stdout.write(`PEER READY ${url}\n`);
const stop = async () => {
  await server.stop();
  await driver.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
