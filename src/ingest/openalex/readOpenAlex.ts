import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';

import type { Progress } from '../progress.js';

/**
 * Reads OpenAlex works, streamed, from what a user saves: snapshot partitions (JSON Lines, one
 * work per line, gzipped as OpenAlex publishes them or not) and saved API responses
 * (`{ "meta": ..., "results": [work, ...] }`, a page of at most a few hundred works). Fields are
 * found by name; missing or null ones are tolerated. A line that is not JSON, or a work without
 * an OpenAlex id, is a problem named by file and line.
 */
export interface WorkInstitution {
  /** OpenAlex institution id without its prefix, e.g. I4210159245. */
  id: string;
  name: string;
  /** ROR id without its prefix. */
  ror: string | null;
  country: string | null;
  type: string | null;
}

/** An author of a work, with the institutions given for them on it. */
export interface WorkAuthor {
  /** A... without its prefix; null when the work names none. */
  id: string | null;
  name: string | null;
  /** ORCID iD without its prefix, e.g. 0000-0002-1825-0097; null when the work gives none. */
  orcid: string | null;
  /** The OpenAlex ids of the institutions given for this author on this work. */
  institutions: string[];
}

export interface Work {
  /** W... without the https://openalex.org/ prefix. */
  id: string;
  doi: string | null;
  title: string | null;
  year: number | null;
  /** The institutions of its authors (each once), in authorship order. */
  institutions: WorkInstitution[];
  /** The authors, in authorship order (those with neither an id nor a name left out). */
  authors: WorkAuthor[];
  /** The primary topic, then the others, by display name. */
  topics: string[];
  updated: string | null;
}

export interface OpenAlexProblem {
  file: string;
  line: number;
  field: string;
  reason: string;
}

const WORK_ID = /^https:\/\/openalex\.org\/(W\d{1,12})$/;
const INSTITUTION_ID = /^https:\/\/openalex\.org\/(I\d{1,12})$/;
const ROR_ID = /^https:\/\/ror\.org\/(0[a-z0-9]{8})$/;
const AUTHOR_ID = /^https:\/\/openalex\.org\/(A\d{1,12})$/;
const ORCID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A work as the dataset gives it, reduced to what the graph uses; a reason when it cannot be used. */
export function readWork(raw: unknown): Work | { problem: { field: string; reason: string } } {
  const work = record(raw);
  const id = WORK_ID.exec(text(work.id) ?? '')?.[1];
  if (!id) return { problem: { field: 'id', reason: `"${String(work.id ?? '').slice(0, 60)}" is not an OpenAlex work id (https://openalex.org/W...)` } };
  const year = work.publication_year;
  if (year !== null && year !== undefined && !(Number.isInteger(year) && (year as number) >= 1000 && (year as number) <= 2100)) {
    return { problem: { field: 'publication_year', reason: `${JSON.stringify(year).slice(0, 40)} is not a year` } };
  }
  const institutions = new Map<string, WorkInstitution>();
  const authors: WorkAuthor[] = [];
  for (const authorship of list(work.authorships)) {
    const author = record(record(authorship).author);
    const ofAuthor: string[] = [];
    for (const raw of list(record(authorship).institutions)) {
      const institution = record(raw);
      const institutionId = INSTITUTION_ID.exec(text(institution.id) ?? '')?.[1];
      const name = text(institution.display_name);
      if (!institutionId || !name) continue;
      if (!ofAuthor.includes(institutionId)) ofAuthor.push(institutionId);
      if (institutions.has(institutionId)) continue;
      const country = text(institution.country_code);
      institutions.set(institutionId, {
        id: institutionId,
        name,
        ror: ROR_ID.exec(text(institution.ror) ?? '')?.[1] ?? null,
        country: country && /^[A-Z]{2}$/.test(country) ? country : null,
        type: text(institution.type),
      });
    }
    const authorId = AUTHOR_ID.exec(text(author.id) ?? '')?.[1] ?? null;
    const authorName = text(author.display_name);
    if (authorId || authorName) authors.push({ id: authorId, name: authorName, orcid: ORCID.exec(text(author.orcid) ?? '')?.[1] ?? null, institutions: ofAuthor });
  }
  const primary = text(record(work.primary_topic).display_name);
  const topics = [...new Set([...(primary ? [primary] : []), ...list(work.topics).flatMap((topic) => text(record(topic).display_name) ?? [])])];
  const doi = text(work.doi);
  return {
    id,
    doi: doi ? doi.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '') : null,
    title: text(work.title) ?? text(work.display_name),
    year: (year as number | null | undefined) ?? null,
    institutions: [...institutions.values()],
    authors,
    topics,
    updated: text(work.updated_date)?.slice(0, 10) ?? null,
  };
}

/** The files a path names: a file, or the works files of a folder and its sub-folders (snapshot partitions sit in `updated_date=...` folders). */
export function worksFiles(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else if (/\.(gz|jsonl|ndjson|json)$/i.test(path)) {
      files.push(path);
    }
  };
  for (const path of paths) {
    if (existsSync(path)) walk(path);
    else missing.push(path);
  }
  return { files, missing };
}

/**
 * Streams every work of the files to `onWork`, in file order. Problems are collected (the
 * caller writes nothing when there is any); a file that cannot be read stops at its first problem.
 */
export async function readWorks(paths: string[], onWork: (work: Work) => void, progress?: Progress): Promise<OpenAlexProblem[]> {
  const problems: OpenAlexProblem[] = [];
  const { files, missing } = worksFiles(paths);
  for (const path of missing) problems.push({ file: path, line: 0, field: '-', reason: 'no such file or folder' });
  if (files.length === 0 && missing.length === 0) problems.push({ file: paths.join(', '), line: 0, field: '-', reason: 'no works files (.gz, .jsonl, .ndjson or .json) found' });
  const total = files.reduce((sum, file) => sum + statSync(file).size, 0);
  let done = 0;
  for (const file of files) {
    const size = statSync(file).size;
    const take = (raw: unknown, line: number) => {
      const work = readWork(raw);
      if ('problem' in work) problems.push({ file, line, ...work.problem });
      else onWork(work);
    };
    if (/\.json$/i.test(file)) {
      await readPage(file, take, problems);
      progress?.tick(1, (done += size), total);
      continue;
    }
    let bytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        bytes += chunk.length;
        next(null, chunk);
      },
    });
    const raw = createReadStream(file).pipe(counted);
    const stream = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
    let line = 0;
    try {
      for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
        line += 1;
        if (text.trim() === '') continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          problems.push({ file, line, field: '-', reason: 'not a JSON object (a works file has one work per line)' });
          continue;
        }
        take(parsed, line);
        progress?.tick(1, done + bytes, total);
      }
    } catch (error) {
      problems.push({ file, line: line + 1, field: '-', reason: `cannot be read: ${(error as Error).message}` });
    }
    done += size;
  }
  progress?.finish();
  return problems;
}

/** A saved API response: `results` holds the works. Pages are small (the API gives at most 200 works a page), so one is read whole. */
async function readPage(file: string, take: (raw: unknown, line: number) => void, problems: OpenAlexProblem[]) {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file)) chunks.push(chunk as Buffer);
  let page: unknown;
  try {
    page = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    problems.push({ file, line: 0, field: '-', reason: `not JSON: ${(error as Error).message}` });
    return;
  }
  if (!Array.isArray(record(page).results)) {
    problems.push({ file, line: 0, field: 'results', reason: 'a saved API page holds its works in "results"' });
    return;
  }
  (record(page).results as unknown[]).forEach((work, index) => take(work, index + 1));
}
