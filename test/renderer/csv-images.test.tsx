// @vitest-environment jsdom
/** CSV import as images: the image shape [C, H, W] is offered, checked against the feature columns, and dropped when they change. */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DataSettings } from '../../src/renderer/src/settings/DataSettings';
import { guessImageShape, imageShapeProblem, parseImageShape } from '../../src/renderer/src/settings/ImageShapeField';
import { useProjectStore } from '../../src/renderer/src/store';
import { findTemplate } from '../../src/shared/templates';

const header = [...Array.from({ length: 16 }, (_, i) => `p${i}`), 'label'].join(',');
const rows = [0, 1, 0].map((label, r) => [...Array.from({ length: 16 }, (_, i) => (i + r) % 2), label].join(','));
const CSV = `${header}\n${rows.join('\n')}\n`;
vi.mock('../../src/renderer/src/platform', () => ({
  platform: { kind: 'web', chooseCsv: async () => ({ name: 'tiny.csv', resolvedPath: '/p/tiny.csv', text: CSV, sha256: 'cd'.repeat(32) }) },
}));

const data = () => useProjectStore.getState().project.data as { imageShape?: number[]; features: string[] };

function type(testId: string, value: string) {
  const input = screen.getByTestId(testId);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

describe('image shapes (pure)', () => {
  it('guesses one square channel or three, parses "1, 28, 28" and "3×32×32", and explains a misfit', () => {
    expect([guessImageShape(784), guessImageShape(3072), guessImageShape(64), guessImageShape(10), guessImageShape(2)]).toEqual([[1, 28, 28], [3, 32, 32], [1, 8, 8], null, null]);
    expect(parseImageShape(' 1, 28, 28 ')).toEqual({ value: [1, 28, 28] });
    expect(parseImageShape('3×32×32')).toEqual({ value: [3, 32, 32] });
    expect(parseImageShape('28, 28')).toEqual({ error: "Type three whole numbers: channels, height, width (e.g. 1, 28, 28), got '28, 28'" });
    expect(parseImageShape('1, 0, 4')).toHaveProperty('error');
    expect(imageShapeProblem([1, 28, 28], 784)).toBeNull();
    expect(imageShapeProblem([1, 5, 5], 16)).toBe('1×5×5 = 25 pixels, but 16 feature columns are chosen (1×4×4 would fit)');
  });
});

describe('CSV import: images', () => {
  beforeEach(() => useProjectStore.getState().newProject(findTemplate('iris')!.build()));
  afterEach(cleanup);

  it('turns the feature columns into images, checks the shape, and drops it when the columns change', async () => {
    render(<DataSettings />);
    fireEvent.click(screen.getByTestId('choose-csv'));
    await waitFor(() => screen.getByTestId('csv-preview'));
    expect(data().features).toHaveLength(16);
    expect(screen.queryByTestId('csv-image-shape')).toBeNull();

    fireEvent.click(screen.getByTestId('csv-images'));
    expect(data().imageShape).toEqual([1, 4, 4]);
    expect((screen.getByTestId('csv-image-shape') as HTMLInputElement).value).toBe('1, 4, 4');

    type('csv-image-shape', '1, 5, 5');
    expect(screen.getByTestId('csv-image-shape-error').textContent).toBe('1×5×5 = 25 pixels, but 16 feature columns are chosen (1×4×4 would fit)');
    expect(data().imageShape).toEqual([1, 4, 4]);
    type('csv-image-shape', '4 2 2');
    expect(data().imageShape).toEqual([4, 2, 2]);

    fireEvent.click(screen.getByTestId('csv-feature-p15'));
    expect(data().features).toHaveLength(15);
    expect(data().imageShape).toBeUndefined(); // 15 pixels no longer fit: the shape goes, the edit is kept
    expect((screen.getByTestId('csv-images') as HTMLInputElement).checked).toBe(true); // still asked for: type a new shape
    expect((screen.getByTestId('csv-image-shape') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByTestId('csv-feature-p15'));
    type('csv-image-shape', '1, 4, 4');
    expect(data().imageShape).toEqual([1, 4, 4]);
    fireEvent.click(screen.getByTestId('csv-images'));
    expect(data().imageShape).toBeUndefined();
    expect(screen.queryByTestId('csv-image-shape')).toBeNull();
  });
});
