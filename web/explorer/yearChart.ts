/**
 * A small bar chart of works per year, drawn as SVG (no chart library for a dozen bars): one
 * bar per year from the first to the last, years without works left empty so that gaps show.
 * Each bar has a tooltip; the chart as a whole is an image whose label lists every count, so a
 * screen reader reads what the bars show.
 */
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 280;
const HEIGHT = 96;
const AXIS = 16;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

export function yearChart(byYear: Array<{ year: number; works: number }>, label: string): SVGSVGElement {
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': label, class: 'year-chart' });
  if (byYear.length === 0) return chart;
  const counts = new Map(byYear.map(({ year, works }) => [year, works]));
  const first = byYear[0]!.year;
  const last = byYear.at(-1)!.year;
  const years = Array.from({ length: last - first + 1 }, (_, index) => first + index);
  const most = Math.max(...byYear.map(({ works }) => works));
  const slot = WIDTH / years.length;
  const plot = HEIGHT - AXIS - 12;
  years.forEach((year, index) => {
    const works = counts.get(year) ?? 0;
    const height = works === 0 ? 0 : Math.max(2, (works / most) * plot);
    const bar = svg('rect', { x: index * slot + slot * 0.15, y: HEIGHT - AXIS - height, width: slot * 0.7, height, fill: '#1f5fa8', 'data-year': year, 'data-works': works });
    const tooltip = svg('title', {});
    tooltip.textContent = `${year}: ${works}`;
    bar.append(tooltip);
    chart.append(bar);
  });
  const text = (content: string, x: number, y: number, anchor: string) => {
    const node = svg('text', { x, y, 'text-anchor': anchor, 'font-size': 11, fill: '#4a5360' });
    node.textContent = content;
    chart.append(node);
  };
  text(String(first), 0, HEIGHT - 3, 'start');
  if (last !== first) text(String(last), WIDTH, HEIGHT - 3, 'end');
  text(String(most), 0, 10, 'start');
  chart.append(svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT - AXIS, y2: HEIGHT - AXIS, stroke: '#6b7682', 'stroke-width': 1 }));
  return chart;
}
