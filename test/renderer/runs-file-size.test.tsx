// @vitest-environment jsdom
/** The Runs tab says how large the project file is once it is large, and what the runs take of it. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeTensor, serializeProject } from '../../src/shared/project';
import { findTemplate } from '../../src/shared/templates';
import { useProjectStore } from '../../src/renderer/src/store';
import { FileSize, fileSizes, formatBytes, LARGE_FILE_BYTES } from '../../src/renderer/src/training/runs-view/FileSize';
import { makeRun, recordRun } from '../../src/renderer/src/training/runs';

afterEach(cleanup);

const xor = () => findTemplate('xor-mlp')!.build();
const epochs = (n: number) => Array.from({ length: n }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1), accuracy: 0.5, learningRate: 0.5 }));

function withRuns(count: number, weightsValues = 0) {
  let p = xor();
  for (let i = 0; i < count; i++) {
    const weights = weightsValues > 0 && i === 0 ? { hidden: { kernel: encodeTensor([weightsValues], new Float32Array(weightsValues).fill(0.123)) } } : undefined;
    p = recordRun(p, makeRun({ id: `run-${i + 1}`, startedAt: new Date(0), project: p, epochs: epochs(500), status: 'finished', ...(weights ? { weights } : {}) }));
  }
  return p;
}

describe('project file size in the Runs tab', () => {
  it('measures the file, its runs and their kept weights', () => {
    const p = withRuns(3, 2000);
    const sizes = fileSizes(p);
    expect(sizes.total).toBe(new TextEncoder().encode(serializeProject(p)).length);
    expect(sizes.runs).toBe(sizes.total - serializeProject(xor()).length);
    expect(sizes.runWeights).toBeGreaterThan(2000 * 4); // base64 of 2000 float32
    expect(sizes.runWeights).toBeLessThan(sizes.runs);
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
  });

  it('stays quiet for a small file and speaks up for a large one', () => {
    act(() => useProjectStore.getState().newProject(withRuns(1)));
    render(<FileSize />);
    expect(screen.queryByTestId('runs-file-size')).toBeNull();
    const large = withRuns(2, 30_000);
    expect(fileSizes(large).total).toBeGreaterThan(LARGE_FILE_BYTES);
    act(() => useProjectStore.getState().newProject(large));
    expect(screen.getByTestId('runs-file-size').textContent).toMatch(/^The project file is \d+ KB; its runs take \d+ KB, of which \d+ KB are kept weights\. Delete runs/);
  });
});
