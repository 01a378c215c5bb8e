import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { build } from 'esbuild';

import { projectRoot } from '../database/projectRoot.js';
import { WEB_OUTPUT } from '../http/webRoutes.js';

/**
 * Builds the web pages (the explorer and GraphiQL) from web/ into dist/web/ with esbuild:
 * one JavaScript and one CSS file per page, every dependency bundled, nothing loaded from
 * a CDN. `npm start` and `npm test` run it first; it takes about a second.
 */
export const WEB_PAGES = ['explorer', 'graphiql'] as const;

export async function buildWeb(): Promise<void> {
  for (const page of WEB_PAGES) {
    const source = join(projectRoot, 'web', page);
    const output = join(WEB_OUTPUT, page);
    mkdirSync(output, { recursive: true });
    await build({
      entryPoints: { app: join(source, 'main.ts') },
      outdir: output,
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: ['es2022'],
      minify: true,
      sourcemap: 'linked',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      legalComments: 'linked',
    });
    copyFileSync(join(source, 'index.html'), join(output, 'index.html'));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  buildWeb()
    .then(() => process.stderr.write(`Web pages built in ${Date.now() - started} ms (dist/web).\n`))
    .catch((error: unknown) => {
      process.stderr.write(`The web build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
