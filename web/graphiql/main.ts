import 'graphiql/graphiql.css';

import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * GraphiQL, bundled by the project's own build and served by the API itself, so that it
 * works offline and on closed networks (Apollo's landing page loads from the internet).
 */
const defaultQuery = `# The Montpellier AI ecosystem graph. Ctrl-Enter runs the query; the Docs tab describes every field.
{
  organization(key: "university-of-montpellier") {
    name
    partners(first: 5) {
      edges { node { organization { name } strength evidence { kind via { name } } } }
    }
  }
}
`;

const fetcher = createGraphiQLFetcher({ url: '/graphql' });
createRoot(document.getElementById('graphiql')!).render(createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }));
