/**
 * The Node tab's views of a convolution or pooling node: its filters (or, for a small kernel,
 * the weights to set by hand) and its feature maps for one chosen sample, with the sample itself.
 */
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store/project-store';
import { Section } from '../settings/fields';
import { useSample } from './chosen-sample';
import { FeatureMaps } from './FeatureMaps';
import { FilterGrid } from './FilterGrid';
import { ImagePicker } from './ImagePicker';
import { editableKind, KernelEditor } from './KernelEditor';
import { useNodeParams } from './node-params';
import { flatImageData, imageShapeOf } from './paint';
import { labelOf, SampleImage } from './SampleImage';
import { useEngineData, useModel } from './use-engine';

export const NOT_LOADED = 'Shown once the engine has loaded this network (a moment after each change; a network with problems does not load).';

/** A conv2d's kernel: editable numbers when small, else its filters as images. */
export function ConvWeights({ nodeId, type }: { nodeId: string; type: string }) {
  const { data: params, error, loaded, inModel } = useNodeParams(nodeId);
  const kind = editableKind(type, params?.kernel?.shape);
  const title = kind ? (type === 'conv2d' ? 'Kernel (set it by hand)' : 'Weights (set them by hand)') : 'Filters';
  if (!kind && type !== 'conv2d') return null;
  return (
    <Section title={title}>
      {!loaded || !inModel ? (
        <p className="iv-hint">{NOT_LOADED}</p>
      ) : error ? (
        <p className="field__error">{error}</p>
      ) : params?.kernel ? (
        kind ? <KernelEditor nodeId={nodeId} kind={kind} params={params} /> : <FilterGrid kernel={params.kernel} bias={params.bias} />
      ) : (
        <p className="iv-hint">Loading…</p>
      )}
    </Section>
  );
}

/** The node's output maps for the chosen sample. */
export function NodeMaps({ nodeId, type }: { nodeId: string; type: string }) {
  const { version, layerIds } = useModel();
  const dataset = useProjectStore((s) => ('dataset' in s.project.data ? s.project.data.dataset : undefined));
  const { split, index, total, sample, error: sampleError } = useSample();
  const key = sample && layerIds.has(nodeId) ? `${version}:${nodeId}:${split}:${index}` : null;
  const { data: probe, error } = useEngineData(key, () => useTrainingStore.getState().probeImage([nodeId], { x: sample!.x, rows: 1 }));
  const out = probe?.nodes[0];
  const shape = sample ? imageShapeOf(sample.featureShape, flatImageData(dataset)) : null;
  const single = out?.shape.length === 3 && out.shape[0] === 1;
  const title = type === 'conv2d' ? (single ? 'Output map' : 'Feature maps') : single ? 'Pooled map' : 'Pooled maps';
  const label = sample ? labelOf(sample.y, sample.targetSize, 0, sample.classNames) : null;
  const small = shape !== null && shape.height <= 6 && shape.width <= 6;
  return (
    <Section title={title}>
      {!layerIds.has(nodeId) ? (
        <p className="iv-hint">{NOT_LOADED}</p>
      ) : (
        <div className="iv-stack">
          <ImagePicker split={split} index={index} total={total} label={label} />
          {(sampleError ?? error) && <p className="field__error">{sampleError ?? error}</p>}
          <div className={`iv-flow${out && (out.shape[0] ?? 1) > 2 ? ' iv-flow--column' : ''}`}>
            {sample && shape && (
              <SampleImage values={sample.x} shape={shape} size={small ? 120 : 84} numbers={small} caption="input" title="The chosen sample, as the network gets it" testId="maps-input" />
            )}
            <span className="iv-arrow" aria-hidden>
              →
            </span>
            {out ? <FeatureMaps shape={out.shape} values={out.values} label={type === 'conv2d' ? 'map' : 'pooled map'} /> : <p className="iv-hint">Computing…</p>}
          </div>
        </div>
      )}
    </Section>
  );
}
