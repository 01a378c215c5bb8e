/* eslint-disable @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions themselves */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { ADMIN_TOKEN, as, cleanUpCurationAfterAll, ok, SOURCE } from '../helpers/curation.js';
import { useTestApi } from '../helpers/testApi.js';

/**
 * The bid writer's consortium table: the members of a consortium being built and what they
 * already did together, from GraphQL and as files a proposal takes (CSV, XLSX, Markdown).
 */
const api = useTestApi({ ADMIN_API_KEY: ADMIN_TOKEN, RATE_LIMIT_PER_MINUTE: '0' });
cleanUpCurationAfterAll(api);

const MEMBERS = ['inria', 'university-of-montpellier', 'chu-montpellier'];
const TABLE = `query($organizations: [ID!]!) {
  consortiumTable(organizations: $organizations) {
    members { key name }
    jointWork { kind weight via { key } members { key } relationships { type role sources { source { key title } locator } } }
  }
}`;

async function download(query: string): Promise<Response> {
  return fetch(`${api.current.url}/export/consortium?${query}`);
}

describe('the consortium table', () => {
  it('gives the members in order and each thing they did together once, with every member it involves and its sources', async () => {
    const { consortiumTable } = ok(await api.current.graphql<any>(TABLE, { organizations: MEMBERS }));
    expect(consortiumTable.members.map((member: any) => member.key)).toEqual(MEMBERS);
    const alliance = consortiumTable.jointWork.find((work: any) => work.via?.key === 'ai-health-alliance');
    expect(alliance).toMatchObject({ kind: 'SHARED_PROJECT', members: MEMBERS.map((key) => ({ key })) });
    expect(alliance.relationships).toHaveLength(3);
    const unit = consortiumTable.jointWork.find((work: any) => work.kind === 'SHARED_UNIT');
    expect(unit).toMatchObject({ via: { key: 'inria-um-unit' }, members: [{ key: 'inria' }, { key: 'university-of-montpellier' }] });
    const identities = consortiumTable.jointWork.map((work: any) => `${work.kind}:${work.via?.key ?? work.relationships.map((r: any) => r.type).join()}`);
    expect(new Set(identities).size).toBe(identities.length);
    for (const work of consortiumTable.jointWork) for (const relationship of work.relationships) expect(relationship.sources.length).toBeGreaterThan(0);
    const weights = consortiumTable.jointWork.map((work: any) => work.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('answers an unknown member with NOT_FOUND on the field and a set of one with BAD_USER_INPUT', async () => {
    const unknown = await api.current.graphql<any>(TABLE, { organizations: ['inria', 'nobody-here'] });
    expect(unknown.data!.consortiumTable).toBeNull();
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(unknown.errors![0]!.message).toMatch(/organizations\[1\]/);
    const one = await api.current.graphql<any>(TABLE, { organizations: ['inria'] });
    expect(one.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const file = await download('members=inria,nobody-here&format=csv');
    expect(file.status).toBe(404);
    expect((await download('members=inria,chu-montpellier&format=pdf')).status).toBe(400);
  });

  it('exports a CSV that opens as a table: a byte order mark, one row per member, readable citations, formula-safe, with , or ;', async () => {
    const create = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';
    ok(await api.current.graphql(create, { input: { type: 'ORGANIZATION', key: 'cur-export-formula', fields: { name: '=HYPERLINK("http://x.example") Labs', kind: 'startup' }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    const members = [...MEMBERS, 'cur-export-formula'].join(',');
    const comma = await download(`members=${members}&format=csv`);
    expect(comma.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await comma.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const rows: string[][] = parse(text, { bom: true });
    expect(rows[0]!.slice(0, 4)).toEqual(['Name', 'French name', 'English name', 'Kind']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['Inria', expect.any(String), expect.any(String), `'=HYPERLINK("http://x.example") Labs`]);
    // Own names in each language where the data gives them, never an abbreviation from the aliases; blank where unknown.
    const university = rows.find((row) => row[0] === 'University of Montpellier')!;
    expect(university.slice(1, 3)).toEqual(['Université de Montpellier', 'University of Montpellier']);
    expect(rows.find((row) => row[0] === 'Inria')!.slice(1, 3)).toEqual(['', '']);
    const sources = rows[0]!.indexOf('Sources');
    // Citations name the document, never a bare key: the association's press release and its line.
    expect(rows[4]![sources]).toMatch(/cited at line 12/);
    expect(rows[4]![sources]).not.toMatch(/mm-ai-association-en/);

    const semicolon: string[][] = parse(await (await download(`members=${members}&format=csv&delimiter=semicolon`)).text(), { bom: true, delimiter: ';' });
    expect(semicolon).toEqual(rows);
  });

  it('exports an XLSX workbook with the members, the joint work (amounts as numbers) and the sources', async () => {
    const create = 'mutation($input: CreateEntityInput!) { createEntity(input: $input) { entity { key } } }';
    ok(await api.current.graphql(create, { input: { type: 'PROJECT', key: 'cur-export-project', fields: { name: 'Export Test Project', kind: 'research-project' }, sources: SOURCE } }, as(ADMIN_TOKEN)));
    const add = 'mutation($input: AddRelationshipsInput!) { addRelationships(input: $input) { relationships { key } } }';
    ok(
      await api.current.graphql(
        add,
        {
          input: {
            relationships: [
              { key: 'cur-export-funds', type: 'FUNDS', from: 'chu-montpellier', to: 'cur-export-project', amount: 1234567.5, currency: 'EUR' },
              { key: 'cur-export-takes-part', type: 'PARTICIPATES_IN', from: 'inria', to: 'cur-export-project', role: 'partner' },
            ],
            sources: SOURCE,
          },
        },
        as(ADMIN_TOKEN),
      ),
    );
    const response = await download(`members=${MEMBERS.join(',')}&format=xlsx`);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Members', 'Joint work', 'Sources']);
    expect(workbook.getWorksheet('Members')!.rowCount).toBe(1 + MEMBERS.length);
    const joint = workbook.getWorksheet('Joint work')!;
    const header = (joint.getRow(1).values as unknown[]).slice(1);
    const funded = joint.getRows(2, joint.rowCount - 1)!.find((row) => row.getCell(1).value === 'Export Test Project' && row.getCell(header.indexOf('Member') + 1).value === 'Montpellier University Hospital Center');
    expect(funded).toBeDefined();
    expect(funded!.getCell(header.indexOf('Amount') + 1).value).toBe(1234567.5);
    expect(funded!.getCell(header.indexOf('Currency') + 1).value).toBe('EUR');
    const sources = workbook.getWorksheet('Sources')!;
    expect(sources.rowCount).toBeGreaterThan(1);
    expect(sources.getRow(2).getCell(1).value).toBe(1);
    // It reads well when opened: a frozen, filterable header; columns as wide as their content, within bounds; long text wrapped.
    for (const worksheet of workbook.worksheets) {
      expect(worksheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(worksheet.autoFilter).toBeTruthy();
      const widths = worksheet.columns.map((column) => column.width ?? 0);
      expect(Math.max(...widths)).toBeLessThanOrEqual(60);
      expect(new Set(widths).size, worksheet.name).toBeGreaterThan(1);
    }
    const members = workbook.getWorksheet('Members')!;
    expect(members.getRow(2).getCell(1).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
  });

  it('exports Markdown to paste into a proposal: one table row per member, then the joint work and the numbered sources', async () => {
    const response = await download(`members=${MEMBERS.join(',')}&format=md`);
    const markdown = await response.text();
    const [membersPart] = markdown.split('## What the members already did together');
    const rows = membersPart!.split('\n').filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(2 + MEMBERS.length);
    expect(rows[2]).toMatch(/^\| Inria \|/);
    expect(markdown).toMatch(/## Sources\n\n1\. /);
    expect(markdown).toContain('AI Health Alliance');
    // Only columns with something in them; a reference reads [1] where it is pasted, not \[1\].
    const header = rows[0]!.split('|').map((cell) => cell.trim()).filter(Boolean);
    for (const [index] of header.entries()) {
      expect(rows.slice(2).some((row) => row.split('|').slice(1, -1)[index]!.trim() !== ''), header[index]).toBe(true);
    }
    expect(markdown).not.toContain('\\[');
    expect(markdown).toMatch(/\[\d+\]/);
    // Each role says its project; a source's cited places are in reading order.
    expect(markdown).toMatch(/\| [^|]*\((?:AI Health Alliance|[^)]+)\)[^|]*\|/);
    const roleCells = rows.slice(2).map((row) => row.split('|').slice(1, -1)).map((cells) => cells[header.indexOf('Roles in joint projects')]?.trim() ?? '');
    expect(roleCells.filter(Boolean).length).toBeGreaterThan(0);
    for (const cell of roleCells.filter(Boolean)) expect(cell).toMatch(/^(?:[a-z][\w -]* \((?:[^()]|\([^()]*\))+\)(?:; |$))+$/);
    const cited = markdown.split('## Sources')[1]!.match(/cited at ([^\n]+)/g) ?? [];
    for (const line of cited) {
      const lines = line.replace('cited at ', '').split('; ').filter((place) => /^lines? \d/.test(place));
      const places = lines.map((place) => Number(/\d+/.exec(place)![0]));
      expect(places).toEqual([...places].sort((a, b) => a - b));
    }
  });

  it('speaks French when asked (lang=fr): headers, sections, kinds and names, in every format', async () => {
    const markdown = await (await download(`members=${MEMBERS.join(',')}&format=md&lang=fr`)).text();
    expect(markdown).toContain('## Ce que les membres ont déjà fait ensemble');
    expect(markdown).toMatch(/^\| Nom \| Type \|/m);
    expect(markdown).toContain('| Université de Montpellier |');
    expect(markdown).toMatch(/\| hôpital \|/);
    const csv = await download(`members=${MEMBERS.join(',')}&format=csv&lang=fr&delimiter=semicolon`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="consortium-fr.csv"');
    expect((await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Nom;Nom en français;Nom en anglais;Type;Ville;/);
    const refused = await download(`members=${MEMBERS.join(',')}&format=md&lang=de`);
    expect(refused.status).toBe(400);
  });
});
