/**
 * An autoencoder's originals and reconstructions side by side for the first few samples of a
 * split (a denoising one also shows the noisy input it rebuilt from). All in data units and on
 * one grey scale, so a faint reconstruction looks faint.
 */
import { useMemo } from 'react';
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store/project-store';
import { effectiveSplit, SPLIT_LABELS, useSplitSizes } from './chosen-sample';
import { denormalize, normalize, seededNormals, type AutoencoderInfo } from './autoencoder';
import { flatImageData, imageShapeOf, valueRange } from './paint';
import { labelOf, SampleImage } from './SampleImage';
import { useEngineData, useModel } from './use-engine';

const NOISE_SEED = 20240521;

export function Reconstructions({ info, count = 6, size = 44 }: { info: AutoencoderInfo; count?: number; size?: number }) {
  const { version, loadId, loaded, layerIds } = useModel();
  const sizes = useSplitSizes();
  const split = effectiveSplit(null, sizes);
  const dataset = useProjectStore((s) => ('dataset' in s.project.data ? s.project.data.dataset : undefined));
  const ready = loaded && layerIds.has(info.predictionId) && sizes[split] > 0;
  const { data: samples, error: sampleError } = useEngineData(ready ? `${loadId}:${split}:${count}` : null, () => useTrainingStore.getState().sampleImages(split, 0, count));
  const noise = info.noise;
  /** What the network gets: the samples in network units, plus noise for a denoising autoencoder. */
  const inputs = useMemo(() => {
    if (!samples) return null;
    const seen = normalize(samples.x, samples.offset, samples.scale);
    if (!noise) return seen;
    const eps = seededNormals(seen.length, NOISE_SEED);
    return seen.map((v, i) => v + noise.stddev * eps[i]!);
  }, [samples, noise]);
  const key = ready && samples && inputs ? `${version}:${info.predictionId}:${loadId}:${split}` : null;
  const { data: probe, error } = useEngineData(key, () => useTrainingStore.getState().probeImage([info.predictionId], { x: inputs!, rows: samples!.rows, normalized: true }));
  const shape = samples ? imageShapeOf(samples.featureShape, flatImageData(dataset)) : null;
  const featureSize = samples ? samples.x.length / Math.max(1, samples.rows) : 0;
  const output = probe?.nodes[0];
  const rebuilt = useMemo(() => (samples && output && output.values.length === samples.x.length ? denormalize(output.values, samples.offset, samples.scale) : null), [samples, output]);
  const noisy = useMemo(() => (samples && inputs && noise ? denormalize(inputs, samples.offset, samples.scale) : null), [samples, inputs, noise]);

  if (!ready) return <p className="iv-hint">Shown once the engine has loaded this network.</p>;
  if (sampleError ?? error) return <p className="field__error">{sampleError ?? error}</p>;
  if (!samples || !shape) return <p className="iv-hint">{samples ? 'The samples are not images.' : 'Loading…'}</p>;
  const range = valueRange(samples.x);
  const row = (name: string, values: Float32Array | null, testId: string) => (
    <div className="iv-recon-row" data-testid={testId}>
      <div className="iv-recon-row__name">{name}</div>
      <div className="iv-recon-row__images">
        {Array.from({ length: samples.rows }, (_, i) =>
          values ? (
            <SampleImage key={i} values={values} offset={i * featureSize} shape={shape} size={size} range={range} title={`${name} ${i + 1}: ${labelOf(samples.y, samples.targetSize, i, samples.classNames)}`} />
          ) : (
            <span key={i} className="iv-placeholder" style={{ width: size, height: size }} />
          ),
        )}
      </div>
    </div>
  );
  return (
    <div className="iv-recon" data-testid="reconstructions">
      {row('Original', samples.x, 'recon-original')}
      {noisy && row(`Noisy (σ ${noise!.stddev})`, noisy, 'recon-noisy')}
      {row('Rebuilt', rebuilt, 'recon-rebuilt')}
      <p className="iv-note">
        The first {samples.rows} {SPLIT_LABELS[split].toLowerCase()} samples{noise ? ', with the noise the network learns to remove,' : ''} and what the network makes of them
        {output && !rebuilt ? ` (its output has ${output.values.length / samples.rows} values, the input ${featureSize})` : ''}.
      </p>
    </div>
  );
}
