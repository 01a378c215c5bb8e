import { drawOnCanvas } from '@sigma/export-image';
import Graph from 'graphology';
import Sigma from 'sigma';
import type { NodeDisplayData } from 'sigma/types';

import { seededRandom } from '../../src/network/seededRandom.js';
import { SYMMETRIC_TYPES } from '../../src/network/symmetricTypes.js';
import type { SubgraphData } from './api.js';
import { figureSvg, legendRows, wrap, type Figure, type FigureCaption, type FigureEdge, type FigureNode } from './figure.js';
import { drawLabelAvoidingOthers, readNodeDiscsFrom, type Box } from './labels.js';
import { SettlingLayout } from './layout.js';
import { placeNodes, positionsOf } from './placement.js';

/**
 * The map: a graphology graph drawn by sigma.js (WebGL, smooth at thousands of nodes),
 * laid out by ForceAtlas2 until it settles, keeping the places of what was already drawn (layout.ts),
 * coloured by kind or by Louvain community, sized by links in the whole graph; a co-publication link is as thick
 * as its works, and a click on a link shows that pair. Highlighting (the selection
 * and its neighbours, or a path) dims everything else through sigma's reducers.
 */
export const KIND_COLOURS: Record<string, string> = {
  Organization: '#1f5fa8',
  Person: '#b3401f',
  Project: '#2f7d32',
  Label: '#8a5a00',
  Event: '#7b3fa0',
};
/**
 * The colours of the whole graph's largest communities, by their number (0 is the largest): the
 * same community has the same colour in every view, as in the API's tables. Smaller communities
 * share OTHER_COMMUNITIES, and the legend says so.
 */
export const COMMUNITY_COLOURS = [
  '#1f5fa8', '#b3401f', '#2f7d32', '#7b3fa0', '#8a5a00', '#0f7c80', '#a8326e', '#4d5b1a', '#5a4fcf', '#805050',
  '#d08c00', '#00838f', '#6a1b9a', '#c62828', '#2e7d6b', '#ad5c9e', '#37474f', '#9e9d24', '#4e342e', '#e65100',
];
export const OTHER_COMMUNITIES = '#a0a8b0';

/** A community's colour: its own for the largest ones, a shared grey for the others. */
export function communityColour(community: number): string {
  return community >= 0 && community < COMMUNITY_COLOURS.length ? COMMUNITY_COLOURS[community]! : OTHER_COMMUNITIES;
}
const DIMMED = '#d9dde3';
/** Up to this many nodes (an ego network, a consortium), every node is labelled. */
const SMALL_VIEW = 60;

export interface GraphViewEvents {
  onSelect(key: string | null): void;
  /** A link clicked: its relationship's global id. */
  onSelectEdge(id: string): void;
  onLayoutDone(): void;
}

export class GraphView {
  readonly graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: false });
  readonly renderer: Sigma;
  private readonly layout = new SettlingLayout();
  private selected: string | null = null;
  private neighbours = new Set<string>();
  private path: { nodes: Set<string>; edges: Set<string> } | null = null;
  private colour: 'kind' | 'community' = 'kind';
  private emphasised = new Set<string>();

  constructor(
    container: HTMLElement,
    private readonly events: GraphViewEvents,
  ) {
    this.renderer = new Sigma(this.graph, container, {
      renderEdgeLabels: false,
      enableEdgeEvents: true,
      labelRenderedSizeThreshold: 7,
      labelFont: 'system-ui, sans-serif',
      // Labels never cover each other (labels.ts); hovering a node still shows its whole name.
      defaultDrawNodeLabel: drawLabelAvoidingOthers,
      defaultEdgeType: 'arrow',
      zIndex: true,
      nodeReducer: (node, data) => {
        const highlighted = this.isHighlighted(node);
        return {
          ...data,
          color: highlighted === false ? DIMMED : data.color,
          label: highlighted === false ? '' : data.label,
          zIndex: highlighted ? 1 : 0,
          // The selected entity, and the members of a consortium being built, are ringed and always named: they read apart from the candidates around them.
          highlighted: node === this.selected || this.emphasised.has(node),
          size: this.emphasised.has(node) ? data.size * 1.3 : data.size,
          forceLabel: highlighted !== false && (this.graph.order <= SMALL_VIEW || this.emphasised.has(node) || (highlighted === true && (node === this.selected || this.path !== null))),
        };
      },
      edgeReducer: (edge, data) => {
        if (this.path) return { ...data, hidden: !this.path.edges.has(edge), size: this.path.edges.has(edge) ? 3 : data.size, color: this.path.edges.has(edge) ? '#c0392b' : data.color };
        if (this.selected) {
          const [source, target] = this.graph.extremities(edge);
          return { ...data, hidden: source !== this.selected && target !== this.selected };
        }
        return data;
      },
    });
    this.renderer.on('clickNode', ({ node }) => events.onSelect(node));
    this.renderer.on('clickStage', () => events.onSelect(null));
    this.renderer.on('clickEdge', ({ edge }) => {
      const id = this.graph.getEdgeAttribute(edge, 'id') as string | undefined;
      if (id) events.onSelectEdge(id);
    });
    // Where the nodes are on screen, for each frame's labels: a label is not drawn over one (labels.ts).
    readNodeDiscsFrom(() => this.nodeDiscs());
    this.renderer.on('enterNode', () => (container.style.cursor = 'pointer'));
    this.renderer.on('leaveNode', () => (container.style.cursor = ''));
  }

  /**
   * Replaces what is drawn with a subgraph and lays it out. Nodes are added centre first (an ego
   * network's), then by their number of links: sigma draws labels in that order, and a label
   * drawn first keeps its place (labels.ts).
   */
  show(data: SubgraphData, centre?: string): void {
    this.emphasised = new Set();
    this.layout.stop();
    const previous = positionsOf(this.graph);
    this.graph.clear();
    // Seeded, so the same data gives the same first layout and the same communities.
    const random = seededRandom(42);
    // Sized by links in the whole graph: a hub stays big in an ego network where only one of its links is drawn.
    const linksOf = (node: SubgraphData['nodes'][number]) => node.entity.totalDegree ?? node.degree;
    const maxDegree = Math.max(1, ...data.nodes.map(linksOf));
    const ordered = [...data.nodes].sort((a, b) => Number(b.entity.key === centre) - Number(a.entity.key === centre) || linksOf(b) - linksOf(a));
    for (const node of ordered) {
      const { entity } = node;
      this.graph.addNode(entity.key, {
        label: entity.name,
        // What the label on the map shows: a fitting name rather than one cut into another's (hovering shows the name whole).
        shortLabel: entity.shortName ?? null,
        kind: entity.__typename,
        x: 0,
        y: 0,
        size: 3 + 14 * Math.sqrt(linksOf(node) / maxDegree),
        color: KIND_COLOURS[entity.__typename] ?? '#555',
        // The API's partition of the whole graph (one set of communities for the page and the tables).
        community: node.community ?? -1,
      });
    }
    this.addEdges(data.edges);
    const kept = placeNodes(this.graph, previous, random);
    this.applyColours();
    // A new subgraph is seen whole: the zoom of the previous view (e.g. on a selected node) would leave it off-screen.
    this.renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.layout.run(this.graph, kept, () => {
      this.renderer.refresh();
      this.events.onLayoutDone();
    });
  }

  /** The nodes drawn, with where they are in viewport pixels and their radius there. */
  private drawnNodes(): Array<{ node: string; data: NodeDisplayData & { shortLabel?: string | null }; x: number; y: number; radius: number }> {
    const drawn: ReturnType<GraphView['drawnNodes']> = [];
    this.graph.forEachNode((node) => {
      const data = this.renderer.getNodeDisplayData(node);
      if (!data || data.hidden) return;
      const { x, y } = this.renderer.framedGraphToViewport(data);
      drawn.push({ node, data, x, y, radius: this.renderer.scaleSize(data.size) });
    });
    return drawn;
  }

  /** The nodes drawn, as boxes around their discs in viewport pixels. */
  private nodeDiscs(): Box[] {
    return this.drawnNodes().map(({ x, y, radius }) => ({ x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius }));
  }

  /** Adds what a path needs and is not drawn yet (its nodes near their neighbours). */
  addPath(nodes: Array<{ key: string; name: string; __typename: string }>, edges: SubgraphData['edges']): void {
    let previous: { x: number; y: number } = { x: 50, y: 50 };
    for (const node of nodes) {
      if (!this.graph.hasNode(node.key)) {
        this.graph.addNode(node.key, {
          label: node.name,
          kind: node.__typename,
          x: previous.x + 5,
          y: previous.y + 5,
          size: 5,
          color: KIND_COLOURS[node.__typename] ?? '#555',
          community: -1,
        });
      }
      previous = this.graph.getNodeAttributes(node.key) as { x: number; y: number };
    }
    this.addEdges(edges);
    this.applyColours();
  }

  private addEdges(edges: SubgraphData['edges']): void {
    for (const edge of edges) {
      const { key } = edge;
      if (this.graph.hasEdge(key) || !this.graph.hasNode(edge.from.key) || !this.graph.hasNode(edge.to.key) || edge.from.key === edge.to.key) continue;
      // A co-publication link is as thick as the log of its works (1 work: 2 px, 1,000 works: 6 px).
      const works = edge.coPublication?.works ?? 0;
      // A partnership link, as thick as the log of its strength (1: 1 px, 64 and more: 6 px).
      const strength = edge.strength ?? 0;
      const size = works > 0 ? Math.min(6, 2 + (Math.log10(works) * 4) / 3) : strength > 0 ? Math.min(6, 1 + Math.log2(strength) * (5 / 6)) : 1;
      // A symmetric relationship (co-published, partners) is a plain line: no arrow to read one way.
      this.graph.addDirectedEdgeWithKey(key, edge.from.key, edge.to.key, { type: SYMMETRIC_TYPES.has(edge.type) ? 'line' : 'arrow', size, color: '#9aa5b1', relationship: edge.type, id: edge.id, weight: works || strength || 1 });
    }
  }

  setColour(colour: 'kind' | 'community'): void {
    this.colour = colour;
    this.applyColours();
  }

  private applyColours(): void {
    this.graph.forEachNode((node, attributes) => {
      const colour =
        this.colour === 'community' && typeof attributes.community === 'number' && attributes.community >= 0
          ? communityColour(attributes.community)
          : KIND_COLOURS[attributes.kind as string];
      this.graph.setNodeAttribute(node, 'color', colour ?? '#555');
    });
    this.renderer.refresh();
  }

  select(key: string | null): void {
    this.selected = key && this.graph.hasNode(key) ? key : null;
    this.neighbours = new Set(this.selected ? this.graph.neighbors(this.selected) : []);
    this.renderer.refresh();
  }

  /** Moves the camera onto a node. */
  focus(key: string): void {
    if (!this.graph.hasNode(key)) return;
    const display = this.renderer.getNodeDisplayData(key);
    if (display) void this.renderer.getCamera().animate({ x: display.x, y: display.y, ratio: 0.35 }, { duration: 400 });
  }

  /** Shows a path (the rest greyed out) and brings it whole into view, wherever the camera was (e.g. zoomed on a selected entity). */
  /** Entities drawn apart (ringed, larger, always named): the members of a consortium on its map; a new subgraph shown clears them. */
  emphasise(keys: Iterable<string>): void {
    this.emphasised = new Set(keys);
    this.renderer.refresh();
  }

  highlightPath(nodes: string[] | null, edges: string[] = []): void {
    this.path = nodes ? { nodes: new Set(nodes), edges: new Set(edges) } : null;
    this.renderer.refresh();
    if (nodes) this.fit(nodes);
  }

  /** Moves the camera so that these nodes are all in view, with a margin. */
  private fit(keys: string[]): void {
    const points = keys.flatMap((key) => {
      const display = this.graph.hasNode(key) ? this.renderer.getNodeDisplayData(key) : undefined;
      return display ? [display] : [];
    });
    if (points.length === 0) return;
    const xs = points.map((point) => point.x);
    const ys = points.map((point) => point.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    // Display coordinates span 0..1 for the whole graph at ratio 1: the ratio is the share of it to show.
    const ratio = Math.min(1, Math.max(0.15, 1.4 * Math.max(maxX - minX, maxY - minY)));
    void this.renderer.getCamera().animate({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio }, { duration: 400 });
  }

  /** Whether a node is drawn apart (a consortium's member), for the end-to-end tests. */
  isEmphasised(key: string): boolean {
    return this.emphasised.has(key);
  }

  /** Where a node is drawn, in pixels from the map's top-left corner (used by the end-to-end tests to click it). */
  viewportPosition(key: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(key)) return null;
    const { x, y } = this.graph.getNodeAttributes(key) as { x: number; y: number };
    return this.renderer.graphToViewport({ x, y });
  }

  /** A point of a drawn link where a click finds it (near its middle), or null (used by the end-to-end tests to click it). */
  edgeViewportPoint(key: string): { x: number; y: number } | null {
    if (!this.graph.hasEdge(key)) return null;
    const [a, b] = this.graph.extremities(key).map((node) => this.viewportPosition(node)!);
    // Sigma's own picking, which its click handler uses (private in its types, not at run time): a node there takes the click first.
    const picking = this.renderer as unknown as { getEdgeAtPoint(x: number, y: number): string | null; getNodeAtPosition(position: { x: number; y: number }): string | null };
    // From the middle of the link outwards, the first point where a click reaches it and no node.
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
      const along = { x: a!.x + (b!.x - a!.x) * t, y: a!.y + (b!.y - a!.y) * t };
      for (let distance = 0; distance <= 4; distance += 1) {
        for (let dx = -distance; dx <= distance; dx += 1) {
          for (let dy = -distance; dy <= distance; dy += 1) {
            const point = { x: along.x + dx, y: along.y + dy };
            if (picking.getEdgeAtPoint(point.x, point.y) === key && picking.getNodeAtPosition(point) === null) return point;
          }
        }
      }
    }
    return null;
  }

  /**
   * Downloads the map as a PNG with a title band (what is shown, with the filters used) above
   * it and the colour legend below it, so the image explains itself outside the page.
   */
  async exportPng(fileName: string, caption: FigureCaption): Promise<void> {
    const map = await drawOnCanvas(this.renderer, { backgroundColor: '#ffffff' });
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d')!;
    // The caption's lines and the legend's rows, laid out within the map's width before drawing.
    const width = map.width;
    context.font = '14px system-ui, sans-serif';
    const measure = (text: string) => context.measureText(text).width;
    const filterLines = wrap(caption.filters, width - 32, measure);
    const rows = legendRows(caption.legend, width, measure);
    const header = 44 + 20 * filterLines.length;
    const footer = 18 + 22 * rows.length;
    canvas.width = width;
    canvas.height = map.height + header + footer;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#1b1f24';
    context.font = 'bold 20px system-ui, sans-serif';
    context.fillText(caption.title, 16, 28, width - 32);
    context.font = '14px system-ui, sans-serif';
    context.fillStyle = '#4a5260';
    filterLines.forEach((line, index) => context.fillText(line, 16, 50 + 20 * index));
    context.drawImage(map, 0, header);
    rows.forEach((row, index) => {
      const y = header + map.height + 24 + 22 * index;
      for (const { colour, label, x: left } of row) {
        context.fillStyle = colour;
        context.beginPath();
        context.arc(left + 6, y - 5, 6, 0, Math.PI * 2);
        context.fill();
        context.fillStyle = '#1b1f24';
        context.fillText(label, left + 16, y);
      }
    });
    download(await pngOf(canvas), `${fileName}.png`);
  }

  /**
   * What the view shows, as a figure (figure.ts): the nodes where they are drawn, in their
   * colours (dimmed ones too), the links not hidden, the labels' names, the ringed nodes.
   */
  figure(caption: FigureCaption): Figure {
    const drawn = this.drawnNodes();
    const placed = new Map(drawn.map(({ node, x, y, radius }) => [node, { x, y, radius }]));
    const nodes: Array<FigureNode & { zIndex: number }> = drawn.map(({ data, x, y, radius }) => ({
      x, y, radius, colour: data.color, label: data.label ? (data.shortLabel ?? data.label) : '', ringed: data.highlighted, zIndex: data.zIndex ?? 0,
    }));
    const edges: FigureEdge[] = [];
    this.graph.forEachEdge((edge, _attributes, source, target) => {
      const data = this.renderer.getEdgeDisplayData(edge);
      const from = placed.get(source);
      const to = placed.get(target);
      if (!data || data.hidden || !from || !to) return;
      edges.push({ from, to, colour: data.color, width: data.size, arrow: data.type === 'arrow' });
    });
    const { width, height } = this.renderer.getDimensions();
    // Drawn as on the screen: the nodes in front (a path's, a selection's) last.
    nodes.sort((a, b) => a.zIndex - b.zIndex);
    return { width, height, nodes, edges, caption };
  }

  /** Downloads the view as an SVG figure: vector, for a paper (figure.ts). */
  exportSvg(fileName: string, caption: FigureCaption): void {
    download(new Blob([figureSvg(this.figure(caption), measureText)], { type: 'image/svg+xml' }), `${fileName}.svg`);
  }

  /** Downloads the figure as a PNG for print: the SVG rasterised to an A4 page's width at 300 dpi (3508 pixels). */
  async exportPrintPng(fileName: string, caption: FigureCaption): Promise<void> {
    const svg = figureSvg(this.figure(caption), measureText);
    const image = new Image();
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
      image.src = url;
      await image.decode();
      const scale = PRINT_WIDTH / image.width;
      const canvas = document.createElement('canvas');
      canvas.width = PRINT_WIDTH;
      canvas.height = Math.round(image.height * scale);
      canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
      download(await pngOf(canvas), `${fileName}-print.png`);
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  /** The communities drawn (the API's numbers), most nodes first, each with its most connected node's name. */
  communitiesShown(): Array<{ community: number; nodes: number; example: string }> {
    const found = new Map<number, { community: number; nodes: number; example: string; size: number }>();
    this.graph.forEachNode((_node, attributes) => {
      const community = typeof attributes.community === 'number' ? attributes.community : -1;
      const entry = found.get(community) ?? { community, nodes: 0, example: String(attributes.label), size: -1 };
      entry.nodes += 1;
      if ((attributes.size as number) > entry.size) Object.assign(entry, { example: String(attributes.label), size: attributes.size as number });
      found.set(community, entry);
    });
    return [...found.values()].sort((a, b) => b.nodes - a.nodes || a.community - b.community).map(({ community, nodes, example }) => ({ community, nodes, example }));
  }

  get order(): number {
    return this.graph.order;
  }

  get size(): number {
    return this.graph.size;
  }

  private isHighlighted(node: string): boolean | null {
    if (this.path) return this.path.nodes.has(node);
    if (this.selected) return node === this.selected || this.neighbours.has(node);
    return null;
  }
}

/** An A4 page's width at 300 dpi, in pixels: the print PNG's width. */
export const PRINT_WIDTH = 3508;

const measuring = document.createElement('canvas').getContext('2d')!;
/** A text's width in the figure's font, as the browser draws it. */
function measureText(text: string, fontSize: number, bold = false): number {
  measuring.font = `${bold ? 'bold ' : ''}${fontSize}px system-ui, -apple-system, Segoe UI, Roboto, sans-serif`;
  return measuring.measureText(text).width;
}

function pngOf(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => canvas.toBlob((made) => (made ? resolve(made) : reject(new Error('PNG not made'))), 'image/png'));
}

/** Has the browser save a file the page made. */
function download(blob: Blob, fileName: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
