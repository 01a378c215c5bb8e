import type { Attributes } from 'graphology-types';
import type { Settings } from 'sigma/settings';
import type { NodeDisplayData, PartialButFor } from 'sigma/types';

import { cutAtWord } from '../../src/domains/entity/shortName.js';

/**
 * Node labels that do not cover each other. Sigma draws every label it is asked to, each to the
 * right of its node, so a long event name could hide a short company name beside it and a
 * label near the right edge was cut off. Here, in the order sigma draws them (the largest nodes
 * first on a map, every node of a small view), a label goes to the right of its node, or to its
 * left when the right side is taken (by a label or another node) or past the edge, or is left
 * out of this frame when both sides are taken (a zoom brings it back); a name longer than MAX_CHARACTERS is shortened with
 * an ellipsis (hovering the node shows it whole).
 */
export const MAX_CHARACTERS = 32;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The label shortened to `max` characters with an ellipsis when longer, at a word boundary when one is near (for nodes without the API's short name). */
export function shortened(label: string, max = MAX_CHARACTERS): string {
  return cutAtWord(label, max);
}

export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where a label of `width` × `height` goes beside a node at (x, y) of radius `size`: right of
 * it, else left of it, whichever is free of `taken` (labels drawn) and of `discs` (the other
 * nodes: a label never covers one) and inside [0, `maxX`]; null when neither.
 */
export function labelBox(node: { x: number; y: number; size: number }, width: number, height: number, taken: Box[], maxX: number, discs: Box[] = []): Box | null {
  const top = node.y - height / 2;
  const right = { x: node.x + node.size + 3, y: top, width, height };
  const left = { x: node.x - node.size - 3 - width, y: top, width, height };
  for (const box of [right, left]) {
    if (box.x < 0 || box.x + box.width > maxX) continue;
    if (!taken.some((other) => overlaps(box, other)) && !discs.some((disc) => overlaps(box, disc))) return box;
  }
  return null;
}

/**
 * Where the nodes of the frame being drawn are, as boxes in viewport pixels: asked of the view
 * when a frame's first label is drawn (sigma has placed the nodes and set its camera by then;
 * before the frame, it still holds the previous one's).
 */
let nodeDiscsOf: () => Box[] = () => [];
let nodeDiscs: Box[] = [];

export function readNodeDiscsFrom(provider: () => Box[]): void {
  nodeDiscsOf = provider;
}

/** The boxes drawn in the current frame of each label canvas: forgotten once the frame's drawing is over. */
const framesByCanvas = new WeakMap<CanvasRenderingContext2D, Box[]>();

function boxesOfThisFrame(context: CanvasRenderingContext2D): Box[] {
  let boxes = framesByCanvas.get(context);
  if (!boxes) {
    boxes = [];
    framesByCanvas.set(context, boxes);
    nodeDiscs = nodeDiscsOf();
    // Sigma draws a frame's labels in one go: the frame is over when the current task is.
    queueMicrotask(() => framesByCanvas.delete(context));
  }
  return boxes;
}

/** Sigma's `defaultDrawNodeLabel`, avoiding the labels already drawn in this frame. */
export function drawLabelAvoidingOthers<N extends Attributes, E extends Attributes, G extends Attributes>(
  context: CanvasRenderingContext2D,
  data: PartialButFor<NodeDisplayData, 'x' | 'y' | 'size' | 'label' | 'color'> & { shortLabel?: string | null },
  settings: Settings<N, E, G>,
): void {
  if (!data.label) return;
  // The API's short name where the node has one (an alias that fits says who it is; a cut name may name another).
  const label = data.shortLabel ?? shortened(data.label);
  const size = settings.labelSize;
  context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
  const width = context.measureText(label).width;
  const taken = boxesOfThisFrame(context);
  const maxX = context.canvas.width / (window.devicePixelRatio || 1);
  const box = labelBox(data, width, size + 2, taken, maxX, nodeDiscs);
  if (!box) return;
  taken.push(box);
  context.fillStyle = settings.labelColor.color ?? '#000';
  context.fillText(label, box.x, data.y + size / 3);
}
