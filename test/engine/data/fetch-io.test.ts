/**
 * The browser's DatasetIO over fetch (src/engine/data/fetch-io.ts), with a fake server: where a
 * file name leads, what each failure says, and the promise that readBytes hands over a .gz as gzip.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchDatasetIO, gunzip, gzip, isGzip } from '../../../src/engine/data/fetch-io';
import { rejectionMessage } from '../../helpers/data';

/** A fake fetch serving `files` by URL path; every requested URL is recorded in `asked`. */
function server(files: Record<string, Uint8Array | string>) {
  const asked: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : input);
    asked.push(url.href);
    const body = files[url.pathname];
    if (body === undefined) return new Response('not here', { status: 404, statusText: 'Not Found' });
    return new Response(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>));
  }) as typeof fetch;
  return { fetchImpl, asked };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createFetchDatasetIO', () => {
  it('adds the missing slash to the datasets URL, so files resolve inside the folder', async () => {
    const { fetchImpl, asked } = server({ '/app/datasets/iris.csv': 'a,b\n1,2\n' });
    const io = createFetchDatasetIO('https://example.test/app/datasets', fetchImpl);
    expect(await io.readText('iris.csv')).toBe('a,b\n1,2\n');
    expect(asked).toEqual(['https://example.test/app/datasets/iris.csv']);
  });

  it('decodes text as UTF-8', async () => {
    const { fetchImpl } = server({ '/d/names.csv': new TextEncoder().encode('café,naïve\n') });
    expect(await createFetchDatasetIO('https://example.test/d/', fetchImpl).readText('names.csv')).toBe('café,naïve\n');
  });

  it('uses the global fetch when none is given', async () => {
    const { fetchImpl, asked } = server({ '/d/x.csv': '1\n' });
    vi.stubGlobal('fetch', fetchImpl);
    expect(await createFetchDatasetIO('https://example.test/d/').readText('x.csv')).toBe('1\n');
    expect(asked).toEqual(['https://example.test/d/x.csv']);
  });

  it('refuses files outside the folder without fetching them: up a level, a sibling folder, another origin', async () => {
    const { fetchImpl, asked } = server({});
    const io = createFetchDatasetIO('https://example.test/app/datasets/', fetchImpl);
    for (const file of ['../secret.txt', '../datasets-other/x.csv', 'https://elsewhere.test/app/datasets/x.csv', '//elsewhere.test/app/datasets/x.csv']) {
      expect(await rejectionMessage(io.readText(file))).toBe(`Dataset file '${file}' is outside the datasets folder`);
    }
    expect(asked).toEqual([]);
  });

  it('a missing file names the file, the HTTP status and the URL', async () => {
    const { fetchImpl } = server({});
    const io = createFetchDatasetIO('https://example.test/d/', fetchImpl);
    expect(await rejectionMessage(io.readBytes('mnist/a.gz'))).toBe(
      "Dataset file 'mnist/a.gz' is missing (404 Not Found from https://example.test/d/mnist/a.gz)",
    );
  });

  it('a network failure names the file, the URL and the cause, whatever was thrown', async () => {
    const failing = (thrown: unknown) =>
      createFetchDatasetIO('https://example.test/d/', (async () => {
        throw thrown;
      }) as typeof fetch);
    expect(await rejectionMessage(failing(new TypeError('connection refused')).readText('iris.csv'))).toBe(
      "Dataset file 'iris.csv' could not be fetched from https://example.test/d/iris.csv: connection refused",
    );
    expect(await rejectionMessage(failing('offline').readText('iris.csv'))).toBe(
      "Dataset file 'iris.csv' could not be fetched from https://example.test/d/iris.csv: offline",
    );
  });

  it('readBytes: a .gz that arrives gzipped and any other file are handed over byte for byte', async () => {
    const gz = new Uint8Array(gzipSync(new TextEncoder().encode('pixels '.repeat(50))));
    const plain = new Uint8Array([1, 2, 3, 0x1f]);
    const { fetchImpl } = server({ '/d/a.gz': gz, '/d/b.bin': plain });
    const io = createFetchDatasetIO('https://example.test/d/', fetchImpl);
    expect(await io.readBytes('a.gz')).toEqual(gz);
    expect(await io.readBytes('b.bin')).toEqual(plain);
  });

  it('readBytes: a .gz that fetch already decoded is compressed again, so the caller still gets gzip of the same bytes', async () => {
    const raw = new TextEncoder().encode('label bytes '.repeat(40));
    const { fetchImpl } = server({ '/d/labels.gz': raw, '/d/labels.bin': raw });
    const io = createFetchDatasetIO('https://example.test/d/', fetchImpl);
    const bytes = await io.readBytes('labels.gz');
    expect(isGzip(bytes)).toBe(true);
    expect(await gunzip(bytes)).toEqual(raw);
    // Only a name ending in .gz is compressed again.
    expect(await io.readBytes('labels.bin')).toEqual(raw);
  });
});

describe('isGzip, gzip and gunzip', () => {
  it('isGzip looks at the two magic bytes 1f 8b and nothing else', () => {
    expect(isGzip(new Uint8Array([0x1f, 0x8b]))).toBe(true);
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8, 0, 0]))).toBe(true);
    expect(isGzip(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzip(new Uint8Array([]))).toBe(false);
    expect(isGzip(new Uint8Array([0x1e, 0x8b]))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f, 0x8c]))).toBe(false);
  });

  it('gunzip reads what node:zlib wrote; gzip writes what it reads back', async () => {
    const data = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 251);
    expect(await gunzip(new Uint8Array(gzipSync(data)))).toEqual(data);
    const zipped = await gzip(data);
    expect(isGzip(zipped)).toBe(true);
    expect(await gunzip(zipped)).toEqual(data);
  });
});
