/**
 * Every numeric param of every node type accepts its limits and refuses one step beyond them,
 * through resolveParams (what graph validation, project loading and the inspector use). A project
 * saved with Dense units = 4096 (the maximum) must load.
 */
import { describe, expect, it } from 'vitest';
import { resolveParams, validateGraph } from '../../src/shared/graph';
import { getNodeSpec, nodeTypes, type NodeType } from '../../src/shared/nodes';
import type { FloatParam, IntParam } from '../../src/shared/nodes/types';

type NumericParam = IntParam | FloatParam;

const numericParams = nodeTypes.flatMap((type) =>
  Object.entries(getNodeSpec(type)!.params)
    .filter((e): e is [string, NumericParam] => e[1].kind === 'int' || e[1].kind === 'float')
    .map(([name, spec]) => [`${type}.${name}`, type, name, spec] as const),
);

/** The smallest change that leaves the valid range: 1 for integers, a relative hair for floats. */
const stepOf = (spec: NumericParam, at: number) => (spec.kind === 'int' ? 1 : Math.max(1e-9, Math.abs(at) * 1e-9));
const problems = (type: NodeType, name: string, value: number) => resolveParams(type, { [name]: value }).issues.map((i) => i.message);

describe('param limits', () => {
  it('there are numeric params with limits to check', () => {
    expect(numericParams.filter(([, , , s]) => s.max !== undefined).length).toBeGreaterThan(5);
    expect(numericParams.filter(([, , , s]) => s.min !== undefined).length).toBeGreaterThan(10);
  });

  it.each(numericParams)('%s: the min and max are accepted, one step beyond refused', (_label, type, name, spec) => {
    if (spec.min !== undefined) {
      const exclusive = spec.kind === 'float' && spec.minExclusive;
      const step = stepOf(spec, spec.min);
      if (exclusive) {
        expect(problems(type, name, spec.min)).toEqual([expect.stringMatching(/must be greater than/)]);
        expect(problems(type, name, spec.min + step)).toEqual([]);
      } else {
        expect(problems(type, name, spec.min)).toEqual([]);
        expect(problems(type, name, spec.min - step)).toEqual([expect.stringMatching(/must be at least/)]);
      }
    }
    if (spec.max !== undefined) {
      expect(problems(type, name, spec.max)).toEqual([]);
      expect(problems(type, name, spec.max + stepOf(spec, spec.max))).toEqual([expect.stringMatching(/must be at most/)]);
    }
    // The default is inside the limits.
    expect(problems(type, name, spec.default)).toEqual([]);
  });

  it('a graph with Dense units at the maximum (4096) is valid', () => {
    const graph = {
      nodes: [
        { id: 'x', type: 'input', position: { x: 0, y: 0 }, params: {} },
        { id: 'h', type: 'dense', position: { x: 0, y: 0 }, params: { units: 4096 } },
        { id: 'o', type: 'dense', position: { x: 0, y: 0 }, params: { units: 1 } },
        { id: 'loss', type: 'mse', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'x', sourceHandle: 'out', target: 'h', targetHandle: 'in' },
        { id: 'e2', source: 'h', sourceHandle: 'out', target: 'o', targetHandle: 'in' },
        { id: 'e3', source: 'o', sourceHandle: 'out', target: 'loss', targetHandle: 'in' },
      ],
    };
    const analysis = validateGraph(graph, { dataShape: [2], task: 'regression' });
    expect(analysis.issues).toEqual([]);
  });
});
