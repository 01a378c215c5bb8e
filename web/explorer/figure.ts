import { cutAtWord } from '../../src/domains/entity/shortName.js';
import { labelBox, MAX_CHARACTERS, overlaps, type Box } from './labels.js';

/**
 * The map as a figure for a paper or a print: an SVG drawn from what the view shows (the
 * nodes where they are, their colours, the links, with arrows only for one-way ones), a title
 * band with the filters and the method, and the legend below. Vector, so it prints at any
 * size; the print PNG is this SVG rasterised at a print resolution.
 *
 * Unlike the screen, which names only the nodes its zoom leaves room for, a figure names every
 * node that has room, the ringed ones (the selection, a consortium's members) first, then the
 * largest: a hub is never the one left unnamed. Labels never cover each other or another node
 * (labelBox, as on the screen).
 */
export interface FigureNode {
  x: number;
  y: number;
  radius: number;
  colour: string;
  /** The name to write beside it; empty for a node drawn without one (dimmed). */
  label: string;
  ringed: boolean;
}

export interface FigureEdge {
  from: { x: number; y: number; radius: number };
  to: { x: number; y: number; radius: number };
  colour: string;
  width: number;
  arrow: boolean;
}

export interface FigureCaption {
  title: string;
  filters: string;
  legend: Array<{ colour: string; label: string }>;
}

export interface Figure {
  /** The map's size in pixels (the coordinates of nodes and edges). */
  width: number;
  height: number;
  nodes: FigureNode[];
  edges: FigureEdge[];
  caption: FigureCaption;
}

/** The width of a text at a font size, in pixels (the page measures it with a canvas; tests estimate it). */
export type Measure = (text: string, fontSize: number, bold?: boolean) => number;

const LABEL_SIZE = 12;
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const INK = '#1b1f24';
const MUTED = '#4a5260';

export function figureSvg(figure: Figure, measure: Measure): string {
  const { width } = figure;
  const filterLines = wrap(figure.caption.filters, width - 32, (text) => measure(text, 14));
  const header = 44 + 20 * filterLines.length;
  const rows = legendRows(figure.caption.legend, width, (text) => measure(text, 14));
  const footer = 18 + 22 * rows.length;
  const height = header + figure.height + footer;

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`);
  parts.push(`<title>${escapeXml(figure.caption.title)}</title>`);
  parts.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>');
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="16" y="28" font-size="20" font-weight="bold" fill="${INK}">${escapeXml(figure.caption.title)}</text>`);
  filterLines.forEach((line, index) => parts.push(`<text x="16" y="${50 + 20 * index}" font-size="14" fill="${MUTED}">${escapeXml(line)}</text>`));

  parts.push(`<g transform="translate(0 ${header})">`);
  parts.push('<g class="edges" fill="none">');
  for (const edge of figure.edges) {
    // From the rim of one disc to the rim of the other, so an arrow's head shows.
    const dx = edge.to.x - edge.from.x;
    const dy = edge.to.y - edge.from.y;
    const length = Math.hypot(dx, dy) || 1;
    const start = { x: edge.from.x + (dx / length) * edge.from.radius, y: edge.from.y + (dy / length) * edge.from.radius };
    const end = { x: edge.to.x - (dx / length) * edge.to.radius, y: edge.to.y - (dy / length) * edge.to.radius };
    parts.push(
      `<line x1="${round(start.x)}" y1="${round(start.y)}" x2="${round(end.x)}" y2="${round(end.y)}" stroke="${edge.colour}" stroke-width="${round(edge.width)}"${edge.arrow ? ' marker-end="url(#arrow)"' : ''}/>`,
    );
  }
  parts.push('</g><g class="nodes">');
  for (const node of figure.nodes) {
    const ring = node.ringed ? ` stroke="${INK}" stroke-width="2"` : ' stroke="#ffffff" stroke-width="0.5"';
    parts.push(`<circle cx="${round(node.x)}" cy="${round(node.y)}" r="${round(node.radius)}" fill="${node.colour}"${ring}/>`);
  }
  parts.push('</g><g class="labels" font-size="12" fill="' + INK + '">');
  for (const label of placeLabels(figure, measure)) {
    const halo = label.halo ? ' stroke="#ffffff" stroke-width="3" paint-order="stroke"' : '';
    parts.push(`<text x="${round(label.x)}" y="${round(label.y + label.height - 4)}"${halo}>${escapeXml(label.text)}</text>`);
  }
  parts.push('</g></g>');

  rows.forEach((row, index) => {
    const y = header + figure.height + 24 + 22 * index;
    for (const { colour, label, x } of row) {
      parts.push(`<circle cx="${x + 6}" cy="${y - 5}" r="6" fill="${colour}"/>`);
      parts.push(`<text x="${x + 16}" y="${y}" font-size="14" fill="${INK}">${escapeXml(label)}</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** How many of the largest nodes a figure always names (with the ringed ones), even over a smaller node. */
export const ALWAYS_NAMED = 5;

/**
 * Where each label goes: ringed nodes first, then the largest. A label goes right or left of
 * its node (labelBox), else above or below it, wherever it covers no other label and no other
 * node; a label without such room is left out, except for the ringed nodes and the
 * ALWAYS_NAMED largest, which take the place covering the fewest nodes (never another label),
 * written over a white halo so that it reads.
 */
export function placeLabels(figure: Pick<Figure, 'width' | 'height' | 'nodes'>, measure: Measure): Array<Box & { text: string; halo: boolean }> {
  const discs = figure.nodes.map((node) => ({ x: node.x - node.radius, y: node.y - node.radius, width: 2 * node.radius, height: 2 * node.radius }));
  const order = figure.nodes
    .map((node, index) => ({ node, disc: discs[index]! }))
    .filter(({ node }) => node.label)
    .sort((a, b) => Number(b.node.ringed) - Number(a.node.ringed) || b.node.radius - a.node.radius);
  const taken: Box[] = [];
  const placed: Array<Box & { text: string; halo: boolean }> = [];
  order.forEach(({ node, disc }, rank) => {
    const text = cutAtWord(node.label, MAX_CHARACTERS);
    const width = measure(text, LABEL_SIZE);
    const height = LABEL_SIZE + 2;
    const others = discs.filter((other) => other !== disc);
    const beside = labelBox({ x: node.x, y: node.y, size: node.radius }, width, height, taken, figure.width, others);
    const candidates = [
      ...(beside ? [beside] : []),
      { x: node.x - width / 2, y: node.y - node.radius - 2 - height, width, height },
      { x: node.x - width / 2, y: node.y + node.radius + 2, width, height },
      { x: node.x + node.radius + 3, y: node.y - height / 2, width, height },
      { x: node.x - node.radius - 3 - width, y: node.y - height / 2, width, height },
    ].filter((box) => box.x >= 0 && box.x + box.width <= figure.width && box.y >= 0 && box.y + box.height <= figure.height && !taken.some((other) => overlaps(box, other)));
    const covered = (box: Box) => others.filter((other) => overlaps(box, other)).length;
    const free = candidates.find((box) => covered(box) === 0);
    const named = node.ringed || rank < ALWAYS_NAMED;
    const box = free ?? (named && candidates.length > 0 ? candidates.reduce((best, box) => (covered(box) < covered(best) ? box : best)) : null);
    if (!box) return;
    taken.push(box);
    placed.push({ ...box, text, halo: !free });
  });
  return placed;
}


/** The legend's entries in rows that fit `width` pixels, each with its left edge. */
export function legendRows(legend: FigureCaption['legend'], width: number, measure: (text: string) => number): Array<Array<{ colour: string; label: string; x: number }>> {
  const rows: Array<Array<{ colour: string; label: string; x: number }>> = [[]];
  let x = 16;
  for (const entry of legend) {
    const room = 28 + measure(entry.label);
    if (x + room > width - 16 && rows.at(-1)!.length > 0) {
      rows.push([]);
      x = 16;
    }
    rows.at(-1)!.push({ ...entry, x });
    x += room;
  }
  return rows.filter((row) => row.length > 0);
}

/** A text broken into lines of at most `width` pixels, at spaces. */
export function wrap(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const tried = line ? `${line} ${word}` : word;
    if (line && measure(tried) > width) {
      lines.push(line);
      line = word;
    } else {
      line = tried;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
