/**
 * The Data tab's preview of an image dataset: the first training images with their labels,
 * fetched from the engine (which has the data parsed already: MNIST would cost the page ~0.3 s).
 */
import { useTrainingStore } from '../engine-client';
import { useProjectStore } from '../store/project-store';
import { Section } from '../settings/fields';
import { flatImageData, imageShapeOf, valueRange } from './paint';
import { labelOf, SampleImage } from './SampleImage';
import { useEngineData, useModel } from './use-engine';
import './image-views.css';

export const PREVIEW_IMAGES = 32;

/** The preview section, or nothing when the loaded data are not images. */
export function DataPreview() {
  const { loaded, loadId } = useModel();
  const featureShape = useTrainingStore((s) => s.summary?.featureShape);
  const train = useTrainingStore((s) => s.summary?.train ?? 0);
  const dataset = useProjectStore((s) => ('dataset' in s.project.data ? s.project.data.dataset : undefined));
  const shape = featureShape ? imageShapeOf(featureShape, flatImageData(dataset)) : null;
  const key = loaded && shape && train > 0 ? `${loadId}` : null;
  const { data: samples, error } = useEngineData(key, () => useTrainingStore.getState().sampleImages('train', 0, PREVIEW_IMAGES));
  if (!shape) return null;
  const featureSize = shape.channels * shape.height * shape.width;
  return (
    <Section title="Preview">
      {error && <p className="field__error">{error}</p>}
      {samples ? (
        <div className="iv-preview" data-testid="image-preview" data-images={samples.rows}>
          <div className="iv-grid iv-grid--dense">
            {Array.from({ length: samples.rows }, (_, i) => {
              const label = labelOf(samples.y, samples.targetSize, i, samples.classNames);
              const range = valueRange(samples.x, i * featureSize, featureSize);
              return <SampleImage key={i} values={samples.x} offset={i * featureSize} shape={shape} size={shape.height <= 6 ? 32 : 30} range={range} caption={label} title={`training image ${i + 1}: ${label}`} />;
            })}
          </div>
          <p className="iv-note">
            The first {samples.rows} of {samples.total} training images, {shape.channels > 1 ? `${shape.channels} channels × ` : ''}
            {shape.height}×{shape.width}.
          </p>
        </div>
      ) : (
        !error && <p className="iv-hint">Loading the images…</p>
      )}
    </Section>
  );
}
