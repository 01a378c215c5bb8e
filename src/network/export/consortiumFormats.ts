import ExcelJS from 'exceljs';

import { vocabulary } from '../../domains/entity/vocabulary.js';
import { citationText, type ConsortiumReport, type JointWorkRow, type MemberRow, type SourceRow } from './consortiumReport.js';
import { csvField } from './formats.js';

/**
 * The consortium table in the formats a proposal takes: CSV (the members, one row each,
 * UTF-8 with a byte order mark so that Excel reads accents, `,` or `;` as asked, formula-safe),
 * XLSX (three sheets: members, joint work, sources; amounts as numbers) and Markdown (to paste
 * into a proposal: the members, the joint work, the numbered sources).
 */
export const CONSORTIUM_FORMATS = ['csv', 'xlsx', 'md'] as const;
export type ConsortiumFormat = (typeof CONSORTIUM_FORMATS)[number];
export type ConsortiumLanguage = 'en' | 'fr';

/** The table's words in French (headers, sheets, sections): a proposal written in French pastes it as it is. */
const FRENCH: Record<string, string> = {
  Name: 'Nom', 'French name': 'Nom en français', 'English name': 'Nom en anglais', Kind: 'Type', City: 'Ville', Country: 'Pays',
  Website: 'Site web', 'Roles in joint projects': 'Rôles dans les projets communs', 'Joint work with the other members': 'Travaux communs avec les autres membres',
  Sources: 'Sources', What: 'Quoi', Member: 'Membre', Role: 'Rôle', Since: 'Depuis', Until: "Jusqu'à", Amount: 'Montant', Currency: 'Devise',
  Ref: 'Réf.', Title: 'Titre', Publisher: 'Éditeur', Published: 'Date', URL: 'URL', 'Cited at': 'Cité à', Members: 'Membres', 'Joint work': 'Travaux communs',
  'What the members already did together': 'Ce que les membres ont déjà fait ensemble', 'Nothing recorded in the graph.': "Rien n'est enregistré dans le graphe.",
  with: 'avec',
};
const KIND_NAMES = new Map(vocabulary('ORGANIZATION_KINDS').map((term) => [term.value, term]));
const ROLE_NAMES = new Map(vocabulary('ROLES').map((term) => [term.value, term]));
/** The kinds of joint work, in both languages. */
const WORK_KINDS: Record<string, { en: string; fr: string }> = {
  SHARED_PROJECT: { en: 'shared project', fr: 'projet commun' },
  SHARED_MEMBERSHIP: { en: 'shared membership', fr: 'adhésion commune' },
  SHARED_UNIT: { en: 'joint unit', fr: 'unité commune' },
  DIRECT: { en: 'direct link', fr: 'lien direct' },
  CO_PUBLICATION: { en: 'co-publications', fr: 'co-publications' },
};
const roleName = (role: string, language: ConsortiumLanguage) => ROLE_NAMES.get(role)?.[language] ?? role;
const workKindName = (kind: string, language: ConsortiumLanguage) => WORK_KINDS[kind]?.[language] ?? kind;

/** A header or title in the table's language. */
const say = (text: string, language: ConsortiumLanguage) => (language === 'fr' ? (FRENCH[text] ?? text) : text);

/** The columns with headers in the language, kinds named in it, and names in it first. */
function memberColumns(language: ConsortiumLanguage): Array<Column<MemberRow>> {
  return MEMBER_COLUMNS.map(([header, value]): Column<MemberRow> => {
    if (header === 'Kind') return [say(header, language), (row) => (row.kind ? (KIND_NAMES.get(row.kind)?.[language] ?? row.kind) : null)];
    if (header === 'Name') return [say(header, language), (row) => (language === 'fr' ? (row.nameFr ?? row.name) : (row.nameEn ?? row.name))];
    // Each role says which project it is held in.
    if (header === 'Roles in joint projects') return [say(header, language), (row) => row.roles.map(({ role, what }) => `${roleName(role, language)} (${what})`).join('; ')];
    if (header === 'Joint work with the other members') {
      return [say(header, language), (row) => row.jointWork.map((work) => `${work.what} (${workKindName(work.kind, language)}, ${say('with', language)} ${work.with.join(', ')})`).join('; ')];
    }
    return [say(header, language), value];
  });
}
const translated = <T>(columns: Array<Column<T>>, language: ConsortiumLanguage): Array<Column<T>> => columns.map(([header, value]) => [say(header, language), value]);

/** The joint-work columns, kinds and roles named in the table's language. */
function jointWorkColumns(language: ConsortiumLanguage): Array<Column<JointWorkRow>> {
  return translated(JOINT_WORK_COLUMNS, language).map(([header, value], index): Column<JointWorkRow> => {
    const english = JOINT_WORK_COLUMNS[index]![0];
    if (english === 'Kind') return [header, (row) => workKindName(row.kind, language)];
    if (english === 'Role') return [header, (row) => row.roles.map((role) => roleName(role, language)).join(', ')];
    return [header, value];
  });
}

/** Columns empty in every row are left out of a table to paste (a proposal's page is narrow). */
const filled = <T>(columns: Array<Column<T>>, rows: T[]) => columns.filter(([, value]) => rows.some((row) => ![null, ''].includes(value(row) as string | null)));

export const CONSORTIUM_CONTENT_TYPES: Record<ConsortiumFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
};

type Column<T> = [header: string, value: (row: T) => string | number | null];

const MEMBER_COLUMNS: Array<Column<MemberRow>> = [
  ['Name', (row) => row.name],
  ['French name', (row) => row.nameFr],
  ['English name', (row) => row.nameEn],
  ['Kind', (row) => row.kind],
  ['City', (row) => row.city],
  ['Country', (row) => row.country],
  ['Website', (row) => row.website],
  ['ROR', (row) => row.ror],
  ['PIC', (row) => row.pic],
  ['SIREN', (row) => row.siren],
  ['Wikidata', (row) => row.wikidata],
  ['Roles in joint projects', () => null],
  ['Joint work with the other members', () => null],
  ['Sources', (row) => row.sources],
];

const JOINT_WORK_COLUMNS: Array<Column<JointWorkRow>> = [
  ['What', (row) => row.what],
  ['Kind', (row) => row.kind],
  ['Member', (row) => row.member],
  ['Role', (row) => row.roles.join(', ')],
  ['Since', (row) => row.since],
  ['Until', (row) => row.until],
  ['Amount', (row) => row.amount],
  ['Currency', (row) => row.currency],
  ['Sources', (row) => row.sources],
];

const SOURCE_COLUMNS: Array<Column<SourceRow>> = [
  ['Ref', (row) => row.ref],
  ['Title', (row) => row.title],
  ['Publisher', (row) => row.publisher],
  ['Published', (row) => row.published],
  ['URL', (row) => row.url],
  ['Cited at', (row) => row.cited],
];

/** One table, one row per member; a table read alone, so its sources are written out in full. */
export function consortiumCsv(report: ConsortiumReport, delimiter: ',' | ';', language: ConsortiumLanguage = 'en'): string {
  const columns: Array<Column<MemberRow>> = [...memberColumns(language).slice(0, -1), [say('Sources', language), (row) => row.sourcesInFull]];
  const lines = [columns.map(([header]) => header), ...report.members.map((row) => columns.map(([, value]) => value(row)))];
  return `\uFEFF${lines.map((line) => line.map((cell) => csvField(cell, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

/** The widest a column gets, in characters; longer cells wrap. */
const MAX_WIDTH = 60;

export async function consortiumXlsx(report: ConsortiumReport, language: ConsortiumLanguage = 'en'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Montpellier AI ecosystem graph';
  // A sheet that reads well when opened: the header row bold, frozen and filterable; each column as
  // wide as its content up to a bound, longer text wrapped at the top of its cell; amounts grouped.
  const sheet = <T>(name: string, columns: Array<Column<T>>, rows: T[]) => {
    const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = worksheet.addRow(columns.map(([title]) => title));
    header.font = { bold: true };
    header.alignment = { vertical: 'top', wrapText: true };
    for (const row of rows) worksheet.addRow(columns.map(([, value]) => value(row))).alignment = { vertical: 'top', wrapText: true };
    columns.forEach(([title, value], index) => {
      const longest = Math.max(title.length, ...rows.map((row) => String(value(row) ?? '').length));
      const column = worksheet.getColumn(index + 1);
      column.width = Math.min(MAX_WIDTH, Math.max(8, longest + 2));
      if (rows.some((row) => typeof value(row) === 'number' && !Number.isInteger(value(row)))) column.numFmt = '#,##0.00';
    });
    worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  };
  sheet(say('Members', language), memberColumns(language), report.members);
  sheet(say('Joint work', language), jointWorkColumns(language), report.jointWork);
  sheet(say('Sources', language), translated(SOURCE_COLUMNS, language), report.sources);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function consortiumMarkdown(report: ConsortiumReport, language: ConsortiumLanguage = 'en'): string {
  const table = <T>(columns: Array<Column<T>>, rows: T[]) =>
    [
      `| ${columns.map(([header]) => header).join(' | ')} |`,
      `| ${columns.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${columns.map(([, value]) => markdownCell(value(row))).join(' | ')} |`),
    ].join('\n');
  const members = memberColumns(language).filter(([header]) => ![say('French name', language), say('English name', language)].includes(header));
  return [
    '## Consortium',
    '',
    table(filled(members, report.members), report.members),
    '',
    `## ${say('What the members already did together', language)}`,
    '',
    report.jointWork.length > 0 ? table(filled(jointWorkColumns(language), report.jointWork), report.jointWork) : say('Nothing recorded in the graph.', language),
    '',
    `## ${say('Sources', language)}`,
    '',
    ...report.sources.map((source) => `${source.ref}. ${markdownText(citationText(source))}`),
    '',
  ].join('\n');
}

/** Escapes what Markdown would read as markup; a reference such as [1] stays as written (it is no link without a following address). */
function markdownText(text: string): string {
  return text.replace(/([\\`*_<>|])/g, '\\$1').replace(/\]\(/g, ']\\(').replace(/\s*[\r\n]+\s*/g, ' ');
}

function markdownCell(value: string | number | null): string {
  return value === null ? '' : typeof value === 'number' ? String(value) : markdownText(value);
}
