import { createRequire } from 'node:module';

import { MultiGraph } from 'graphology';

import { ALL_YEARS, worksIn } from '../../domains/entity/coPublication.js';
import type { GraphNodeRecord, SubgraphRecord } from '../network.model.js';
import { SYMMETRIC_TYPES } from '../symmetricTypes.js';

/**
 * Writers of a subgraph (map or ego network) for other tools: GEXF and GraphML (Gephi,
 * Cytoscape), CSV nodes and edges, JSON, and JSON-LD with schema.org terms. Pure functions.
 * A node's `degree` is its number of relationships in the whole graph (what the entity's own
 * `degree` says); `degreeInView` counts only those drawn in the exported view.
 */
export const EXPORT_FORMATS = ['gexf', 'graphml', 'nodes.csv', 'edges.csv', 'json', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  'nodes.csv': 'text/csv; charset=utf-8',
  'edges.csv': 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
};

const require = createRequire(import.meta.url);
const gexf = require('graphology-gexf') as { write: (graph: MultiGraph) => string };

/** Symmetric relationships (symmetricTypes.ts) are undirected edges in every format. */
const directed = (edge: { type: string }) => !SYMMETRIC_TYPES.has(edge.type);

function citationsOf(list: string[] | null | undefined): string {
  return (list ?? []).join(' ; ');
}

/** A node as exported: its subgraph record, its degree in the whole graph and the whole graph's measures of it (null when not computed). */
export interface ExportedNode extends GraphNodeRecord {
  totalDegree: number;
  neighbours: number | null;
  betweenness: number | null;
  community: number | null;
}

/** A subgraph whose nodes know their degree in the whole graph. */
export interface ExportedSubgraph extends SubgraphRecord {
  nodes: ExportedNode[];
  /** What the file holds, to cite it: written into the formats that have a place for it (GEXF, GraphML, JSON, JSON-LD). */
  meta?: ExportMeta;
}

/** An export's provenance: when, from which data version, what was asked, and where the method is described. */
export interface ExportMeta {
  title: string;
  /** The filters, as asked (`entityTypes=ORGANIZATION; asOf=2024-06-01`), or `none`. */
  filters: string;
  exportedAt: string;
  dataVersion: number;
  method: string;
}

const describe = (meta: ExportMeta) => `${meta.title}. Filters: ${meta.filters}. Data version ${meta.dataVersion}, exported ${meta.exportedAt}. Measures: ${meta.method}`;

function nodeAttributes(node: ExportedNode) {
  return {
    label: node.entity.name,
    kind: node.entity.label,
    subkind: node.entity.kind ?? '',
    themes: (node.entity.themes ?? []).join(' '),
    city: node.entity.city ?? '',
    degree: node.totalDegree,
    degreeInView: node.degree,
    neighbours: node.neighbours ?? -1,
    betweenness: node.betweenness ?? -1,
    community: node.community ?? -1,
    distance: node.distance ?? -1,
    sources: citationsOf(node.entity.citations),
  };
}

function edgeAttributes(edge: SubgraphRecord['edges'][number]) {
  return {
    type: edge.type,
    label: edge.type,
    role: edge.role ?? '',
    since: edge.since ?? '',
    until: edge.until ?? '',
    // Gephi reads `weight`: the works of a co-publication link, one for any other relationship.
    weight: edge.strength ?? worksIn(edge, ALL_YEARS),
    // A co-publication link's works per year (`2021:3 2022:5`), for time slices; empty otherwise.
    worksByYear: (edge.workYears ?? []).map((year, index) => `${year}:${edge.workCounts?.[index] ?? 0}`).join(' '),
    sources: citationsOf(edge.citations),
  };
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab and line breaks, lone
 * surrogates, U+FFFE/U+FFFF): one such character in a name makes a whole export unreadable
 * for everyone. Writes refuse them; anything stored before that is dropped on export.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

function xmlSafeValues<T extends Record<string, string | number>>(attributes: T): T {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, typeof value === 'string' ? xmlSafe(value) : value])) as T;
}

export function toGexf(subgraph: ExportedSubgraph): string {
  const graph = new MultiGraph();
  if (subgraph.meta) graph.replaceAttributes({ lastModifiedDate: subgraph.meta.exportedAt.slice(0, 10), creator: 'Montpellier AI ecosystem graph', description: xmlSafe(describe(subgraph.meta)) });
  for (const node of subgraph.nodes) graph.addNode(xmlSafe(node.entity.id), xmlSafeValues(nodeAttributes(node)));
  for (const edge of subgraph.edges) {
    const add = directed(edge) ? graph.addDirectedEdgeWithKey.bind(graph) : graph.addUndirectedEdgeWithKey.bind(graph);
    add(xmlSafe(edge.id), xmlSafe(edge.fromId), xmlSafe(edge.toId), xmlSafeValues(edgeAttributes(edge)));
  }
  // graphology-gexf writes the viz namespace with three slashes; Gephi's is http://www.gexf.net/1.1draft/viz.
  return gexf.write(graph).replace('xmlns:viz="http:///www.gexf.net/1.1draft/viz"', 'xmlns:viz="http://www.gexf.net/1.1draft/viz"');
}

function xml(text: string | number): string {
  return xmlSafe(String(text)).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function toGraphml(subgraph: ExportedSubgraph): string {
  const nodeKeys = ['label', 'kind', 'subkind', 'themes', 'city', 'degree', 'degreeInView', 'neighbours', 'betweenness', 'community', 'distance', 'sources'];
  const nodeType = (key: string) => (key === 'betweenness' ? 'double' : ['degree', 'degreeInView', 'neighbours', 'community', 'distance'].includes(key) ? 'int' : 'string');
  const edgeKeys = ['type', 'role', 'since', 'until', 'weight', 'worksByYear', 'sources'];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...(subgraph.meta ? [`  <desc>${xml(describe(subgraph.meta))}</desc>`] : []),
    ...nodeKeys.map((key) => `  <key id="n_${key}" for="node" attr.name="${key}" attr.type="${nodeType(key)}"/>`),
    ...edgeKeys.map((key) => `  <key id="e_${key}" for="edge" attr.name="${key}" attr.type="${key === 'weight' ? 'int' : 'string'}"/>`),
    '  <graph id="montpellier-ai" edgedefault="directed">',
  ];
  for (const node of subgraph.nodes) {
    const attributes = nodeAttributes(node) as Record<string, string | number>;
    lines.push(`    <node id="${xml(node.entity.id)}">${nodeKeys.map((key) => `<data key="n_${key}">${xml(attributes[key]!)}</data>`).join('')}</node>`);
  }
  for (const edge of subgraph.edges) {
    const attributes = edgeAttributes(edge) as Record<string, string | number>;
    lines.push(
      `    <edge id="${xml(edge.id)}" source="${xml(edge.fromId)}" target="${xml(edge.toId)}"${directed(edge) ? '' : ' directed="false"'}>${edgeKeys.map((key) => `<data key="e_${key}">${xml(attributes[key]!)}</data>`).join('')}</edge>`,
    );
  }
  lines.push('  </graph>', '</graphml>');
  return `${lines.join('\n')}\n`;
}

/**
 * An RFC 4180 field, safe to open in a spreadsheet (OWASP's CSV-injection rule): a text that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` and is quoted,
 * so no spreadsheet reads it as a formula; quotes are doubled. Numbers are written as they
 * are (a distance of -1 stays -1), and an absent value is an empty field.
 */
export function csvField(value: string | number | null, delimiter: ',' | ';' = ','): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /^'|["\r\n\t]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(header: string[], rows: Array<Array<string | number | null>>): string {
  return `${[header, ...rows].map((row) => row.map((cell) => csvField(cell)).join(',')).join('\r\n')}\r\n`;
}

export function toNodesCsv(subgraph: ExportedSubgraph): string {
  return csv(
    ['Id', 'Label', 'kind', 'subkind', 'themes', 'city', 'degree', 'degreeInView', 'neighbours', 'betweenness', 'community', 'distance', 'sources'],
    subgraph.nodes.map((node) => {
      const a = nodeAttributes(node);
      return [node.entity.id, a.label, a.kind, a.subkind, a.themes, a.city, a.degree, a.degreeInView, node.neighbours, node.betweenness, node.community, node.distance ?? null, a.sources];
    }),
  );
}

export function toEdgesCsv(subgraph: ExportedSubgraph): string {
  return csv(
    ['Id', 'Source', 'Target', 'Type', 'Label', 'role', 'since', 'until', 'Weight', 'worksByYear', 'sources'],
    subgraph.edges.map((edge) => [edge.id, edge.fromId, edge.toId, directed(edge) ? 'Directed' : 'Undirected', edge.type, edge.role ?? '', edge.since ?? '', edge.until ?? '', edgeAttributes(edge).weight, edgeAttributes(edge).worksByYear, citationsOf(edge.citations)]),
  );
}

export function toJson(subgraph: ExportedSubgraph): string {
  return JSON.stringify({
    ...(subgraph.meta ? { meta: subgraph.meta } : {}),
    nodes: subgraph.nodes.map((node) => ({ id: node.entity.id, ...nodeAttributes(node), sources: node.entity.citations ?? [] })),
    edges: subgraph.edges.map((edge) => ({ id: edge.id, source: edge.fromId, target: edge.toId, directed: directed(edge), ...edgeAttributes(edge), sources: edge.citations ?? [] })),
    truncated: subgraph.truncated,
  });
}

const SCHEMA_TYPE: Record<string, string> = { Organization: 'Organization', Person: 'Person', Project: 'Project', Label: 'DefinedTerm', Event: 'Event' };

/**
 * JSON-LD with schema.org terms: entities as Organization, Person, Project, DefinedTerm
 * (labels) or Event; each relationship as a schema:Role linking its two ends, with
 * roleName, startDate, endDate, and the citations. schema.org has no terms for a Role's two
 * ends, so `from` and `to` are this API's own (`<base>/vocab#from`, `#to`), described in the
 * document `/vocab` serves (VOCABULARY). Every `@id` resolves: an entity's is its document
 * (`/entity/<key>`), a relationship's a fragment of its start's document, which lists the
 * start's relationships. `alternateName` holds each other name once (aliases in French and
 * English often repeat, and the name itself is `name`).
 */
export function toJsonLd(subgraph: ExportedSubgraph, base: string): string {
  const idOf = (key: string) => `${base}/entity/${encodeURIComponent(key)}`;
  const otherNames = (entity: ExportedSubgraph['nodes'][number]['entity']) =>
    [...new Set([...(entity.aliasesFr ?? []), ...(entity.aliasesEn ?? [])])].filter((alias) => alias !== entity.name);
  return JSON.stringify({
    '@context': {
      '@vocab': 'https://schema.org/',
      relationshipType: 'https://schema.org/additionalType',
      from: { '@id': `${base}/vocab#from`, '@type': '@id' },
      to: { '@id': `${base}/vocab#to`, '@type': '@id' },
    },
    '@graph': [
      ...subgraph.nodes.map((node) => ({
        '@id': idOf(node.entity.id),
        '@type': SCHEMA_TYPE[node.entity.label] ?? 'Thing',
        name: node.entity.name,
        alternateName: otherNames(node.entity),
        description: node.entity.description ?? undefined,
        url: node.entity.website ?? undefined,
        citation: node.entity.citations ?? [],
      })),
      ...subgraph.edges.map((edge) => ({
        '@id': `${idOf(edge.fromId)}#${encodeURIComponent(edge.id)}`,
        '@type': 'Role',
        relationshipType: edge.type,
        roleName: edge.role ?? edge.type.toLowerCase(),
        startDate: edge.since ?? undefined,
        endDate: edge.until ?? undefined,
        from: idOf(edge.fromId),
        to: idOf(edge.toId),
        citation: edge.citations ?? [],
      })),
    ],
  });
}

/** The document `/vocab` serves: this API's two terms that schema.org lacks, in RDF Schema, as JSON-LD. */
export function vocabularyDocument(base: string): string {
  const term = (name: 'from' | 'to', comment: string) => ({
    '@id': `${base}/vocab#${name}`,
    '@type': 'rdf:Property',
    'rdfs:label': name,
    'rdfs:comment': comment,
    'rdfs:domain': { '@id': 'schema:Role' },
    'rdfs:range': { '@id': 'schema:Thing' },
  });
  return JSON.stringify({
    '@context': { rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', rdfs: 'http://www.w3.org/2000/01/rdf-schema#', schema: 'https://schema.org/' },
    '@graph': [
      term('from', 'The entity a relationship starts from (e.g. the organisation that takes part in a project).'),
      term('to', 'The entity a relationship points to (e.g. the project an organisation takes part in).'),
    ],
  });
}

export function writeSubgraph(subgraph: ExportedSubgraph, format: ExportFormat, base: string): string {
  switch (format) {
    case 'gexf':
      return toGexf(subgraph);
    case 'graphml':
      return toGraphml(subgraph);
    case 'nodes.csv':
      return toNodesCsv(subgraph);
    case 'edges.csv':
      return toEdgesCsv(subgraph);
    case 'json':
      return toJson(subgraph);
    case 'jsonld':
      return toJsonLd(subgraph, base);
  }
}
