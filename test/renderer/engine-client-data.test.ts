/** The step-loss buffer behind the loss chart, and the browser's DatasetIO (fetch). */
import { describe, expect, it } from 'vitest';
import { StepLossSeries } from '../../src/renderer/src/engine-client/step-losses';
import { createFetchDatasetIO, gunzip, gzip, isGzip } from '../../src/engine/data/fetch-io';
import { files } from './engine-client-helpers';

const chunk = (from: number, n: number) => {
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) [out[i * 2], out[i * 2 + 1]] = [from + i, 1 / (from + i)];
  return out;
};

describe('StepLossSeries', () => {
  it('grows by doubling: few reallocations for many small chunks', () => {
    const series = new StepLossSeries(16, 1 << 20);
    const arrays = new Set<Float64Array>();
    for (let m = 0; m < 1000; m++) {
      series.append(chunk(m * 10 + 1, 10));
      arrays.add(series.steps);
    }
    expect(series.length).toBe(10_000);
    expect(arrays.size).toBe(Math.ceil(Math.log2(10_000 / 16)) + 1); // 16 → 16384 in 11 steps
    const { steps, losses } = series.view();
    expect(steps.length).toBe(10_000);
    expect([steps[0], steps[9999], losses[9]]).toEqual([1, 10_000, 1 / 10]);
    expect(steps.buffer).toBe(series.steps.buffer); // a view, not a copy
  });

  it('stays bounded on long runs by keeping every other point', () => {
    const series = new StepLossSeries(8, 64);
    for (let m = 0; m < 100; m++) series.append(chunk(m * 10 + 1, 10));
    expect(series.length).toBeLessThanOrEqual(64);
    expect(series.steps.length).toBe(64);
    const { steps } = series.view();
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
    expect(steps[steps.length - 1]).toBeGreaterThan(900); // still reaches the end of the run
    expect(series.stride).toBeGreaterThan(1);
  });

  it('clears for a new run', () => {
    const series = new StepLossSeries(4);
    series.append(chunk(1, 100));
    series.clear();
    expect([series.length, series.stride, series.steps.length]).toEqual([0, 1, 4]);
    expect(series.lastLoss).toBeNaN();
  });
});

describe('fetch DatasetIO', () => {
  const served = new Map<string, Uint8Array>([
    ['/app/datasets/iris.csv', new TextEncoder().encode(files['iris.csv'])],
    ['/app/datasets/mnist/x.gz', new Uint8Array([0x1f, 0x8b, 8, 0])],
  ]);
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const body = served.get(url.pathname);
    return body ? new Response(body as Uint8Array<ArrayBuffer>) : new Response('nope', { status: 404, statusText: 'Not Found' });
  }) as typeof fetch;
  const io = createFetchDatasetIO('http://127.0.0.1:5199/app/datasets/', fakeFetch);

  it('reads text and bytes relative to the datasets URL', async () => {
    expect((await io.readText('iris.csv')).split('\n')[0]).toBe('150,4,setosa,versicolor,virginica');
    expect(Array.from(await io.readBytes('mnist/x.gz'))).toEqual([0x1f, 0x8b, 8, 0]);
  });

  it('names the missing file', async () => {
    await expect(io.readText('nope.csv')).rejects.toThrow(/Dataset file 'nope.csv' is missing \(404 Not Found/);
  });

  it('refuses paths outside the datasets folder', async () => {
    await expect(io.readText('../secret.txt')).rejects.toThrow(/outside the datasets folder/);
  });

  it('gzip round-trips through (De)CompressionStream, and a decoded .gz is handed over as gzip', async () => {
    const text = new TextEncoder().encode('idx bytes '.repeat(100));
    const zipped = await gzip(text);
    expect(isGzip(zipped)).toBe(true);
    expect(new TextDecoder().decode(await gunzip(zipped))).toBe('idx bytes '.repeat(100));
    served.set('/app/datasets/mnist/decoded.gz', text); // as if sent with Content-Encoding: gzip
    const bytes = await io.readBytes('mnist/decoded.gz');
    expect(isGzip(bytes)).toBe(true);
    expect(await gunzip(bytes)).toEqual(text);
  });
});
