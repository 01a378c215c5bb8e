import { createServer } from 'node:http';

import express from 'express';

/**
 * The floor of any answer served through Express on this machine: an Express app with the JSON
 * body parser and one route that answers every POST /graphql with the same small JSON body,
 * nothing else (no request id, log, CORS, rate limit, cache look-up). bench/cacheGap.ts measures
 * it beside a bare Apollo Server and the API's cached answers, to tell what Express itself costs
 * from what the API adds. Reads PORT.
 */
const body = JSON.stringify({ data: { organization: { key: 'org-1', name: 'Organisation 1' } } });
const app = express();
app.disable('x-powered-by');
app.post('/graphql', express.json(), (_request, response) => {
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(body);
});
createServer(app).listen(Number(process.env.PORT ?? 4600), '127.0.0.1', () => process.stdout.write('EXPRESS FLOOR READY\n'));
