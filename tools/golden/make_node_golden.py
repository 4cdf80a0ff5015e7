#!/usr/bin/python3
"""Golden fixtures per node type, made with the type's torch.nn module.

    cd <repo> && /usr/bin/python3 tools/golden/make_node_golden.py

Needs Debian's python3-torch (PyTorch 1.13). For every case module in tools/golden/nodes/
(`batch_norm.py` → test/fixtures/golden/nodes/batch-norm.json) it builds each case's graph (our
graph JSON) as torch.nn modules in float64, draws the weights and buffers from the case's seed
(rounded to float32, so both sides start from the same numbers) and records:

- step 1 in training mode: every node's output and dL/d(output), the loss, every param's
  gradient and dL/dx;
- `steps` optimiser steps (torch.optim.SGD, float64): the loss and gradients before each update,
  and every param AND buffer (running statistics) after it;
- evaluation mode after the steps: every node's output, the loss, every param's gradient, dL/dx.

test/engine/golden-nodes.test.ts runs every fixture in that folder; a new node type needs only
its case module here (and its fixture), no test edit. A case module defines TYPE (our node type),
`module(params, in_shape, weights)` (the torch module, holding the given tensors), `draw(gen,
params, in_shape)` (its initial weights and buffers by our names), NO_DECAY (names that weight
decay skips, as their `decay: false` declaration) and CASES.
"""
import importlib
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True  # keep tools/golden free of __pycache__
sys.path.insert(0, os.path.dirname(__file__))
from golden_graph import edge, node, topo_order  # noqa: E402
from make_golden import dumps, f32, flat, uniform  # noqa: E402

OUT_DIR = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'golden', 'nodes')
CASE_DIR = os.path.join(os.path.dirname(__file__), 'nodes')


def chain(*specs):
    """A straight chain graph from (id, type, params) triples."""
    nodes = [node(i, t, k, **p) for k, (i, t, p) in enumerate(specs)]
    return {'nodes': nodes, 'edges': [edge(a['id'], b['id']) for a, b in zip(nodes, nodes[1:])]}


class Dense(torch.nn.Module):
    """Our Dense: kernel [in, units] (torch's Linear weight transposed), bias [units]."""

    def __init__(self, kernel, bias):
        super().__init__()
        self.kernel = torch.nn.Parameter(kernel)
        self.bias = torch.nn.Parameter(bias)

    def forward(self, x):
        return x @ self.kernel + self.bias


def common_module(t, p, in_shape, gen):
    """The node types every case may use around the one under test: (module, {our name: tensor})."""
    if t == 'dense':
        m = Dense(uniform(gen, (in_shape[0], p['units']), -1, 1), uniform(gen, (p['units'],), -0.5, 0.5))
        return m, {'kernel': m.kernel, 'bias': m.bias}
    if t == 'conv2d':
        c, k = in_shape[0], p['kernelSize']
        scale = 1.5 / (c * k * k) ** 0.5
        m = torch.nn.Conv2d(c, p['filters'], k, stride=p.get('stride', 1), dtype=torch.float64)
        with torch.no_grad():
            m.weight.copy_(uniform(gen, (p['filters'], c, k, k), -scale, scale))
            m.bias.copy_(uniform(gen, (p['filters'],), -0.3, 0.3))
        return m, {'kernel': m.weight, 'bias': m.bias}
    if t == 'flatten':
        return torch.nn.Flatten(), {}
    if t == 'tanh':
        return torch.nn.Tanh(), {}
    if t == 'softmax':
        return torch.nn.Softmax(dim=1), {}
    raise ValueError(f'the golden runner has no module for {t}; add it to common_module')


def build(case, types, x):
    """Modules per node in graph order, with their named tensors, built on x's real shapes (eval mode: no statistics move)."""
    graph = case['graph']
    by_id = {n['id']: n for n in graph['nodes']}
    source = {e['target']: e['source'] for e in graph['edges']}
    gen = torch.Generator().manual_seed(case['seed'])
    modules, tensors, values = {}, {}, {}
    for nid in topo_order(graph):
        n = by_id[nid]
        t, p = n['type'], n['params']
        if t == 'input':
            values[nid] = x
            continue
        if t in ('crossEntropy', 'mse'):
            continue
        inp = values[source[nid]]
        if t in types:
            plugin = types[t]
            named = {k: v.clone() for k, v in plugin.draw(gen, p, list(inp.shape[1:])).items()}
            m = plugin.module(p, list(inp.shape[1:]), named)
            tensors[nid] = plugin.named_tensors(m)
        else:
            m, tensors[nid] = common_module(t, p, list(inp.shape[1:]), gen)
        m = m.double().eval()
        modules[nid] = m
        with torch.no_grad():
            values[nid] = m(inp)
    return modules, tensors


def run(case, modules, x, y, training):
    """Forward (and the loss) in train or eval mode; returns (loss, {node: output}, {loss node: value}, fused ids)."""
    graph = case['graph']
    by_id = {n['id']: n for n in graph['nodes']}
    source = {e['target']: e['source'] for e in graph['edges']}
    outputs, losses, fused = {}, {}, []
    for nid in topo_order(graph):
        t = by_id[nid]['type']
        if t == 'input':
            outputs[nid] = x
        elif t == 'crossEntropy':
            softmax_id = source[nid]
            assert by_id[softmax_id]['type'] == 'softmax'
            fused.append(softmax_id)
            losses[nid] = F.cross_entropy(outputs[source[softmax_id]], y)
        elif t == 'mse':
            losses[nid] = F.mse_loss(outputs[source[nid]], y)
        else:
            modules[nid].train(training)
            outputs[nid] = modules[nid](outputs[source[nid]])
    for out in outputs.values():
        if out.requires_grad and not out.is_leaf:
            out.retain_grad()
    return sum(losses.values()), outputs, {k: v.item() for k, v in losses.items()}, fused


def snapshot(tensors, attr='data'):
    out = {}
    for nid, named in tensors.items():
        if named:
            out[nid] = {k: flat(getattr(v, attr) if attr == 'grad' else v) for k, v in named.items()
                        if attr != 'grad' or v.requires_grad}
    return {k: v for k, v in out.items() if v}


def record_pass(loss, outputs, losses, fused, tensors, x):
    loss.backward()
    return {
        'loss': loss.item(), 'losses': losses, 'fused': fused,
        'outputs': {nid: flat(o) for nid, o in outputs.items()},
        'nodeGrads': {nid: flat(o.grad) for nid, o in outputs.items() if o.grad is not None and nid not in fused},
        'paramGrads': snapshot(tensors, 'grad'),
        'inputGrad': flat(x.grad),
    }


def zero_grads(tensors, x):
    for named in tensors.values():
        for v in named.values():
            if v.grad is not None:
                v.grad = None
    x.grad = None


def golden_case(case, types):
    rows, data_shape = case['rows'], case['dataShape']
    gen = torch.Generator().manual_seed(case['seed'] + 7919)
    x = f32(torch.randn((rows, *data_shape), generator=gen, dtype=torch.float64))
    if case['task'] == 'classification':
        labels = torch.randint(case['numClasses'], (rows,), generator=gen)
        y_torch, y = labels, [float(v) for v in labels.tolist()]
    else:
        y_torch = uniform(gen, (rows, case['targetSize']), -0.9, 0.9)
        y = flat(y_torch)
    modules, tensors = build(case, types, x)
    initial = snapshot(tensors)
    x.requires_grad_(True)

    no_decay = {name for plugin in types.values() for name in plugin.NO_DECAY}
    by_id = {n['id']: n for n in case['graph']['nodes']}
    decay, keep = [], []
    for nid, named in tensors.items():
        for name, v in named.items():
            if v.requires_grad:
                (keep if by_id[nid]['type'] in types and name in no_decay else decay).append(v)
    cfg = case['optimizer']
    opt = torch.optim.SGD([{'params': decay}, {'params': keep, 'weight_decay': 0}], lr=cfg['learningRate'],
                          momentum=cfg.get('momentum', 0), weight_decay=cfg.get('weightDecay', 0), foreach=False)

    steps = []
    for s in range(case['steps']):
        zero_grads(tensors, x)
        record = record_pass(*run(case, modules, x, y_torch, True), tensors, x)
        if s > 0:
            record = {'loss': record['loss'], 'paramGrads': record['paramGrads']}
        opt.step()
        record['weightsAfter'] = snapshot(tensors)
        steps.append(record)
    zero_grads(tensors, x)
    evaluation = record_pass(*run(case, modules, x, y_torch, False), tensors, x)

    return {
        'name': case['name'], 'graph': case['graph'], 'dataShape': data_shape, 'rows': rows, 'task': case['task'],
        'numClasses': case.get('numClasses', 0), 'targetSize': case.get('targetSize', 1),
        'x': flat(x), 'y': y,
        'weights': {nid: {k: {'shape': list(tensors[nid][k].shape), 'data': v} for k, v in named.items()}
                    for nid, named in initial.items()},
        'optimizer': dict(cfg, type='sgd'),
        'expected': {'steps': steps, 'evaluation': evaluation},
    }


def main():
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    os.makedirs(OUT_DIR, exist_ok=True)
    plugins = [importlib.import_module(f'nodes.{f[:-3]}') for f in sorted(os.listdir(CASE_DIR))
               if f.endswith('.py') and not f.startswith('_')]
    types = {p.TYPE: p for p in plugins}
    for plugin in plugins:
        meta = {'torch': torch.__version__, 'dtype': 'float64', 'module': plugin.TORCH_MODULE,
                'command': '/usr/bin/python3 tools/golden/make_node_golden.py'}
        cases = [golden_case(c, types) for c in plugin.CASES]
        path = os.path.join(OUT_DIR, plugin.__name__.split('.')[-1].replace('_', '-') + '.json')
        with open(path, 'w') as f:
            f.write(dumps({'meta': meta, 'type': plugin.TYPE, 'cases': cases}) + '\n')
        print(f'wrote {os.path.normpath(path)}')


if __name__ == '__main__':
    main()
