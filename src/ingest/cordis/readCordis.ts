import { parse } from 'csv-parse';

import { isWebAddress } from '../importFormat.js';
import { openInput, type InputFile } from '../inputFiles.js';
import type { Progress } from '../progress.js';

/**
 * Reads a CORDIS "projects" export (H2020, Horizon Europe), as a folder or as the .zip it is
 * published as: `project.csv` (one
 * row a project) and `organization.csv` (one row a participation), `;`-separated, `"`-quoted
 * (fields may hold `;`, `""` and line breaks), UTF-8 with or without BOM. Columns are found by
 * their header name, never by position, and extra columns are ignored. The files are streamed;
 * every row is checked, and every problem is kept with its file, line and field.
 */
export interface CordisProject {
  id: string;
  acronym: string;
  title: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  totalCost: number | null;
  ecMaxContribution: number | null;
  frameworkProgramme: string;
  fundingScheme: string | null;
  grantDoi: string | null;
  line: number;
}

export interface CordisParticipation {
  projectId: string;
  pic: string;
  vat: string | null;
  name: string;
  shortName: string | null;
  activityType: string | null;
  city: string | null;
  country: string | null;
  nutsCode: string | null;
  /** organizationURL, when it is an http(s) address. */
  website: string | null;
  role: string;
  ecContribution: number | null;
  line: number;
}

export interface CordisProblem {
  file: string;
  line: number;
  field: string;
  reason: string;
}

export interface CordisExport {
  projects: Map<string, CordisProject>;
  participations: CordisParticipation[];
  problems: CordisProblem[];
  /** The latest contentUpdateDate of the files (the release's date), when given. */
  release: string | null;
  programmes: Set<string>;
}

const PROJECT_COLUMNS = ['id', 'acronym', 'status', 'title', 'startDate', 'endDate', 'totalCost', 'ecMaxContribution', 'frameworkProgramme'];
const ORGANIZATION_COLUMNS = ['projectID', 'organisationID', 'name', 'role', 'city', 'country', 'ecContribution'];

/** An amount with a decimal comma or point; null when empty; undefined when not a number. */
export function parseAmount(text: string | undefined): number | null | undefined {
  const value = (text ?? '').trim();
  if (value === '') return null;
  if (!/^-?\d+(?:[.,]\d+)?$/.test(value)) return undefined;
  return Number(value.replace(',', '.'));
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function* rowsOf(input: InputFile, file: string, required: string[], problems: CordisProblem[], progress?: Progress) {
  const total = input.size;
  const stream = await input.open();
  let bytes = 0;
  stream.on('data', (chunk) => (bytes += chunk.length));
  // The header is checked as it is read, so that a file with a header and no row is checked too.
  const seen: { header: 'none' | 'missing columns' | 'ok' } = { header: 'none' };
  const columns = (names: string[]) => {
    const trimmed = names.map((name) => name.trim());
    const missing = required.filter((column) => !trimmed.includes(column));
    seen.header = missing.length > 0 ? 'missing columns' : 'ok';
    if (missing.length > 0) problems.push({ file, line: 1, field: missing.join(', '), reason: `missing column(s) ${missing.join(', ')}` });
    return trimmed;
  };
  const parser = stream.pipe(parse({ delimiter: ';', bom: true, columns, info: true, skip_empty_lines: true, relax_column_count: false }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (seen.header !== 'ok') return;
      progress?.tick(1, bytes, total);
      yield { record, line: info.lines };
    }
    // An empty file (no header at all) is refused: importing it would say nothing, yet count as a release read.
    if (seen.header === 'none') problems.push({ file, line: 1, field: '-', reason: 'the file is empty: no header line' });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    problems.push({ file, line, field: '-', reason: `not a valid CSV file: ${(error as Error).message.split('\n')[0]}` });
  }
}

export async function readCordis(folder: string, progressOf: (step: string) => Progress | undefined = () => undefined): Promise<CordisExport> {
  const problems: CordisProblem[] = [];
  const projects = new Map<string, CordisProject>();
  const participations: CordisParticipation[] = [];
  const programmes = new Set<string>();
  let release: string | null = null;
  const seeRelease = (value: string | undefined) => {
    const day = (value ?? '').trim().slice(0, 10);
    if (DAY.test(day) && (!release || day > release)) release = day;
  };
  const input = await openInput(folder);
  const projectFile = input?.file('project.csv') ?? null;
  const organizationFile = input?.file('organization.csv') ?? null;
  for (const [file, found] of [['project.csv', projectFile], ['organization.csv', organizationFile]] as const) {
    if (!found) problems.push({ file, line: 0, field: '-', reason: `${file} is missing from ${folder}` });
  }
  if (!projectFile || !organizationFile) {
    input?.close();
    return { projects, participations, problems, release, programmes };
  }
  try {
    const projectProgress = progressOf('Reading project.csv');
    for await (const { record, line } of rowsOf(projectFile, 'project.csv', PROJECT_COLUMNS, problems, projectProgress)) {
      const problem = (field: string, reason: string) => problems.push({ file: 'project.csv', line, field, reason });
      const id = record.id!.trim();
      if (!/^\d{1,12}$/.test(id)) problem('id', `"${id.slice(0, 40)}" is not a project number`);
      else if (projects.has(id)) problem('id', `project ${id} appears twice`);
      const amounts: Record<string, number | null> = {};
      for (const field of ['totalCost', 'ecMaxContribution']) {
        const amount = parseAmount(record[field]);
        if (amount === undefined) problem(field, `"${record[field]!.slice(0, 40)}" is not an amount`);
        amounts[field] = amount ?? null;
      }
      for (const field of ['startDate', 'endDate']) {
        const value = record[field]!.trim();
        if (value !== '' && !DAY.test(value)) problem(field, `"${value.slice(0, 40)}" is not a date (YYYY-MM-DD)`);
      }
      if (!record.acronym!.trim() && !record.title!.trim()) problem('acronym', 'a project needs an acronym or a title');
      seeRelease(record.contentUpdateDate);
      if (record.frameworkProgramme) programmes.add(record.frameworkProgramme.trim());
      projects.set(id, {
        id,
        acronym: record.acronym!.trim(),
        title: record.title!.trim().replace(/\s+/g, ' '),
        status: record.status!.trim(),
        startDate: DAY.test(record.startDate!.trim()) ? record.startDate!.trim() : null,
        endDate: DAY.test(record.endDate!.trim()) ? record.endDate!.trim() : null,
        totalCost: amounts.totalCost ?? null,
        ecMaxContribution: amounts.ecMaxContribution ?? null,
        frameworkProgramme: record.frameworkProgramme!.trim(),
        fundingScheme: record.fundingScheme?.trim() || null,
        grantDoi: record.grantDoi?.trim() || null,
        line,
      });
    }
    projectProgress?.finish();

    const organizationProgress = progressOf('Reading organization.csv');
    for await (const { record, line } of rowsOf(organizationFile, 'organization.csv', ORGANIZATION_COLUMNS, problems, organizationProgress)) {
      const problem = (field: string, reason: string) => problems.push({ file: 'organization.csv', line, field, reason });
      const projectId = record.projectID!.trim();
      const pic = record.organisationID!.trim();
      if (!projects.has(projectId)) problem('projectID', `project ${projectId.slice(0, 40)} is not in project.csv`);
      if (!/^\d{9}$/.test(pic)) problem('organisationID', `"${pic.slice(0, 40)}" is not a 9-digit PIC`);
      if (!record.name!.trim()) problem('name', 'a participant needs a name');
      if (!record.role!.trim()) problem('role', 'a participation needs a role');
      const ecContribution = parseAmount(record.ecContribution);
      if (ecContribution === undefined) problem('ecContribution', `"${record.ecContribution!.slice(0, 40)}" is not an amount`);
      const vat = (record.vatNumber ?? '').trim().toUpperCase().replace(/\s+/g, '');
      seeRelease(record.contentUpdateDate);
      participations.push({
        projectId,
        pic,
        vat: /^[A-Z]{2}[A-Z0-9]{2,13}$/.test(vat) ? vat : null,
        name: record.name!.trim().replace(/\s+/g, ' '),
        shortName: record.shortName?.trim() || null,
        activityType: record.activityType?.trim() || null,
        city: record.city?.trim() || null,
        country: /^[A-Z]{2}$/.test(record.country?.trim() ?? '') ? record.country!.trim() : null,
        nutsCode: record.nutsCode?.trim() || null,
        website: isWebAddress(record.organizationURL?.trim()) ? record.organizationURL!.trim() : null,
        role: record.role!.trim(),
        ecContribution: ecContribution ?? null,
        line,
      });
    }
    organizationProgress?.finish();
  } finally {
    input!.close();
  }
  return { projects, participations, problems, release, programmes };
}
