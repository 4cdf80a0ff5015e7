/**
 * A 2-unit bottleneck's code for every sample of a split as a point on the plane, coloured by
 * class: where an autoencoder puts the digits when it may keep only two numbers of each.
 */
import { useEffect, useRef } from 'react';
import { useTrainingStore } from '../engine-client';
import { classColor, css } from '../training/colormap';
import { effectiveSplit, SPLIT_LABELS, useSplitSizes } from './chosen-sample';
import { formatCell } from './paint';
import { useEngineData, useModel } from './use-engine';

const WIDTH = 300;
const HEIGHT = 220;
const PAD = 10;

/** [min, max] of every other value from `start`, padded by 5 % (a flat range gets ±1). */
export function axisRange(values: Float32Array, start: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < values.length; i += 2) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) return [-1, 1];
  if (min === max) return [min - 1, max + 1];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

export function CodeScatter({ nodeId, width = WIDTH, height = HEIGHT }: { nodeId: string; width?: number; height?: number }) {
  const { version, loaded, layerIds } = useModel();
  const sizes = useSplitSizes();
  const split = effectiveSplit(null, sizes);
  const classNames = useTrainingStore((s) => s.summary?.classNames);
  const key = loaded && layerIds.has(nodeId) ? `${version}:${nodeId}:${split}` : null;
  const { data: probe, error } = useEngineData(key, () => useTrainingStore.getState().probeImage([nodeId], { split }));
  const ref = useRef<HTMLCanvasElement>(null);
  const codes = probe?.nodes[0]?.values ?? null;

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx || !codes || !probe) return;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const [x0, x1] = axisRange(codes, 0);
    const [y0, y1] = axisRange(codes, 1);
    const px = (v: number) => PAD + ((v - x0) / (x1 - x0)) * (width - 2 * PAD);
    const py = (v: number) => height - PAD - ((v - y0) / (y1 - y0)) * (height - 2 * PAD);
    ctx.strokeStyle = '#e2e7ef';
    if (x0 < 0 && x1 > 0) ctx.strokeRect(px(0), 0, 0, height);
    if (y0 < 0 && y1 > 0) ctx.strokeRect(0, py(0), width, 0);
    for (let i = 0; i < probe.rows; i++) {
      ctx.fillStyle = css(classColor(probe.y ? probe.y[i]! : 0), 0.75);
      ctx.beginPath();
      ctx.arc(px(codes[2 * i]!), py(codes[2 * i + 1]!), 2.4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [codes, probe, width, height]);

  if (!key) return <p className="iv-hint">Shown once the engine has loaded this network.</p>;
  if (error) return <p className="field__error">{error}</p>;
  const ratio = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const [x0, x1] = codes ? axisRange(codes, 0) : [0, 0];
  const [y0, y1] = codes ? axisRange(codes, 1) : [0, 0];
  return (
    <figure className="iv-scatter" data-testid="code-scatter" data-points={probe?.rows ?? 0}>
      <canvas ref={ref} width={width * ratio} height={height * ratio} style={{ width, height }} />
      <figcaption className="iv-note">
        {probe ? `${probe.rows} ${SPLIT_LABELS[split].toLowerCase()} samples` : 'Computing…'}
        {codes && ` · code₁ ${formatCell(x0)} … ${formatCell(x1)}, code₂ ${formatCell(y0)} … ${formatCell(y1)}`}
      </figcaption>
      {classNames && (
        <div className="iv-legend">
          {classNames.map((name, c) => (
            <span key={c} className="iv-legend__item">
              <i style={{ background: css(classColor(c)) }} />
              {name}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
}
