import { buildEmbeddedNeo4j, isEmbeddedBuilt } from '../database/embeddedNeo4j.js';

/** `npm run neo4j:build`: resolves Neo4j from Maven Central and builds the launcher. */
if (isEmbeddedBuilt()) console.log('The embedded Neo4j is already built (neo4j-embedded/target).');
else await buildEmbeddedNeo4j();
