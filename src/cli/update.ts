import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { projectRoot } from '../database/projectRoot.js';
import { progress } from '../ingest/progress.js';
import { MONTPELLIER_CITIES } from '../ingest/scope.js';
import { Downloader } from '../ingest/update/download.js';
import { DEFAULT_ENDPOINTS, SERVICES, updateCompanies, updateCordis, updateOpenAlex, updateRnsr, updateRor, type ServiceName, type ServiceOutcome, type UpdateContext } from '../ingest/update/updateServices.js';
import { commaList, runImportCommand } from './runImportCommand.js';

/**
 * `npm run update [-- --dry-run] [--only ror,rnsr,cordis] [--cities ...] [--cache-dir ...]`:
 * brings the graph up to date from the open services (updateServices.ts), into the running
 * server's database when one runs. Downloads go to a cache folder (default `.data/update-cache`)
 * with their dates; what did not change is neither downloaded nor imported again. Ends with a
 * report per service; exit code 1 when a service could not be updated (the others were).
 *
 * OpenAlex needs OPENALEX_API_KEY (free) and takes OPENALEX_MAILTO; it fetches the works again when
 * its last fetch is older than `--openalex-every` days (7).
 * The services' addresses can be changed (a mirror, the tests' local server) with
 * UPDATE_ROR_API, UPDATE_RNSR_URL, UPDATE_CORDIS_BASE and UPDATE_OPENALEX_API;
 * UPDATE_RETRY_BASE_MS sets the first back-off delay (1 s).
 */
const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    only: { type: 'string' },
    cities: { type: 'string' },
    country: { type: 'string', default: 'FR' },
    'cache-dir': { type: 'string' },
    'openalex-every': { type: 'string' },
    department: { type: 'string' },
    'companies-area': { type: 'boolean', default: false },
  },
});
const only = (commaList(values.only) ?? [...SERVICES]) as ServiceName[];
const unknown = only.filter((name) => !SERVICES.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown service "${unknown[0]}": one of ${SERVICES.join(', ')}.\n`);
  process.exit(2);
}
const dryRun = values['dry-run'] ?? false;
const cacheDir = values['cache-dir'] ?? join(projectRoot, '.data', 'update-cache');
const openalex = {
  base: process.env.UPDATE_OPENALEX_API ?? 'https://api.openalex.org',
  apiKey: process.env.OPENALEX_API_KEY || null,
  mailto: process.env.OPENALEX_MAILTO || null,
  everyDays: Number(values['openalex-every'] ?? 7),
};
const companies = {
  base: process.env.UPDATE_COMPANIES_API ?? 'https://recherche-entreprises.api.gouv.fr',
  department: values.department ?? '34',
  paceMs: process.env.UPDATE_COMPANIES_PACE_MS ? Number(process.env.UPDATE_COMPANIES_PACE_MS) : 200,
  area: values['companies-area'] ?? false,
};
const RUNS: Record<ServiceName, (context: UpdateContext) => Promise<ServiceOutcome>> = {
  ror: updateRor,
  rnsr: updateRnsr,
  cordis: updateCordis,
  openalex: (context) => updateOpenAlex({ ...context, openalex }),
  companies: (context) => updateCompanies({ ...context, companies }),
};

let failed = false;
runImportCommand(async (db) => {
  const downloader = new Downloader({
    cacheDir,
    userAgent: 'montpellier-ai-graph (npm run update; https://github.com/)',
    baseDelayMs: process.env.UPDATE_RETRY_BASE_MS ? Number(process.env.UPDATE_RETRY_BASE_MS) : undefined,
  });
  const context: UpdateContext = {
    runner: { db },
    downloader,
    endpoints: {
      ror: process.env.UPDATE_ROR_API ?? DEFAULT_ENDPOINTS.ror,
      rnsr: process.env.UPDATE_RNSR_URL ?? DEFAULT_ENDPOINTS.rnsr,
      cordis: process.env.UPDATE_CORDIS_BASE ?? DEFAULT_ENDPOINTS.cordis,
    },
    cities: commaList(values.cities) ?? MONTPELLIER_CITIES,
    country: values.country!,
    dryRun,
    progressOf: (step) => progress(step),
    today: new Date().toISOString().slice(0, 10),
  };
  const outcomes: ServiceOutcome[] = [];
  for (const service of SERVICES.filter((name) => only.includes(name))) {
    process.stderr.write(`— ${service}\n`);
    const outcome = await RUNS[service](context);
    outcome.waitingSeconds = (downloader.waitingMs.get(service) ?? 0) / 1000;
    outcomes.push(outcome);
  }
  failed = outcomes.some((outcome) => !outcome.ok);
  const lines = [`${dryRun ? 'Dry run of the update' : 'Update'} (cache: ${cacheDir}):`];
  for (const outcome of outcomes) {
    const time = `${(outcome.seconds ?? 0).toFixed(1)} s, ${(outcome.waitingSeconds ?? 0).toFixed(1)} s of it waiting on the network`;
    lines.push(`${outcome.service.padEnd(10)}${outcome.ok ? '' : 'FAILED  '}fetched: ${outcome.fetched} (${time})`);
    lines.push(...outcome.imported.trimEnd().split('\n').map((line) => `          ${line}`));
  }
  lines.push('Records that may be an organisation of the graph wait in the review queue: the explorer\'s "Open the review queue", or pendingMatches in the API.');
  return `${lines.join('\n')}\n`;
}, [], () => (failed ? 1 : 0));
