/**
 * The browser's DatasetIO: reads the files shipped in resources/datasets over fetch, relative
 * to the app's datasets URL (the web build serves resources/ as its public folder, so they live
 * at `<app base>/datasets/`). Pure web APIs (fetch, TextDecoder, (De)CompressionStream): runs
 * in a Web Worker, a page, or Node 20.
 */
import { DataError, type DatasetIO } from './types';

/** `datasetsUrl` must end with a slash, e.g. `new URL('datasets/', document.baseURI)`. */
export function createFetchDatasetIO(datasetsUrl: string | URL, fetchImpl: typeof fetch = (...a) => fetch(...a)): DatasetIO {
  const base = new URL(datasetsUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';

  const urlOf = (file: string): URL => {
    const url = new URL(file, base);
    if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname)) {
      throw new DataError(`Dataset file '${file}' is outside the datasets folder`);
    }
    return url;
  };

  const get = async (file: string): Promise<Uint8Array> => {
    const url = urlOf(file);
    let response: Response;
    try {
      response = await fetchImpl(url);
    } catch (e) {
      throw new DataError(`Dataset file '${file}' could not be fetched from ${url.href}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!response.ok) throw new DataError(`Dataset file '${file}' is missing (${response.status} ${response.statusText} from ${url.href})`);
    return new Uint8Array(await response.arrayBuffer());
  };

  return {
    readText: async (file) => new TextDecoder('utf-8').decode(await get(file)),
    // The contract hands over the bytes as stored. A server that sent a .gz with
    // Content-Encoding: gzip had fetch decode it already: compress again so callers always see gzip.
    readBytes: async (file) => {
      const bytes = await get(file);
      return file.endsWith('.gz') && !isGzip(bytes) ? gzip(bytes) : bytes;
    },
  };
}

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompresses gzip bytes with DecompressionStream (browsers and Node ≥ 18). */
export function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new DecompressionStream('gzip'));
}

/** Compresses bytes to gzip with CompressionStream. */
export function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return pipe(bytes, new CompressionStream('gzip'));
}

async function pipe(bytes: Uint8Array, transform: { readable: ReadableStream; writable: WritableStream }): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform as TransformStream<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
