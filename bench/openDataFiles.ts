import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { seededRandom } from '../src/network/seededRandom.js';

/**
 * Synthetic open-data files of realistic size, in the published layouts, for the connector
 * benchmark: a CORDIS export (project.csv and organization.csv; a share of the participation
 * rows in Hérault) and a ROR v2 dump (a share of the records in Montpellier). All made up.
 */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path, 'utf8');
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export async function writeCordisExport(folder: string, options: { projects: number; participations: number; inScope: number; seed: number }): Promise<void> {
  const random = seededRandom(options.seed);
  const organizations = Math.max(10, Math.round(options.participations / 10));
  const org = (index: number) => {
    const local = index % Math.round(1 / options.inScope) === 0;
    return {
      pic: String(900_000_000 + index),
      name: `TEST ORGANISATION ${index} ${local ? 'MONTPELLIER' : 'EUROPE'}`,
      city: local ? 'MONTPELLIER' : `CITY ${index % 500}`,
      nuts: local ? 'FRJ13' : `DE${100 + (index % 50)}`,
      country: local ? 'FR' : 'DE',
      activity: ['HES', 'REC', 'PRC', 'PUB', 'OTH'][index % 5]!,
    };
  };
  await writeLines(
    join(folder, 'project.csv'),
    (function* () {
      yield '\ufeffid;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;frameworkProgramme;fundingScheme;contentUpdateDate;grantDoi\r\n';
      for (let index = 0; index < options.projects; index += 1) {
        const id = 100_000_000 + index;
        yield `${id};P${index};SIGNED;"Synthetic project ${index}; for the benchmark";2022-01-01;2025-12-31;"${1_000_000 + index},50";${900_000 + index};HORIZON;HORIZON-RIA;2025-11-03 10:00:00;10.3030/${id}\r\n`;
      }
    })(),
  );
  await writeLines(
    join(folder, 'organization.csv'),
    (function* () {
      yield '\ufeffprojectID;organisationID;vatNumber;name;shortName;activityType;city;country;nutsCode;role;ecContribution\r\n';
      for (let index = 0; index < options.participations; index += 1) {
        const project = 100_000_000 + (index % options.projects);
        // Rows in scope are a share of all rows: local organisations come up as often as that share says.
        const local = random() < options.inScope;
        let which = Math.floor(Math.pow(random(), 2) * organizations);
        const step = Math.round(1 / options.inScope);
        if (local) which -= which % step;
        else if (which % step === 0) which += 1;
        const o = org(which % organizations);
        const role = index < options.projects ? 'coordinator' : 'participant';
        yield `${project};${o.pic};;${o.name};T${which};${o.activity};${o.city};${o.country};${o.nuts};${role};${(10_000 + index).toString()},25\r\n`;
      }
    })(),
  );
}

export async function writeRorDump(path: string, options: { records: number; local: number; seed: number }): Promise<void> {
  const random = seededRandom(options.seed);
  const id = (index: number) => `0${index.toString(36).padStart(6, '0')}${String(index % 100).padStart(2, '0')}`;
  await writeLines(
    path,
    (function* () {
      yield '[\n';
      for (let index = 0; index < options.records; index += 1) {
        const local = random() < options.local;
        const parent = index > 10 ? Math.floor(random() * index) : null;
        const record = {
          id: `https://ror.org/${id(index)}`,
          names: [
            { value: `Synthetic Organisation ${index}`, types: ['ror_display', 'label'], lang: 'en' },
            { value: `Organisation synthétique ${index}`, types: ['label'], lang: 'fr' },
            { value: `SO${index}`, types: ['acronym'], lang: null },
          ],
          types: [['education', 'facility', 'company', 'government', 'nonprofit', 'healthcare'][index % 6]],
          status: 'active',
          established: 1900 + (index % 120),
          locations: [{ geonames_id: index, geonames_details: { name: local ? 'Montpellier' : `City ${index % 700}`, country_code: local ? 'FR' : 'US' } }],
          relationships: parent === null ? [] : [{ type: 'parent', id: `https://ror.org/${id(parent)}`, label: `Synthetic Organisation ${parent}` }],
          external_ids: [{ type: 'wikidata', all: [`Q${7_000_000 + index}`], preferred: `Q${7_000_000 + index}` }],
          links: [{ type: 'website', value: `https://example.org/${index}` }],
          domains: [],
          admin: { created: { date: '2020-01-01', schema_version: '1.0' }, last_modified: { date: '2026-11-01', schema_version: '2.1' } },
        };
        yield `${index > 0 ? ',\n' : ''}${JSON.stringify(record)}`;
      }
      yield '\n]\n';
    })(),
  );
}

/**
 * OpenAlex works as snapshot partitions (gzipped JSON Lines, 50,000 works a file), written for
 * the benchmark: institutions drawn with a power law (a few publish in most works), 1 to 300
 * authors a work (most have a handful; one in a hundred is a consortium paper of 50 to 300), years 2000-2025. Institution i carries the ROR id of
 * record i of `writeRorDump`, so that the institutions located in Montpellier there are the
 * area's organisations here.
 */
export async function writeOpenAlexWorks(folder: string, options: { works: number; institutions: number; seed: number }): Promise<void> {
  const random = seededRandom(options.seed);
  const rorId = (index: number) => `0${index.toString(36).padStart(6, '0')}${String(index % 100).padStart(2, '0')}`;
  const institution = (index: number) => ({
    id: `https://openalex.org/I${100_000 + index}`,
    display_name: `Synthetic Organisation ${index}`,
    ror: `https://ror.org/${rorId(index)}`,
    country_code: 'US',
    type: 'education',
  });
  // Zipf-like: index = floor(n * u^3) puts most draws on the first institutions.
  const drawInstitution = () => Math.floor(options.institutions * random() ** 3);
  const perFile = 50_000;
  for (let start = 0, part = 0; start < options.works; start += perFile, part += 1) {
    const lines: string[] = [];
    for (let index = start; index < Math.min(options.works, start + perFile); index += 1) {
      const authors = random() < 0.01 ? 50 + Math.floor(random() * 251) : Math.min(49, 1 + Math.floor(-Math.log(1 - random()) * 3));
      const authorships = [];
      for (let author = 0; author < authors; author += 1) {
        authorships.push({ author: { id: `https://openalex.org/A${index}x${author}`, display_name: `Author ${author}`, orcid: null }, institutions: [institution(drawInstitution())] });
      }
      const topic = { display_name: `Topic ${Math.floor(random() ** 2 * 200)}` };
      lines.push(
        JSON.stringify({
          id: `https://openalex.org/W${10_000_000 + index}`,
          doi: `https://doi.org/10.99999/bench.${index}`,
          title: `Synthetic work ${index}`,
          publication_year: 2000 + Math.floor(random() * 26),
          type: 'article',
          authorships,
          primary_topic: topic,
          topics: [topic],
          updated_date: '2026-11-01T00:00:00',
        }),
      );
    }
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `part_${String(part).padStart(3, '0')}.gz`), gzipSync(`${lines.join('\n')}\n`, { level: 1 }));
  }
}
