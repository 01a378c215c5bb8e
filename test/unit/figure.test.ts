import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';

import { figureSvg, placeLabels, type Figure, type Measure } from '../../web/explorer/figure.js';

/** An estimate of a text's width (the page measures it with a canvas). */
const measure: Measure = (text, fontSize) => text.length * fontSize * 0.6;

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** A crowded map written for this test: a hub with twenty neighbours close around it. */
function crowdedFigure(): Figure {
  const nodes = [{ x: 300, y: 200, radius: 16, colour: '#1f77b4', label: 'Montpellier University Hospital', ringed: false }];
  for (let i = 0; i < 20; i += 1) {
    const angle = (i / 20) * Math.PI * 2;
    nodes.push({ x: 300 + Math.cos(angle) * 60, y: 200 + Math.sin(angle) * 60, radius: 4 + (i % 3), colour: '#ff7f0e', label: `Partner <${i}> & co`, ringed: i === 7 });
  }
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[0]!, to: node, colour: '#9aa5b1', width: 1, arrow: i % 2 === 0 }));
  return { width: 600, height: 400, nodes, edges, caption: { title: 'Map — "AI" & health', filters: 'Kinds: organisations · 21 entities, 20 links', legend: [{ colour: '#1f77b4', label: 'Hospital' }] } };
}

describe('the map as a figure (SVG)', () => {
  it('is well-formed XML that draws every node and link, arrows only on one-way links, with the caption and legend escaped', () => {
    const figure = crowdedFigure();
    const svg = figureSvg(figure, measure);
    const parser = new SaxesParser();
    const counts: Record<string, number> = {};
    const texts: string[] = [];
    let arrows = 0;
    parser.on('opentag', (tag) => {
      counts[tag.name] = (counts[tag.name] ?? 0) + 1;
      if (tag.name === 'line' && tag.attributes['marker-end']) arrows += 1;
    });
    parser.on('text', (text) => texts.push(text));
    parser.write(svg).close();
    expect(counts.line).toBe(20);
    expect(arrows).toBe(10);
    // 21 nodes and one legend dot.
    expect(counts.circle).toBe(22);
    expect(texts).toContain('Map — "AI" & health');
    expect(texts).toContain('Hospital');
  });

  it('names the ringed node and the hub first; no label covers another, and only those always named may cover a node, over a halo', () => {
    const figure = crowdedFigure();
    const labels = placeLabels(figure, measure);
    expect(labels[0]!.text).toBe('Partner <7> & co');
    const hub = labels.find((label) => label.text === 'Montpellier University Hospital');
    expect(hub).toBeDefined();
    // Crowded: not every neighbour has room, and those without are left out rather than overlapping.
    expect(labels.length).toBeLessThan(figure.nodes.length);
    const discs = figure.nodes.map((node) => ({ label: node.label, box: { x: node.x - node.radius, y: node.y - node.radius, width: 2 * node.radius, height: 2 * node.radius } }));
    for (const [i, label] of labels.entries()) {
      for (const other of labels.slice(i + 1)) expect(overlaps(label, other)).toBe(false);
      const covered = discs.filter(({ label: name, box }) => name !== label.text && overlaps(label, box));
      if (covered.length > 0) expect(label.halo).toBe(true);
      if (!label.halo) expect(covered).toEqual([]);
    }
    expect(labels.filter((label) => label.halo).length).toBeLessThanOrEqual(6);
    expect(figureSvg(figure, measure)).toContain('paint-order="stroke"');
  });

  it('writes no label for a dimmed node', () => {
    const figure = crowdedFigure();
    figure.nodes = figure.nodes.map((node, i) => (i === 0 ? node : { ...node, label: '' }));
    expect(placeLabels(figure, measure).map((label) => label.text)).toEqual(['Montpellier University Hospital']);
  });
});
