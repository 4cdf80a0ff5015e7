#!/usr/bin/python3
"""PyTorch golden fixtures for the engine's tests.

    cd /work/main && /usr/bin/python3 tools/golden/make_golden.py

Needs Debian's python3-torch (PyTorch 1.13). Deterministic: the same torch gives the same files.
Writes test/fixtures/golden/forward.json (forward values and gradients of small graphs),
test/fixtures/golden/cnn.json (the same for convolutions, pooling, merges, dropout/noise and
penalties) and test/fixtures/golden/optimizers.json (10 optimiser steps on a 2-layer MLP).
See README.md.
"""
import json
import os
import sys

import torch

sys.dont_write_bytecode = True  # keep tools/golden free of __pycache__
from golden_cnn import cnn_cases
from golden_graph import chain, edge, node, run_graph
from golden_optim import optimizer_cases

OUT_DIR = os.path.join(os.path.dirname(__file__), '..', '..', 'test', 'fixtures', 'golden')
ROWS, FEATURES, HIDDEN = 6, 4, 5
MARGIN = 1e-3  # keep kinks (relu at 0, |a − t| at 0, the perceptron criterion at 0) this far away

ACTIVATION_PARAMS = {'leakyRelu': {'alpha': 0.1}, 'elu': {'alpha': 1}}
LOSS_ENCODING = {'crossEntropy': 'index', 'nll': 'index', 'binaryCrossEntropy': 'binary',
                 'mse': 'binary', 'mae': 'binary', 'hinge': 'signed'}

# name, activation (used twice: Dense→act→Dense→act), loss, task, classes (0 = regression), outputs,
# and optionally the loss target 'input' (an autoencoder: the prediction is compared with x itself)
CHAIN_CASES = [
    ('identity-mse-regression', 'identity', 'mse', 'regression', 0, 3),
    ('sigmoid-bce-autoencoder', 'sigmoid', 'binaryCrossEntropy', 'classification', 2, FEATURES, 'input'),
    ('sigmoid-bce-binary', 'sigmoid', 'binaryCrossEntropy', 'classification', 2, 1),
    ('tanh-mae-regression', 'tanh', 'mae', 'regression', 0, 3),
    ('relu-mse-onehot', 'relu', 'mse', 'classification', 3, 3),
    ('leakyRelu-mae-onehot', 'leakyRelu', 'mae', 'classification', 3, 3),
    ('elu-hinge-onevsrest', 'elu', 'hinge', 'classification', 3, 3),
    ('identity-hinge-binary', 'identity', 'hinge', 'classification', 2, 1),
    ('softplus-mse-regression', 'softplus', 'mse', 'regression', 0, 2),
    ('softmax-crossEntropy', 'softmax', 'crossEntropy', 'classification', 3, 3),
    ('logSoftmax-nll', 'logSoftmax', 'nll', 'classification', 3, 3),
]


def f32(t):
    """Round to float32 and hold in float64, so torch and the engine start from the same numbers."""
    return t.to(torch.float32).to(torch.float64)


def uniform(gen, shape, lo, hi):
    return f32(torch.rand(shape, generator=gen, dtype=torch.float64) * (hi - lo) + lo)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def make_weights(gen, graph, in_size):
    """Dense kernels [in, out] (PyTorch's Linear weight transposed) and biases, per node id."""
    sizes, weights = {}, {}
    for n in graph['nodes']:
        srcs = [e['source'] for e in graph['edges'] if e['target'] == n['id']]
        size = sizes[srcs[0]] if srcs else in_size
        if n['type'] == 'dense':
            units = n['params']['units']
            weights[n['id']] = {'kernel': uniform(gen, (size, units), -1, 1).requires_grad_(True),
                                'bias': uniform(gen, (units,), -0.5, 0.5).requires_grad_(True)}
            size = units
        sizes[n['id']] = size
    return weights


def weights_json(weights):
    return {nid: {name: {'shape': list(t.shape), 'data': flat(t)} for name, t in w.items()} for nid, w in weights.items()}


def encoder(task, num_classes, labels, targets):
    def target_for(loss_type, pred):
        if task == 'regression':
            return targets
        kind = LOSS_ENCODING[loss_type]
        if kind == 'index':
            return labels
        binary = labels.to(torch.float64).reshape(-1, 1) if pred.shape[1] == 1 else \
            torch.nn.functional.one_hot(labels, num_classes).to(torch.float64)
        return binary if kind == 'binary' else 2 * binary - 1
    return target_for


def kinks_ok(graph, outputs, target_for):
    srcs = {e['target']: e['source'] for e in graph['edges']}
    for n in graph['nodes']:
        t = n['type']
        if t in ('relu', 'leakyRelu') and outputs[srcs[n['id']]].abs().min() < MARGIN:
            return False
        if t in ('mae', 'hinge'):
            pred = outputs[srcs[n['id']]]
            gap = pred - target_for(t, pred) if t == 'mae' else pred
            if gap.abs().min() < MARGIN:
                return False
    return True


def golden_case(name, graph, task, num_classes, target_size, seed, unit_x=False):
    """Sample weights, x and targets from the seed (retrying until no kink is near) and record torch's answers."""
    for attempt in range(100):
        gen = torch.Generator().manual_seed(seed * 1000 + attempt)
        weights = make_weights(gen, graph, FEATURES)
        x = uniform(gen, (ROWS, FEATURES), 0.05, 0.95) if unit_x else \
            f32(torch.randn((ROWS, FEATURES), generator=gen, dtype=torch.float64))
        x.requires_grad_(True)
        if task == 'classification':
            labels = torch.randint(num_classes, (ROWS,), generator=gen)
            y, targets = [float(v) for v in labels.tolist()], None
        else:
            labels, targets = None, uniform(gen, (ROWS, target_size), -0.9, 0.9)
            y = flat(targets)
        target_for = encoder(task, num_classes, labels, targets)
        loss, outputs, grads, losses, fused = run_graph(graph, weights, x, target_for)
        if kinks_ok(graph, outputs, target_for):
            break
    else:
        raise RuntimeError(f'{name}: no sample without a nearby kink')
    return {
        'name': name, 'graph': graph, 'dataShape': [FEATURES], 'rows': ROWS, 'task': task,
        'numClasses': num_classes, 'targetSize': target_size, 'x': flat(x), 'y': y,
        'weights': weights_json(weights),
        'expected': {
            'loss': loss.item(), 'losses': losses,
            # activations whose loss is computed from their input (the logits): their nodeGrads are
            # dL/d(output) written out, which a fused engine need not materialise
            'fused': fused,
            'outputs': {nid: flat(o) for nid, o in outputs.items()},
            'nodeGrads': {nid: flat(g) for nid, g in grads.items()},
            'paramGrads': {nid: {k: flat(t.grad) for k, t in w.items()} for nid, w in weights.items()},
            'inputGrad': flat(x.grad),
        },
    }


def chain_graph(act, loss, outputs, target):
    p = ACTIVATION_PARAMS.get(act, {})
    return chain(('x', 'input', {}), ('h1', 'dense', {'units': HIDDEN, 'useBias': True}), ('a1', act, p),
                 ('h2', 'dense', {'units': outputs, 'useBias': True}), ('a2', act, p),
                 ('loss', loss, {'target': target}))


def fan_out_graph():
    """One Dense feeding two branches; the two losses are summed."""
    dense = {'units': 3, 'useBias': True}
    nodes = [node('x', 'input', 0), node('h', 'dense', 1, units=HIDDEN, useBias=True),
             node('a1', 'tanh', 2), node('d1', 'dense', 3, **dense), node('s1', 'softmax', 4),
             node('ce', 'crossEntropy', 5, target='labels'),
             node('a2', 'sigmoid', 2), node('d2', 'dense', 3, **dense), node('mse', 'mse', 4, target='labels')]
    pairs = [('x', 'h'), ('h', 'a1'), ('a1', 'd1'), ('d1', 's1'), ('s1', 'ce'),
             ('h', 'a2'), ('a2', 'd2'), ('d2', 'mse')]
    return {'nodes': nodes, 'edges': [edge(a, b) for a, b in pairs]}


def forward_cases():
    cases = []
    for i, (name, act, loss, task, classes, outs, *target) in enumerate(CHAIN_CASES):
        target = target[0] if target else 'labels'
        cases.append(golden_case(name, chain_graph(act, loss, outs, target), task, classes,
                                 outs if task == 'regression' else 1, i + 1, unit_x=target == 'input'))
    cases.append(golden_case('dag-fan-out', fan_out_graph(), 'classification', 3, 1, 99))
    return cases


def dumps(value, indent=0):
    """JSON with short values and lists of numbers on one line, so the files stay readable and diff well."""
    pad = ' ' * indent
    compact = json.dumps(value)
    if len(compact) <= 120 or not isinstance(value, (dict, list)):
        return compact
    if isinstance(value, dict):
        items = [f'{pad} {json.dumps(k)}: {dumps(v, indent + 1)}' for k, v in value.items()]
        return '{\n' + ',\n'.join(items) + '\n' + pad + '}' if items else '{}'
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return '[\n' + ',\n'.join(f'{pad} {dumps(v, indent + 1)}' for v in value) + '\n' + pad + ']'
    return compact


def write(name, payload):
    path = os.path.join(OUT_DIR, name)
    with open(path, 'w') as f:
        f.write(dumps(payload) + '\n')
    print(f'wrote {os.path.normpath(path)}')


def main():
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    meta = {'torch': torch.__version__, 'dtype': 'float64',
            'command': '/usr/bin/python3 tools/golden/make_golden.py'}
    os.makedirs(OUT_DIR, exist_ok=True)
    write('forward.json', {'meta': meta, 'cases': forward_cases()})
    write('cnn.json', {'meta': meta, 'cases': cnn_cases()})
    network = golden_case('mlp', chain(('x', 'input', {}), ('h1', 'dense', {'units': HIDDEN, 'useBias': True}),
                                       ('a1', 'tanh', {}), ('h2', 'dense', {'units': 3, 'useBias': True}),
                                       ('s', 'softmax', {}), ('loss', 'crossEntropy', {'target': 'labels'})),
                          'classification', 3, 1, 7)
    del network['expected']
    write('optimizers.json', {'meta': meta, 'network': network, 'cases': optimizer_cases(network)})


if __name__ == '__main__':
    main()
