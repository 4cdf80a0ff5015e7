/**
 * Weights set by hand: a convolution kernel up to 5×5 (at most 4 filter × channel slices) or a
 * small Dense kernel (up to 8 inputs and 8 units), and the bias. Each cell is a number field that
 * commits on Enter or when it loses focus; the value goes into the live engine and the project.
 */
import { useEffect, useState } from 'react';
import { css } from '../training/colormap';
import { colourOf } from './paint';
import { setWeight, type NodeParams, type Tensor } from './node-params';

export const MAX_EDIT_KERNEL = 5;
export const MAX_EDIT_SLICES = 4;
/** Dense kernels up to this many inputs and units: a table that fits the inspector. */
export const MAX_EDIT_DENSE = 8;

/** Whether a node's kernel is small enough to edit by hand, and how it is laid out. */
export function editableKind(type: string, kernelShape: readonly number[] | undefined): 'conv' | 'dense' | null {
  if (!kernelShape) return null;
  if (type === 'conv2d' && kernelShape.length === 4) {
    const [f, c, kh] = kernelShape as [number, number, number, number];
    return kh <= MAX_EDIT_KERNEL && f * c <= MAX_EDIT_SLICES ? 'conv' : null;
  }
  if (type === 'dense' && kernelShape.length === 2) {
    const [inputs, units] = kernelShape as [number, number];
    return inputs <= MAX_EDIT_DENSE && units <= MAX_EDIT_DENSE ? 'dense' : null;
  }
  return null;
}

function WeightInput({ nodeId, name, tensor, index, range }: { nodeId: string; name: string; tensor: Tensor; index: number; range: number }) {
  const value = tensor.data[index]!;
  const shown = String(Number(value.toPrecision(4)));
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(shown), [shown]);
  const commit = () => {
    const v = Number(draft.replace('−', '-').replace(',', '.'));
    if (draft.trim() === '' || !Number.isFinite(v)) {
      setError(`'${draft}' is not a number`);
      return;
    }
    setError(null);
    if (draft === shown || v === value) return;
    void setWeight(nodeId, name, tensor.data, index, v).then((e) => e && setError(e));
  };
  const tint = colourOf(value, 'signed', -range, range);
  return (
    <input
      className={`iv-weight${error ? ' has-error' : ''}`}
      value={draft}
      inputMode="decimal"
      aria-label={`${name} ${index}`}
      aria-invalid={error ? true : undefined}
      title={error ?? `${name}[${index}] = ${value}`}
      style={{ background: css(tint, 0.45) }}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          setDraft(shown);
          setError(null);
        }
      }}
      data-testid={`weight-${name}-${index}`}
    />
  );
}

function Grid({ nodeId, name, tensor, offset, rows, cols, range }: { nodeId: string; name: string; tensor: Tensor; offset: number; rows: number; cols: number; range: number }) {
  return (
    <div className="iv-weights" style={{ gridTemplateColumns: `repeat(${cols}, 52px)` }}>
      {Array.from({ length: rows * cols }, (_, i) => (
        <WeightInput key={i} nodeId={nodeId} name={name} tensor={tensor} index={offset + i} range={range} />
      ))}
    </div>
  );
}

export function KernelEditor({ nodeId, kind, params }: { nodeId: string; kind: 'conv' | 'dense'; params: NodeParams }) {
  const kernel = params.kernel!;
  const bias = params.bias;
  const range = Math.max(1e-6, ...Array.from(kernel.data, Math.abs));
  const slices = [];
  if (kind === 'conv') {
    const [f, c, kh, kw] = kernel.shape as [number, number, number, number];
    for (let i = 0; i < f * c; i++) {
      slices.push(
        <div key={i} className="iv-slice">
          {f * c > 1 && <div className="iv-slice__title">Filter {Math.floor(i / c) + 1}{c > 1 ? ` · input channel ${(i % c) + 1}` : ''}</div>}
          <Grid nodeId={nodeId} name="kernel" tensor={kernel} offset={i * kh * kw} rows={kh} cols={kw} range={range} />
        </div>,
      );
    }
  } else {
    const [inputs, units] = kernel.shape as [number, number];
    slices.push(
      <div key="dense" className="iv-slice">
        <div className="iv-slice__title">Rows: the {inputs} inputs · columns: the {units} units</div>
        <Grid nodeId={nodeId} name="kernel" tensor={kernel} offset={0} rows={inputs} cols={units} range={range} />
      </div>,
    );
  }
  return (
    <div className="iv-editor" data-testid="kernel-editor">
      {slices}
      {bias && (
        <div className="iv-slice">
          <div className="iv-slice__title">Bias{kind === 'conv' ? ' (one per filter)' : ' (one per unit)'}</div>
          <Grid nodeId={nodeId} name="bias" tensor={bias} offset={0} rows={1} cols={bias.data.length} range={Math.max(range, ...Array.from(bias.data, Math.abs))} />
        </div>
      )}
      <p className="iv-note">Type a value and press Enter: the engine uses it at once and the project keeps it (Save to store it in the file); Undo takes it back.</p>
    </div>
  );
}
