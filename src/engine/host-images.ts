/**
 * The host's side of the image views (protocol-images.ts): samples of a split in data units
 * ('sampleImages'), the outputs of chosen nodes for some rows ('probeImage': feature maps,
 * reconstructions, bottleneck codes) and hand-set weights ('setParam'). Like the probes, a
 * forward pass here runs between training steps in evaluation mode and puts the last training
 * batch's activations back afterwards, so 'inspect' and training continue unchanged.
 */
import { Reply, type RequestHandler } from '../shared/protocol';
import { MAX_PROBE_ROWS, MAX_SAMPLE_IMAGES, type ImageProbe, type ImageRequests, type ImageSamples, type ImageSource } from '../shared/protocol-images';
import type { WeightAverager } from './averaging';
import { applyNormalizer, invertNormalizer } from './data/normalize';
import type { PreparedData } from './data/types';
import { ActivationGuard, forwardChunks } from './probes';
import type { Trainer } from './train';

/** The loaded model and data, and the guard that keeps the training batch's activations (a ProbeRunner). */
export interface ImageContext {
  trainer: Trainer;
  data: PreparedData;
  guard: ActivationGuard;
}

/** The handlers of the image requests; they throw (the host reports it) when nothing is loaded or the request is wrong. */
export function imageHandlers(context: () => ImageContext | null): { [K in keyof ImageRequests]: RequestHandler<K> } {
  const loaded = (): ImageContext => {
    const c = context();
    if (!c) throw new Error('no project is loaded in the engine');
    return c;
  };
  return {
    sampleImages: (msg) => {
      const samples = sampleImages(loaded().data, msg.split, msg.start ?? 0, msg.count);
      return new Reply({ type: 'images', samples }, [samples.x, samples.y, samples.offset, samples.scale].map((a) => a.buffer as ArrayBuffer));
    },
    probeImage: (msg) => {
      const { trainer, data, guard } = loaded();
      const probe = probeImage(trainer, data, msg.nodeIds, msg.source, guard);
      const transfer = [...probe.nodes.map((n) => n.values.buffer as ArrayBuffer), ...(probe.y ? [probe.y.buffer as ArrayBuffer] : [])];
      return new Reply({ type: 'imageProbe', probe }, transfer);
    },
    setParam: (msg) => {
      setParam(loaded().trainer, msg.nodeId, msg.name, msg.data);
      return { type: 'paramSet', nodeId: msg.nodeId, name: msg.name };
    },
  };
}

function checkRange(what: string, start: number, count: number, total: number, max: number): void {
  if (!Number.isInteger(start) || start < 0) throw new Error(`${what}: start must be a whole number ≥ 0 (got ${start})`);
  if (!Number.isInteger(count) || count < 0 || count > max) throw new Error(`${what}: count must be a whole number from 0 to ${max} (got ${count})`);
  if (start > total) throw new Error(`${what}: start ${start} is beyond the ${total} rows of the split`);
}

/** Rows [start, start + count) of a split (fewer at its end), in data units. */
export function sampleImages(data: PreparedData, split: ImageSamples['split'], start: number, count: number): ImageSamples {
  const part = data[split];
  if (!part) throw new Error(`sampleImages: unknown split '${String(split)}'`);
  checkRange('sampleImages', start, count, part.n, MAX_SAMPLE_IMAGES);
  const rows = Math.min(count, part.n - start);
  const k = data.featureSize;
  const t = data.targetSize;
  const x = part.x.slice(start * k, (start + rows) * k);
  invertNormalizer(data.normalizer, x, rows, k);
  return {
    split,
    start,
    total: part.n,
    rows,
    featureShape: [...data.featureShape],
    x,
    y: part.y.slice(start * t, (start + rows) * t),
    targetSize: t,
    ...(data.dataset.classNames ? { classNames: [...data.dataset.classNames] } : {}),
    offset: data.normalizer.offset.slice(),
    scale: data.normalizer.scale.slice(),
  };
}

/** The rows to run, normalised as the network sees them, and their labels if they come from a split. */
function probeRows(data: PreparedData, source: ImageSource): { x: Float32Array; rows: number; y: Float32Array | null } {
  const k = data.featureSize;
  if ('split' in source) {
    const part = data[source.split];
    if (!part) throw new Error(`probeImage: unknown split '${String(source.split)}'`);
    const start = source.start ?? 0;
    const count = source.count ?? Math.min(part.n, MAX_PROBE_ROWS);
    checkRange('probeImage', start, count, part.n, MAX_PROBE_ROWS);
    const rows = Math.min(count, part.n - start);
    const t = data.targetSize;
    return { x: part.x.subarray(start * k, (start + rows) * k), rows, y: part.y.slice(start * t, (start + rows) * t) };
  }
  const { rows } = source;
  if (!Number.isInteger(rows) || rows < 0 || rows > MAX_PROBE_ROWS) throw new Error(`probeImage: rows must be a whole number from 0 to ${MAX_PROBE_ROWS} (got ${rows})`);
  if (source.x.length !== rows * k) throw new Error(`probeImage: ${rows} rows need ${rows * k} values, got ${source.x.length}`);
  const x = new Float32Array(source.x);
  if (!source.normalized) applyNormalizer(data.normalizer, x, rows, k);
  return { x, rows, y: null };
}

/** The outputs of `nodeIds` for the rows of `source`: a forward pass in evaluation mode. */
export function probeImage(trainer: Trainer, data: PreparedData, nodeIds: readonly string[], source: ImageSource, guard = new ActivationGuard(trainer.model)): ImageProbe {
  const model = trainer.model;
  const nodes = nodeIds.map((id) => model.node(id));
  if (nodes.some((n) => n.output.length === 0)) throw new Error('probeImage: a loss node has no outputs of its own; ask for the node before it');
  const { x, rows, y } = probeRows(data, source);
  const values = nodes.map((n) => new Float32Array(rows * n.size));
  if (rows > 0) {
    guard.run(() =>
      forwardChunks(trainer, x, rows, (start, n) => {
        for (let i = 0; i < nodes.length; i++) values[i].set(nodes[i].output.subarray(0, n * nodes[i].size), start * nodes[i].size);
      }),
    );
  }
  return { rows, y, nodes: nodes.map((n, i) => ({ nodeId: n.id, shape: [...n.shape], values: values[i] })) };
}

/**
 * Overwrites a parameter of the live model with hand-set values (same length, finite). Polyak
 * averaging, if on, starts over from them, so evaluation shows the values just set.
 */
export function setParam(trainer: Trainer, nodeId: string, name: string, values: Float32Array): void {
  const node = trainer.model.node(nodeId);
  const param = node.params.find((p) => p.name === name);
  if (!param) throw new Error(`setParam: node '${nodeId}' has no parameter '${name}'${node.params.length ? ` (it has ${node.params.map((p) => p.name).join(', ')})` : ''}`);
  if (values.length !== param.data.length) throw new Error(`setParam: ${nodeId}.${name} [${param.shape.join(', ')}] holds ${param.data.length} values, got ${values.length}`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`setParam: value ${bad} of ${nodeId}.${name} is ${values[bad]}, not a finite number`);
  param.data.set(values);
  (trainer as unknown as { averager: WeightAverager | null }).averager?.reset();
}
