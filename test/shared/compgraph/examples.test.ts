/**
 * The lecture's autodiff examples (deck 002, examples 1–3) against the worked examples' Checks
 * 39–45, by reverse mode, forward mode and finite differences; the chain rule's per-path sums.
 */
import { describe, expect, it } from 'vitest';
import {
  finiteDifferences, forwardMode, forwardPass, gradientReport, pathContributions, reverseMode,
} from '../../../src/shared/compgraph/evaluate';
import { findCompGraphTemplate } from '../../../src/shared/templates/compgraph';

const graphOf = (id: string) => findCompGraphTemplate(id)!.build().graph;

describe('Example 1: g = θ₁² + 2θ₂² − θ₃² at (1, −1, 1)', () => {
  const graph = graphOf('l002-autodiff-example1');
  const fwd = forwardPass(graph);
  const rev = reverseMode(graph, fwd);

  it('check 39: g = 2, ∇g = (2, −4, −2) exactly, by both modes', () => {
    expect(fwd.g).toBe(2);
    expect(rev.gradient).toEqual({ theta1: 2, theta2: -4, theta3: -2 });
    expect(forwardMode(graph, fwd).gradient).toEqual({ theta1: 2, theta2: -4, theta3: -2 });
  });

  it('forward values and local derivatives as the worked example lists them', () => {
    expect([fwd.values.f1, fwd.values.f2, fwd.values.f3]).toEqual([1, 1, 1]);
    expect([fwd.local.e1, fwd.local.e2, fwd.local.e3]).toEqual([2, -2, 2]); // 2θ_k
    expect([fwd.local.e4, fwd.local.e5, fwd.local.e6]).toEqual([1, 2, -1]); // ∂f4/∂(f1, f2, f3)
    expect([rev.messages.e1, rev.messages.e2, rev.messages.e3]).toEqual([2, -4, -2]); // the backward messages
  });

  it('check 40: forward differences (h = 1e−3) = (2.001, −3.998, −2.001), central = (2, −4, −2)', () => {
    const fd = finiteDifferences(graph, 1e-3);
    [2.001, -3.998, -2.001].forEach((v, i) => expect(Math.abs(fd.forward[`theta${i + 1}`]! - v)).toBeLessThan(1e-9));
    [2, -4, -2].forEach((v, i) => expect(Math.abs(fd.central[`theta${i + 1}`]! - v)).toBeLessThan(1e-9));
    expect(fd.evaluations).toEqual({ forward: 4, central: 6 });
  });

  it('passes: one backward pass for reverse mode, one pass per variable for forward mode', () => {
    const report = gradientReport(graph, 1e-3);
    expect(report.passes).toEqual({ reverse: 1, forward: 3 });
    expect(rev.steps.map((s) => s.nodeId)).toEqual(['f4', 'f3', 'f2', 'f1', 'theta3', 'theta2', 'theta1']);
  });
});

describe('Example 2: g = ln f₃, f = (x₁ + 2x₂)² at (1, −2, 1)', () => {
  const graph = graphOf('l002-autodiff-example2');
  const fwd = forwardPass(graph);
  const rev = reverseMode(graph, fwd);

  it('check 41: f1 = 9, f2 = 0, f3 = 81 exactly; g = ln 81', () => {
    expect([fwd.values.f1, fwd.values.f2, fwd.values.f3]).toEqual([9, 0, 81]);
    expect(Math.abs(fwd.g - 4.394449)).toBeLessThan(1e-6);
    expect(fwd.g).toBe(Math.log(81));
  });

  it('local derivatives (−6, −12), (0, 0), (18, 36), 1/81', () => {
    expect([fwd.local.e1, fwd.local.e2, fwd.local.e3, fwd.local.e4, fwd.local.e5, fwd.local.e6]).toEqual([-6, -12, 0, 0, 18, 36]);
    expect(fwd.local.e7).toBeCloseTo(1 / 81, 15);
  });

  it('check 42: adjoints ∂g/∂f3 = 1/81, ∂g/∂f1 = 2/9, ∂g/∂f2 = 4/9', () => {
    expect(Math.abs(rev.adjoints.f3! - 0.012346)).toBeLessThan(1e-6);
    expect(Math.abs(rev.adjoints.f1! - 0.222222)).toBeLessThan(1e-6);
    expect(Math.abs(rev.adjoints.f2! - 0.444444)).toBeLessThan(1e-6);
  });

  it('check 43: ∇g = (−4/3, −8/3, 0); central FD (h = 1e−6) agrees; forward FD (h = 1e−3) = (−1.333556, −2.667111, 0.001778)', () => {
    const expected = [-4 / 3, -8 / 3, 0];
    expected.forEach((v, i) => expect(Math.abs(rev.gradient[`theta${i + 1}`]! - v)).toBeLessThan(1e-12));
    expect(forwardMode(graph, fwd).gradient).toEqual(rev.gradient);
    const central = finiteDifferences(graph, 1e-6).central;
    expected.forEach((v, i) => expect(Math.abs(central[`theta${i + 1}`]! - v)).toBeLessThan(1e-6));
    const forward = finiteDifferences(graph, 1e-3).forward;
    [-1.333556, -2.667111, 0.001778].forEach((v, i) => expect(Math.abs(forward[`theta${i + 1}`]! - v)).toBeLessThan(1e-6));
  });

  it('the chain rule: ∂g/∂θ₂ is the sum of its two paths, 2/9·(−12) + 4/9·0', () => {
    const { paths, total } = pathContributions(graph, fwd, 'theta2');
    expect(total).toBe(2);
    expect(paths.map((p) => p.nodes)).toEqual([['theta2', 'f1', 'f3', 'f4'], ['theta2', 'f2', 'f3', 'f4']]);
    expect(paths[0]!.factors).toEqual([-12, 18, fwd.local.e7]);
    expect(paths[1]!.product).toBe(0);
    expect(paths.reduce((s, p) => s + p.product, 0)).toBeCloseTo(rev.gradient.theta2!, 14);
  });
});

describe('Example 3: u = wx, v = u + b, y = eᵛ, ℓ = (y − y*)²', () => {
  const graph = graphOf('l002-autodiff-example3');

  it('check 44 at (0.5, 2, −1, 0): u = 1, v = 0, y = 1, ℓ = 1, v′ = 2, ∂ℓ/∂w = 4, ∂ℓ/∂b = 2, ∂ℓ/∂x = 1', () => {
    const fwd = forwardPass(graph);
    const rev = reverseMode(graph, fwd);
    expect([fwd.values.u, fwd.values.v, fwd.values.y, fwd.g]).toEqual([1, 0, 1, 1]);
    expect(Math.abs(rev.adjoints.v! - 2)).toBeLessThan(1e-12);
    expect(Math.abs(rev.adjoints.u! - 2)).toBeLessThan(1e-12);
    expect(Math.abs(rev.gradient.w! - 4)).toBeLessThan(1e-12);
    expect(Math.abs(rev.gradient.b! - 2)).toBeLessThan(1e-12);
    expect(Math.abs(rev.gradient.x! - 1)).toBeLessThan(1e-12);
  });

  it('check 45 at (1, 1, 0, 1): ℓ = (e − 1)² and ∂ℓ/∂w = ∂ℓ/∂b = 2(e − 1)e', () => {
    const report = gradientReport(graph, 1e-6, { w: 1, x: 1, b: 0, ystar: 1 });
    expect(Math.abs(report.g - 2.952492)).toBeLessThan(1e-6);
    expect(Math.abs(report.variables.w!.reverse - 9.341549)).toBeLessThan(1e-6);
    expect(Math.abs(report.variables.b!.forward - 9.341549)).toBeLessThan(1e-6);
    expect(Math.abs(report.variables.w!.central - 9.341549)).toBeLessThan(1e-5);
  });

  it('the third illustrative point (1, 2, −1, 2): ℓ = 0.515929, ∂ℓ/∂w = 7.809970, ∂ℓ/∂b = 3.904985', () => {
    const report = gradientReport(graph, 1e-6, { w: 1, x: 2, b: -1, ystar: 2 });
    expect(Math.abs(report.g - 0.515929)).toBeLessThan(1e-6);
    expect(Math.abs(report.variables.w!.reverse - 7.80997)).toBeLessThan(1e-6);
    expect(Math.abs(report.variables.b!.reverse - 3.904985)).toBeLessThan(1e-6);
  });
});

describe('evaluation errors', () => {
  it('names the block whose value is not finite on the way to g', () => {
    const graph = graphOf('l002-autodiff-example2');
    expect(() => forwardPass(graph, { theta1: 4, theta2: -2, theta3: 1 })).toThrow("node 'f4' (Log): its value is -Infinity for the input 0");
  });

  it('refuses an unknown --at variable and a graph with problems, listing them', () => {
    const graph = graphOf('l002-autodiff-example1');
    expect(() => forwardPass(graph, { theta9: 1 })).toThrow(/no variable named 'theta9' \(the variables are theta1, theta2, theta3\)/);
    const broken = { ...graph, edges: graph.edges.filter((e) => e.id !== 'e5') };
    expect(() => forwardPass(broken)).toThrow(/node 'f4': input 'x2' is not connected/);
    expect(() => forwardPass({ ...graph, output: undefined })).toThrow(/no node is marked as the output g/);
  });
});
