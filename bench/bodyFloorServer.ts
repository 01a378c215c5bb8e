import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

/**
 * The floor of sending a given answer from Node on this machine: a bare `node:http` server (no
 * web framework, no GraphQL, no cache look-up) that reads each request's body whole and answers with
 * stored bytes, the file of BODY_DIR named by the request's path (`POST /nested-read` sends
 * BODY_DIR/nested-read; a file ending in `.gz` is sent as gzip content). bench/largeAnswers.ts
 * gives it the very bytes the API sends for a cached answer, plain and compressed, to tell what
 * the size of an answer costs from what the API adds. Reads PORT.
 */
const folder = process.env.BODY_DIR!;
const bodies = new Map(readdirSync(folder).map((name) => [`/${name}`, readFileSync(join(folder, name))]));
createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const body = bodies.get(request.url ?? '');
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    const gzipped = request.url!.endsWith('.gz');
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...(gzipped ? { 'content-encoding': 'gzip' } : {}) });
    response.end(body);
  });
}).listen(Number(process.env.PORT ?? 4700), '127.0.0.1', () => process.stdout.write('BODY FLOOR READY\n'));
