import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

import { parse } from 'csv-parse';

import { InputFileError } from '../inputFiles.js';

/**
 * Reads the national directory of research structures (RNSR, "fr-esr-structures-recherche-
 * publiques-actives", Licence Ouverte / Etalab 2.0): one `;`-separated row per structure, list
 * fields `;`-separated inside their quotes, aligned with each other (the n-th supervising body's
 * name, acronym, UAI, SIRET and type). The directors' names the file holds are personal data the
 * graph does not need: they are never read.
 */
export interface RnsrBody {
  name: string;
  acronym: string | null;
  uai: string | null;
  siret: string | null;
  /** TUTE: supervising body; PART: participating body. */
  type: string | null;
  /** The body's nature: UNIV (university), EPST, EPIC (research bodies)... */
  nature: string | null;
  /** The unit's label with this body (UMR 5506, UPR 2191...). */
  label: string | null;
}

export interface RnsrStructure {
  number: string;
  line: number;
  name: string;
  acronym: string | null;
  founded: string | null;
  /** Type of structure as the directory names it (Unité propre, Unité mixte, Equipe...). */
  type: string | null;
  level: string | null;
  website: string | null;
  city: string | null;
  postcode: string | null;
  bodies: RnsrBody[];
  children: string[];
  parents: string[];
  predecessors: Array<{ number: string; kind: string | null; year: string | null }>;
  domains: Array<{ code: string; name: string }>;
  ercPanels: Array<{ code: string; name: string }>;
  grid: string | null;
}

/** The columns a reader and the extract keep: the directory's own, without the directors' names. */
export const RNSR_COLUMNS = [
  'numero_national_de_structure', 'libelle', 'sigle', 'annee_de_creation', 'type_de_structure', 'code_de_type_de_structure', 'code_de_niveau_de_structure',
  'site_web', 'code_postal', 'commune', 'label_numero', 'tutelles', 'sigles_des_tutelles', 'code_de_nature_de_tutelle', 'nature_de_tutelle',
  'uai_des_tutelles', 'siret_des_tutelles', 'code_de_type_de_tutelle', 'type_de_tutelle', 'numero_de_structure_enfant', 'numero_de_structure_parent',
  'numero_de_structure_historique', 'type_de_succession', 'code_de_type_de_succession', 'annee_d_effet_historique', 'code_domaine_scientifique',
  'domaine_scientifique', 'code_panel_erc', 'panel_erc', 'fiche_rnsr',
] as const;

const NUMBER = /^\d{9}[A-Z]$/;

const value = (text: string | undefined) => {
  const trimmed = (text ?? '').trim().replace(/\s+/g, ' ');
  return trimmed === '' ? null : trimmed;
};
const list = (text: string | undefined) => (text ?? '').split(';').map((item) => item.trim());

/** A commune as a person writes it, without its CEDEX ("MONTPELLIER CEDEX 5" → "MONTPELLIER"). */
export function communeOf(text: string | undefined): string | null {
  return value((text ?? '').replace(/\bCEDEX\b.*$/i, ''));
}

export function reduceRow(row: Record<string, string>, line: number): RnsrStructure | { line: number; reason: string } {
  const number = value(row.numero_national_de_structure);
  if (!number || !NUMBER.test(number)) return { line, reason: `"${String(number).slice(0, 40)}" is not a structure number (nine digits and a letter)` };
  const name = value(row.libelle);
  if (!name) return { line, reason: `structure ${number} has no name` };
  const names = list(row.tutelles);
  const acronyms = list(row.sigles_des_tutelles);
  const uai = list(row.uai_des_tutelles);
  const siret = list(row.siret_des_tutelles);
  const types = list(row.code_de_type_de_tutelle);
  const natures = list(row.code_de_nature_de_tutelle);
  const labels = list(row.label_numero);
  const bodies = names
    .map((body, index) => ({
      name: body,
      acronym: value(acronyms[index]),
      uai: value(uai[index]),
      siret: value(siret[index]),
      type: value(types[index]),
      nature: value(natures[index]),
      label: value(labels[index]),
    }))
    .filter((body) => body.name !== '');
  const numbers = (text: string | undefined) => list(text).filter((item) => NUMBER.test(item));
  const history = list(row.numero_de_structure_historique);
  const kinds = list(row.type_de_succession);
  const years = list(row.annee_d_effet_historique);
  const paired = (codes: string | undefined, labelsOf: string | undefined) => {
    const names = list(labelsOf);
    return list(codes).map((code, index) => ({ code, name: names[index] ?? '' })).filter((pair) => pair.code !== '' && pair.name !== '');
  };
  const website = value(row.site_web);
  return {
    number,
    line,
    name,
    acronym: value(row.sigle),
    founded: /^\d{4}$/.test(row.annee_de_creation ?? '') ? row.annee_de_creation! : null,
    type: value(row.type_de_structure),
    level: value(row.code_de_niveau_de_structure),
    website: website && /^https?:\/\/\S+$/.test(website) ? website : null,
    city: communeOf(row.commune),
    postcode: value(row.code_postal),
    bodies,
    children: numbers(row.numero_de_structure_enfant),
    parents: numbers(row.numero_de_structure_parent),
    predecessors: history.map((item, index) => ({ number: item, kind: value(kinds[index]), year: value(years[index]) })).filter((item) => NUMBER.test(item.number)),
    domains: paired(row.code_domaine_scientifique, row.domaine_scientifique),
    ercPanels: paired(row.code_panel_erc, row.panel_erc),
    grid: value(row.grid),
  };
}

/** The separator of a file's header line: `;` as published, `,` in the copy with GRID ids. */
export async function delimiterOf(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const first = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    return (first.match(/,/g)?.length ?? 0) > (first.match(/;/g)?.length ?? 0) ? ',' : ';';
  } finally {
    await handle.close();
  }
}

/** Streams the rows of a directory file (`;` or `,` separated, as published or as the extract writes it). */
export async function readRnsr(file: string, each: (structure: RnsrStructure) => void): Promise<Array<{ line: number; reason: string }>> {
  const problems: Array<{ line: number; reason: string }> = [];
  let header: string[] | null = null;
  const parser = createReadStream(file).pipe(
    parse({
      delimiter: await delimiterOf(file),
      bom: true,
      relax_column_count: true,
      columns: (names: string[]) => {
        header = names;
        if (!names.includes('numero_national_de_structure')) throw new InputFileError(`${file} is not a file of the research directory: no numero_national_de_structure column`);
        return names.map((name) => (name === '' ? 'index' : name));
      },
    }),
  );
  let line = 1;
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line += 1;
      const reduced = reduceRow(row, line);
      if ('reason' in reduced) problems.push(reduced);
      else each(reduced);
    }
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    problems.push({ line: line + 1, reason: `the file cannot be read as CSV (${(error as Error).message.split('\n')[0]})` });
  }
  if (!header) problems.push({ line: 1, reason: 'the file is empty: no header line' });
  return problems;
}
