/** The optimiser and its own settings; defaults are PyTorch's (src/shared/project-defaults.ts). */
import { OPTIMIZER_DEFAULTS } from '../../../shared/project-defaults';
import type { OptimizerConfig, OptimizerType } from '../../../shared/project-types';
import { useProjectStore } from '../store/project-store';
import { CheckboxField, NumberField, SelectField } from './fields';
import { fieldError } from './messages';

const OPTIMIZERS: { value: OptimizerType; label: string }[] = [
  { value: 'sgd', label: 'SGD (gradient descent)' },
  { value: 'adam', label: 'Adam' },
  { value: 'rmsprop', label: 'RMSprop' },
  { value: 'adagrad', label: 'Adagrad' },
];

const FIELD_TEXT: Record<string, { label: string; hint: string }> = {
  momentum: { label: 'Momentum', hint: 'Fraction of the previous step kept (0 = plain gradient descent, 0.9 is common).' },
  dampening: { label: 'Dampening', hint: 'Scales down the new gradient added to the momentum.' },
  nesterov: { label: 'Nesterov momentum', hint: 'Look ahead along the momentum before taking the gradient (needs momentum > 0).' },
  beta1: { label: 'β₁', hint: 'Decay of the running mean of gradients.' },
  beta2: { label: 'β₂', hint: 'Decay of the running mean of squared gradients.' },
  rho: { label: 'ρ', hint: 'Decay of the running mean of squared gradients.' },
  epsilon: { label: 'ε', hint: 'Added to the denominator for numerical stability.' },
  lrDecay: { label: 'Learning-rate decay', hint: 'η / (1 + (t − 1)·decay) per step.' },
  weightDecay: { label: 'Weight decay (L2)', hint: 'Adds λ·w to every gradient.' },
};

export function OptimizerFields() {
  const optimizer = useProjectStore((s) => s.project.training.optimizer);
  const defaults = OPTIMIZER_DEFAULTS[optimizer.type] as Record<string, number | boolean>;
  const values = optimizer as unknown as Record<string, number | boolean | undefined>;
  const patch = (label: string, change: Record<string, unknown>) => {
    const next = { ...optimizer, ...change } as OptimizerConfig;
    return fieldError(label, useProjectStore.getState().setTraining({ optimizer: next }));
  };
  const choose = (type: OptimizerType) => useProjectStore.getState().setTraining({ optimizer: { type, learningRate: optimizer.learningRate } as OptimizerConfig });

  return (
    <>
      <SelectField label="Optimiser" value={optimizer.type} options={OPTIMIZERS} onChange={choose} testId="optimizer-type" />
      <NumberField
        label="Learning rate η"
        value={optimizer.learningRate}
        check={(v) => (v > 0 ? null : `Learning rate must be greater than 0 (got ${v})`)}
        onCommit={(v) => patch('Learning rate', { learningRate: v })}
        hint="Step size of each update."
        testId="optimizer-learningRate"
      />
      {Object.entries(defaults).map(([key, fallback]) => {
        const text = FIELD_TEXT[key] ?? { label: key, hint: '' };
        const value = values[key] ?? fallback;
        if (typeof fallback === 'boolean') {
          return (
            <CheckboxField
              key={key}
              label={text.label}
              checked={value === true}
              onChange={(on) => patch(text.label, { [key]: on })}
              hint={text.hint}
              testId={`optimizer-${key}`}
            />
          );
        }
        return <NumberField key={key} label={text.label} value={value as number} onCommit={(v) => patch(text.label, { [key]: v })} hint={text.hint} testId={`optimizer-${key}`} />;
      })}
    </>
  );
}
