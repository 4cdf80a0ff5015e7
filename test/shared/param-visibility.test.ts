/** ParamSpec.visibleWhen: the activity penalty's own params show only for their penalty. */
import { describe, expect, it } from 'vitest';
import { getNodeSpec, nodeSpecs } from '../../src/shared/nodes';
import { isParamVisible } from '../../src/shared/nodes/params';
import type { NodeSpec } from '../../src/shared/nodes/types';

const visible = (type: string, params: Record<string, unknown>) => {
  const spec = getNodeSpec(type)!;
  return Object.entries(spec.params).filter(([, p]) => isParamVisible(p, params, spec.params)).map(([name]) => name);
};

describe('visibleWhen', () => {
  it('an activation shows ρ and β only with KL, λ only with L1 (the default none hides all three)', () => {
    expect(visible('sigmoid', {})).toEqual(['activityRegularizer']);
    expect(visible('sigmoid', { activityRegularizer: 'kl' })).toEqual(['activityRegularizer', 'rho', 'sparsityWeight']);
    expect(visible('relu', { activityRegularizer: 'l1', rho: 0.2 })).toEqual(['activityRegularizer', 'activityL1']);
  });

  it('every rule names another param of the same node, and a value that param can take', () => {
    for (const spec of Object.values(nodeSpecs) as NodeSpec[]) {
      for (const [name, p] of Object.entries(spec.params)) {
        if (!p.visibleWhen) continue;
        const target = spec.params[p.visibleWhen.param];
        expect(target, `${spec.type}.${name}`).toBeDefined();
        expect(p.visibleWhen.param).not.toBe(name);
        if (target!.kind === 'enum') expect(target!.options).toContain(p.visibleWhen.equals);
      }
    }
  });

  it('params without a rule are always shown', () => {
    expect(visible('conv2d', {})).toEqual(Object.keys(getNodeSpec('conv2d')!.params));
  });
});
