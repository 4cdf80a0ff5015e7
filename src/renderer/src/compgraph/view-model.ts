/**
 * What each block and wire of the canvas shows at the current step of a differentiation:
 * values after the forward pass; in reverse mode the adjoints received so far (final once the
 * block's turn has come) and the messages sent back; in forward mode the tangents of one pass.
 */
import { analyzeCompGraph } from '../../../shared/compgraph/analyze';
import { isScalarOp, paramsWithDefaults, scalarOps } from '../../../shared/compgraph/ops';
import type { CompGraph } from '../../../shared/compgraph/types';
import type { RunState } from './compgraph-store';

export interface BlockView {
  id: string;
  title: string;
  symbol: string;
  typeLabel: string;
  ports: { id: string; label: string }[];
  isOutput: boolean;
  /** The variable's name, for variables. */
  variable?: string;
  value?: number;
  /** ∂g/∂block: what the block has received so far in the backward pass. */
  adjoint?: number;
  /** True once every message for this block has arrived (its turn in the backward pass has come). */
  adjointFinal: boolean;
  /** This block's turn in the backward pass is the one just taken. */
  active: boolean;
  /** ∂block/∂θ of the forward-mode pass shown. */
  tangent?: number;
  issues: string[];
}

export interface WireView {
  id: string;
  /** The value carried (the source's value). */
  value?: number;
  /** ∂target/∂(this input). */
  local?: number;
  /** Adjoint × local derivative, once sent back. */
  message?: number;
  /** The local derivative as a formula of the target's ports, e.g. "2·x". */
  localText?: string;
  issues: string[];
}

/** Numbers as the canvas prints them: exact when short, else 6 significant digits. */
export function formatValue(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Object.is(x, -0) || x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e6 || abs < 1e-4) return x.toExponential(4).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(6)));
}

export function tangentVariable(run: RunState | null): string | null {
  if (!run || !run.tangentPasses) return null;
  return run.tan.passes[run.tangentPasses - 1]?.variable ?? null;
}

export function buildViews(graph: CompGraph, run: RunState | null): { blocks: BlockView[]; wires: WireView[] } {
  const issues = analyzeCompGraph(graph).issues;
  const sent = new Set<string>();
  const finalBlocks = new Set<string>();
  let active: string | null = null;
  if (run && run.reverseSteps !== null) {
    run.rev.steps.slice(0, run.reverseSteps).forEach((s) => s.messages.forEach((m) => sent.add(m.edgeId)));
    // A block's adjoint is complete when its own turn comes: everything downstream has sent.
    run.rev.steps.slice(0, Math.min(run.reverseSteps + 1, run.rev.steps.length)).forEach((s) => finalBlocks.add(s.nodeId));
    active = run.reverseSteps > 0 ? run.rev.steps[run.reverseSteps - 1]!.nodeId : null;
  }
  const received = new Map<string, number>();
  if (run && run.reverseSteps !== null) {
    received.set(run.fwd.output, 1);
    for (const e of graph.edges) if (sent.has(e.id)) received.set(e.source, (received.get(e.source) ?? 0) + run.rev.messages[e.id]!);
  }
  const pass = run && run.tangentPasses ? run.tan.passes[run.tangentPasses - 1] : undefined;

  const blocks = graph.nodes.map((n): BlockView => {
    const known = isScalarOp(n.type);
    const spec = known ? scalarOps[n.type as keyof typeof scalarOps] : undefined;
    const params = known ? paramsWithDefaults(n.type as keyof typeof scalarOps, n.params) : {};
    const ports = spec ? spec.inputs(params).map((p) => ({ id: p, label: p })) : [];
    const adjoint = received.get(n.id);
    return {
      id: n.id,
      title: n.label ?? (n.type === 'variable' ? String(params.name) : n.id),
      symbol: n.type === 'expression' ? String(params.expression) : n.type === 'power' ? `x^${String(params.exponent)}` : (spec?.symbol ?? '?'),
      typeLabel: spec?.label ?? n.type,
      ports,
      isOutput: graph.output === n.id,
      ...(n.type === 'variable' ? { variable: String(params.name) } : {}),
      // Inputs show their value before any pass; other blocks once the forward pass has run.
      ...(run ? { value: run.fwd.values[n.id] } : (n.type === 'variable' || n.type === 'constant') && Number.isFinite(Number(params.value)) ? { value: Number(params.value) } : {}),
      ...(adjoint !== undefined ? { adjoint } : {}),
      adjointFinal: finalBlocks.has(n.id),
      active: active === n.id,
      ...(pass ? { tangent: pass.tangents[n.id] } : {}),
      issues: issues.filter((i) => i.nodeId === n.id && !i.edgeId).map((i) => (i.param ? `${i.param}: ${i.message}` : i.message)),
    };
  });

  const wires = graph.edges.map((e): WireView => {
    const target = graph.nodes.find((n) => n.id === e.target);
    let localText: string | undefined;
    if (target && isScalarOp(target.type)) {
      try {
        const params = paramsWithDefaults(target.type, target.params);
        const k = scalarOps[target.type].inputs(params).indexOf(e.targetHandle);
        localText = k >= 0 ? scalarOps[target.type].localText(params)[k] : undefined;
      } catch {
        localText = undefined; // an expression that does not parse: its problem is shown on the block
      }
    }
    return {
      id: e.id,
      ...(run ? { value: run.fwd.values[e.source], local: run.fwd.local[e.id] } : {}),
      ...(sent.has(e.id) ? { message: run!.rev.messages[e.id] } : {}),
      ...(localText !== undefined ? { localText } : {}),
      issues: issues.filter((i) => i.edgeId === e.id).map((i) => i.message),
    };
  });
  return { blocks, wires };
}
