/** One node param as a form field, generated from its registry spec; checked with checkParamValue. */
import { checkParamValue, describeLimits } from '../../../shared/nodes/params';
import type { ParamSpec } from '../../../shared/nodes/types';
import { useProjectStore } from '../store/project-store';
import { CheckboxField, CommitField, NumberField, SelectField } from '../settings/fields';

interface ParamFieldProps {
  nodeId: string;
  name: string;
  spec: ParamSpec;
  value: unknown;
}

function hintOf(spec: ParamSpec): string {
  const limits = spec.kind === 'int' || spec.kind === 'float' || spec.kind === 'intList' ? describeLimits(spec) : '';
  return [spec.help, limits && `(${limits})`].filter(Boolean).join(' ');
}

function parseIntList(text: string, label: string): { value: number[] } | { error: string } {
  const parts = text.split(/[\s,×x]+/).filter(Boolean);
  if (parts.length === 0) return { error: `${label} needs at least one number` };
  const value = parts.map(Number);
  return value.every(Number.isFinite) ? { value } : { error: `${label} must be whole numbers separated by commas (got '${text.trim()}')` };
}

export function ParamField({ nodeId, name, spec, value }: ParamFieldProps) {
  const setParam = (v: unknown) => useProjectStore.getState().setParam(nodeId, name, v);
  const testId = `param-${name}`;
  switch (spec.kind) {
    case 'int':
    case 'float':
      return (
        <NumberField
          label={spec.label}
          value={typeof value === 'number' ? value : spec.default}
          check={(v) => checkParamValue(spec, v)}
          onCommit={setParam}
          hint={hintOf(spec)}
          unit={spec.unit}
          testId={testId}
        />
      );
    case 'bool':
      return <CheckboxField label={spec.label} checked={value === true} onChange={setParam} hint={spec.help} testId={testId} />;
    case 'enum':
      return (
        <SelectField
          label={spec.label}
          value={String(value ?? spec.default)}
          options={spec.options.map((o) => ({ value: o, label: o }))}
          onChange={setParam}
          hint={spec.help}
          testId={testId}
        />
      );
    case 'intList':
      return (
        <CommitField<number[]>
          label={spec.label}
          value={Array.isArray(value) ? (value as number[]) : [...spec.default]}
          format={(v) => v.join(', ')}
          parse={(text) => parseIntList(text, spec.label)}
          onCommit={(v) => checkParamValue(spec, v) ?? setParam(v)}
          hint={hintOf(spec)}
          testId={testId}
          placeholder="e.g. 28, 28"
        />
      );
  }
}
