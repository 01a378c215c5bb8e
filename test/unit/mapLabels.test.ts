import { describe, expect, it } from 'vitest';

import { labelBox, MAX_CHARACTERS, shortened } from '../../web/explorer/labels.js';

describe('map labels that do not cover each other', () => {
  const node = { x: 100, y: 50, size: 5 };

  it('puts a label to the right of its node when the place is free', () => {
    expect(labelBox(node, 60, 14, [], 800)).toEqual({ x: 108, y: 43, width: 60, height: 14 });
  });

  it('puts it to the left when another label takes the right side', () => {
    const taken = [{ x: 120, y: 45, width: 80, height: 14 }];
    expect(labelBox(node, 60, 14, taken, 800)).toEqual({ x: 32, y: 43, width: 60, height: 14 });
  });

  it('puts it to the left when the right side runs past the edge of the map', () => {
    expect(labelBox({ x: 760, y: 50, size: 5 }, 60, 14, [], 800)?.x).toBe(692);
  });

  it('leaves it out of the frame when both sides are taken', () => {
    const taken = [
      { x: 120, y: 45, width: 80, height: 14 },
      { x: 0, y: 40, width: 90, height: 14 },
    ];
    expect(labelBox(node, 60, 14, taken, 800)).toBeNull();
  });

  it('does not cover another node: the side where a node lies is taken like one with a label', () => {
    const disc = { x: 130, y: 45, width: 10, height: 10 };
    expect(labelBox(node, 60, 14, [], 800, [disc])?.x).toBe(32);
    expect(labelBox(node, 60, 14, [], 800, [disc, { x: 50, y: 48, width: 6, height: 6 }])).toBeNull();
    // Its own disc is never in the way: the label starts beyond it.
    expect(labelBox(node, 60, 14, [], 800, [{ x: 95, y: 45, width: 10, height: 10 }])?.x).toBe(108);
  });

  it('does not count a label on another line as in the way', () => {
    const taken = [{ x: 100, y: 70, width: 200, height: 14 }];
    expect(labelBox(node, 60, 14, taken, 800)?.x).toBe(108);
  });

  it('shortens a long name with an ellipsis, at a word boundary when one is near, and keeps a short one', () => {
    const long = 'Collective commitment to train pupils and teachers in AI';
    const short = shortened(long);
    expect(short.length).toBeLessThanOrEqual(MAX_CHARACTERS);
    expect(short).toBe('Collective commitment to train…');
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
    expect(shortened('Dell')).toBe('Dell');
    expect(shortened('x'.repeat(40))).toBe(`${'x'.repeat(MAX_CHARACTERS - 1)}…`);
  });
});
