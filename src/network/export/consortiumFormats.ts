import ExcelJS from 'exceljs';

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
  ['Roles in joint projects', (row) => row.roles],
  ['Joint work with the other members', (row) => row.jointWork],
  ['Sources', (row) => row.sources],
];

const JOINT_WORK_COLUMNS: Array<Column<JointWorkRow>> = [
  ['What', (row) => row.what],
  ['Kind', (row) => row.kind],
  ['Member', (row) => row.member],
  ['Role', (row) => row.role],
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
export function consortiumCsv(report: ConsortiumReport, delimiter: ',' | ';'): string {
  const columns: Array<Column<MemberRow>> = [...MEMBER_COLUMNS.slice(0, -1), ['Sources', (row) => row.sourcesInFull]];
  const lines = [columns.map(([header]) => header), ...report.members.map((row) => columns.map(([, value]) => value(row)))];
  return `\uFEFF${lines.map((line) => line.map((cell) => csvField(cell, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}

export async function consortiumXlsx(report: ConsortiumReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Montpellier AI ecosystem graph';
  const sheet = <T>(name: string, columns: Array<Column<T>>, rows: T[]) => {
    const worksheet = workbook.addWorksheet(name);
    worksheet.addRow(columns.map(([header]) => header)).font = { bold: true };
    for (const row of rows) worksheet.addRow(columns.map(([, value]) => value(row)));
    worksheet.columns.forEach((column) => {
      column.width = 22;
    });
  };
  sheet('Members', MEMBER_COLUMNS, report.members);
  sheet('Joint work', JOINT_WORK_COLUMNS, report.jointWork);
  sheet('Sources', SOURCE_COLUMNS, report.sources);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function consortiumMarkdown(report: ConsortiumReport): string {
  const table = <T>(columns: Array<Column<T>>, rows: T[]) =>
    [
      `| ${columns.map(([header]) => header).join(' | ')} |`,
      `| ${columns.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${columns.map(([, value]) => markdownCell(value(row))).join(' | ')} |`),
    ].join('\n');
  const memberColumns = MEMBER_COLUMNS.filter(([header]) => !['French name', 'English name'].includes(header));
  return [
    '## Consortium',
    '',
    table(memberColumns, report.members),
    '',
    '## What the members already did together',
    '',
    report.jointWork.length > 0 ? table(JOINT_WORK_COLUMNS, report.jointWork) : 'Nothing recorded in the graph.',
    '',
    '## Sources',
    '',
    ...report.sources.map((source) => `${source.ref}. ${markdownText(citationText(source))}`),
    '',
  ].join('\n');
}

function markdownText(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1').replace(/\s*[\r\n]+\s*/g, ' ');
}

function markdownCell(value: string | number | null): string {
  return value === null ? '' : typeof value === 'number' ? String(value) : markdownText(value);
}
