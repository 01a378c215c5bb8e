import { parseArgs } from 'node:util';

import { formatOpenAlexReport, importOpenAlex, OpenAlexRejectedError } from '../ingest/openalex/importOpenAlex.js';
import { progress } from '../ingest/progress.js';
import { ImportRejectedError } from '../ingest/graphWriter.js';
import { commaList, runImportCommand } from './runImportCommand.js';

/**
 * `npm run import:openalex -- <works files or folders...> [--dry-run] [--cities Montpellier,Sète]
 * [--institutions I123,I456] [--examples 5] [--people] [--store-works]`: co-publication links from OpenAlex works (snapshot
 * partitions as JSON Lines, gzipped or not, or saved API pages). Exit code 1 with every problem
 * listed when a file is not readable works; nothing is written then. With `--people`, authors with
 * an ORCID iD affiliated with an organisation of the area enter as people with WORKS_AT; with
 * `--store-works`, the kept works are stored as nodes too (for small scopes).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    cities: { type: 'string' },
    institutions: { type: 'string' },
    examples: { type: 'string' },
    people: { type: 'boolean', default: false },
    'store-works': { type: 'boolean', default: false },
  },
});
if (positionals.length === 0) {
  process.stderr.write('Usage: npm run import:openalex -- <works files or folders...> [--dry-run] [--cities Montpellier] [--institutions I123] [--examples 5] [--people] [--store-works]\n');
  process.exit(2);
}
const examples = values.examples === undefined ? undefined : Number(values.examples);
if (examples !== undefined && !(Number.isInteger(examples) && examples >= 0 && examples <= 50)) {
  process.stderr.write('--examples: a whole number from 0 to 50.\n');
  process.exit(2);
}
const institutions = commaList(values.institutions)?.map((id) => id.replace(/^https:\/\/openalex\.org\//, ''));
const badInstitution = institutions?.find((id) => !/^I\d{1,12}$/.test(id));
if (badInstitution) {
  process.stderr.write(`--institutions: "${badInstitution.slice(0, 40)}" is not an OpenAlex institution id (I followed by digits).\n`);
  process.exit(2);
}
const dryRun = values['dry-run'] ?? false;
runImportCommand(
  async (db) =>
    formatOpenAlexReport(
      positionals,
      await importOpenAlex({ db }, positionals, { cities: commaList(values.cities), institutions, examples, people: values.people, storeWorks: values['store-works'], dryRun, progressOf: (step) => progress(step) }),
      dryRun,
    ),
  [OpenAlexRejectedError, ImportRejectedError],
);
