/**
 * `turns`: the lecture's turn-detector data, 24 tiny 1×4×4 black-and-white images. A "turn" is
 * a stroke that goes right and then turns down (┐: the top row and the right column of a 3×3
 * window). Class 'turn' holds that shape at each of the 4 places a 3×3 window fits in 4×4;
 * class 'no turn' holds the other three corners (┌ └ ┘) at the same 4 places and 8 straight
 * lines (every row and every column). A single hand-set 3×3 convolution finds the turn wherever
 * it is: its output map lights up at the turn's place.
 */
import type { Dataset } from './types';

export const TURN_SIZE = 4;
export const TURN_CLASSES = ['no turn', 'turn'];

type Corner = 'down-right' | 'down-left' | 'up-right' | 'up-left';

/** Cells of a corner in a 3×3 window: a horizontal arm (top or bottom row) and a vertical arm (left or right column). */
function cornerCells(corner: Corner): [number, number][] {
  const row = corner === 'down-right' || corner === 'down-left' ? 0 : 2;
  const col = corner === 'down-right' || corner === 'up-right' ? 2 : 0;
  const cells: [number, number][] = [];
  for (let i = 0; i < 3; i++) cells.push([row, i]);
  for (let i = 0; i < 3; i++) if (i !== row) cells.push([i, col]);
  return cells;
}

/** The 4 top-left corners where a 3×3 window fits in a 4×4 image, row by row. */
const PLACES: [number, number][] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** The ┐ shape is `down-right`: go right along the top, then down the right side. */
const OTHER_CORNERS: Corner[] = ['down-left', 'up-right', 'up-left'];

export function turnsDataset(name: string): Dataset {
  const images: { pixels: number[]; label: number }[] = [];
  const add = (cells: [number, number][], label: number) => {
    const pixels = new Array<number>(TURN_SIZE * TURN_SIZE).fill(0);
    for (const [r, c] of cells) pixels[r * TURN_SIZE + c] = 1;
    images.push({ pixels, label });
  };
  const placed = (corner: Corner, [r0, c0]: [number, number]) => cornerCells(corner).map(([r, c]): [number, number] => [r0 + r, c0 + c]);
  for (const place of PLACES) add(placed('down-right', place), 1);
  for (const corner of OTHER_CORNERS) for (const place of PLACES) add(placed(corner, place), 0);
  for (let i = 0; i < TURN_SIZE; i++) {
    add(Array.from({ length: TURN_SIZE }, (_, k): [number, number] => [i, k]), 0);
    add(Array.from({ length: TURN_SIZE }, (_, k): [number, number] => [k, i]), 0);
  }
  const n = images.length;
  const x = new Float32Array(n * TURN_SIZE * TURN_SIZE);
  const y = new Float32Array(n);
  images.forEach((img, i) => {
    x.set(img.pixels, i * TURN_SIZE * TURN_SIZE);
    y[i] = img.label;
  });
  const featureNames: string[] = [];
  for (let r = 0; r < TURN_SIZE; r++) for (let c = 0; c < TURN_SIZE; c++) featureNames.push(`pixel_${r}_${c}`);
  return {
    name,
    task: 'classification',
    n,
    x,
    featureShape: [1, TURN_SIZE, TURN_SIZE],
    featureNames,
    y,
    targetSize: 1,
    classNames: [...TURN_CLASSES],
    description: `${n} images: 4 turns (┐) and ${n - 4} others (┌ └ ┘ and straight lines).`,
  };
}
