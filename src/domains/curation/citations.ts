import { BadUserInputError } from '../../errors.js';
import { keyPattern, sourceSchema } from '../../ingest/importFormat.js';
import { sourceRow } from '../../ingest/graphRows.js';
import { foldForSearch } from '../shared/foldForSearch.js';
import { fromGlobalId } from '../shared/globalId.js';
import { createSource, sourceKeyTaken, sourcesByIds } from './curation.cypher.js';
import type { CurationTransaction } from './curationTransaction.js';

/** A citation as a mutation gives it: an existing source or a new one, and a locator. */
export interface CitationInput {
  source?: string | null;
  newSource?: Record<string, unknown> | null;
  locator?: string | null;
}

export const MAX_CITATIONS = 20;
const DEFAULT_LOCATOR = 'whole document';

/**
 * Turns a mutation's citations into stored citation strings (`<source>#<locator>`),
 * creating the new sources (each recorded as a change). At least one is required; an
 * unknown source, or a citation naming both or neither, is the client's error at its path.
 */
export async function resolveCitations(tx: CurationTransaction, inputs: CitationInput[]): Promise<string[]> {
  if (inputs.length === 0) throw new BadUserInputError('`input.sources`: every change cites at least one source.', { field: 'input.sources' });
  if (inputs.length > MAX_CITATIONS) {
    throw new BadUserInputError(`\`input.sources\`: at most ${MAX_CITATIONS} citations per change.`, { field: 'input.sources' });
  }
  const citations: string[] = [];
  for (const [index, input] of inputs.entries()) {
    const field = `input.sources.${index}`;
    const locator = (input.locator ?? '').trim() || DEFAULT_LOCATOR;
    if (locator.length > 200) throw new BadUserInputError(`\`${field}.locator\`: at most 200 characters.`, { field: `${field}.locator` });
    const hasSource = input.source !== null && input.source !== undefined;
    const hasNew = input.newSource !== null && input.newSource !== undefined;
    if (hasSource === hasNew) throw new BadUserInputError(`\`${field}\`: give exactly one of \`source\` and \`newSource\`.`, { field });
    const sourceId = hasSource ? await existingSource(tx, input.source!, `${field}.source`) : await newSource(tx, input.newSource!, `${field}.newSource`);
    const citation = `${sourceId}#${locator}`;
    if (!citations.includes(citation)) citations.push(citation);
  }
  return citations;
}

async function existingSource(tx: CurationTransaction, reference: string, field: string): Promise<string> {
  const global = fromGlobalId(reference);
  const id = global ? (global.type === 'Source' ? global.key : null) : reference;
  const [row] = id && id.length <= 200 ? await tx.run(sourcesByIds, { ids: [id] }) : [];
  if (!row) throw new BadUserInputError(`\`${field}\`: no source has the id or key "${reference.slice(0, 100)}".`, { field });
  return row.id as string;
}

async function newSource(tx: CurationTransaction, input: Record<string, unknown>, field: string): Promise<string> {
  const { key, ...rest } = input;
  const id = (key as string | null | undefined) ?? (await freeSourceKey(tx, String(rest.title ?? '')));
  const entry = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== null && value !== undefined));
  const parsed = sourceSchema.safeParse({ id, ...entry });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path[0] === 'id' ? `${field}.key` : [field, ...issue.path.map(String)].join('.');
    throw new BadUserInputError(`\`${path}\`: ${issue.message}.`, { field: path });
  }
  const [taken] = await tx.run(sourceKeyTaken, { id });
  if (taken!.taken) throw new BadUserInputError(`\`${field}.key\`: a source already has the key "${id}"; cite it with \`source\`.`, { field: `${field}.key` });
  const row = sourceRow(parsed.data);
  await tx.run(createSource, { id, props: row.props });
  tx.record({ action: 'CREATED', targetKind: 'SOURCE', target: id, after: parsed.data });
  return id;
}

/** `src-` and the title's words, with a number when that key is taken. */
async function freeSourceKey(tx: CurationTransaction, title: string): Promise<string> {
  const base = `src-${keyFromName(title) || 'document'}`;
  for (let suffix = 1; suffix < 50; suffix += 1) {
    const candidate = suffix === 1 ? base : `${base}-${suffix}`;
    const [row] = await tx.run(sourceKeyTaken, { id: candidate });
    if (!row!.taken) return candidate;
  }
  throw new BadUserInputError('Could not make a free key from this title; give `key`.', { field: 'input.sources' });
}

/** Lower-case words and dashes made from a name (accents dropped), at most 60 characters. */
export function keyFromName(name: string): string {
  const key = foldForSearch(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return keyPattern.test(key) ? key : '';
}
