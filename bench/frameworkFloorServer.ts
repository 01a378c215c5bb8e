import Fastify from 'fastify';

/**
 * The floor of any answer served through the API's web framework on this machine: a Fastify app
 * with its JSON body parser and one route that answers every POST /graphql with the same small
 * JSON body, nothing else (no request id, log, CORS, rate limit, cache look-up).
 * bench/cacheGap.ts measures it beside a bare Apollo Server and the API's cached answers, to
 * tell what the framework itself costs from what the API adds. Reads PORT.
 */
const body = JSON.stringify({ data: { organization: { key: 'org-1', name: 'Organisation 1' } } });
const app = Fastify({ logger: false });
app.post('/graphql', (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(body));
await app.listen({ port: Number(process.env.PORT ?? 4600), host: '127.0.0.1' });
process.stdout.write('FRAMEWORK FLOOR READY\n');
