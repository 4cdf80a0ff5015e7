"""Golden cases for convolutions, pooling, reshaping, merges, dropout/noise at evaluation and the
penalties (kernel L1/L2, activity L1, KL sparsity). Written to test/fixtures/golden/cnn.json by
make_golden.py and checked by test/engine/golden-cnn.test.ts, like forward.json.
"""
import torch

from golden_graph import edge, node, run_graph

MARGIN = 1e-3
LOSS_ENCODING = {'crossEntropy': 'index', 'mse': 'binary', 'binaryCrossEntropy': 'binary'}


def graph_of(specs, pairs):
    """specs: (id, type, params) in graph order; pairs: edges (source, target) in edge order."""
    nodes = [node(i, t, k, **p) for k, (i, t, p) in enumerate(specs)]
    return {'nodes': nodes, 'edges': [dict(edge(a, b), id=f'e{k}') for k, (a, b) in enumerate(pairs)]}


def chain(*specs):
    return graph_of(specs, [(a[0], b[0]) for a, b in zip(specs, specs[1:])])


def conv(fid, filters, k=3, stride=1, padding='valid', bias=True, **extra):
    return (fid, 'conv2d', dict(filters=filters, kernelSize=k, stride=stride, padding=padding, useBias=bias, **extra))


def dense(did, units, **extra):
    return (did, 'dense', dict(units=units, useBias=True, **extra))


def head(classes=3):
    """flatten → dense → softmax → cross-entropy."""
    return [('f', 'flatten', {}), dense('d', classes), ('s', 'softmax', {}), ('L', 'crossEntropy', {'target': 'labels'})]


def out_size(size, k, s, padding):
    if padding == 'same':
        return -(-size // s)
    return (size - k) // s + 1


def infer_shapes(graph, data_shape):
    """Per-sample shapes, as the registry's inferShape (no batch dimension)."""
    shapes = {}
    for n in graph['nodes']:  # specs are listed in a topological order
        t, p = n['type'], n['params']
        src = [shapes[e['source']] for e in graph['edges'] if e['target'] == n['id']]
        if t == 'input':
            shapes[n['id']] = list(data_shape)
        elif t == 'dense':
            shapes[n['id']] = [p['units']]
        elif t == 'conv2d':
            c, h, w = src[0]
            k, s, pad = p['kernelSize'], p['stride'], p['padding']
            shapes[n['id']] = [p['filters'], out_size(h, k, s, pad), out_size(w, k, s, pad)]
        elif t in ('maxPool2d', 'avgPool2d'):
            c, h, w = src[0]
            k = p.get('poolSize', 2)
            s = p.get('stride', 0) or k
            shapes[n['id']] = [c, (h - k) // s + 1, (w - k) // s + 1]
        elif t == 'flatten':
            shapes[n['id']] = [int(torch.tensor(src[0]).prod())]
        elif t == 'reshape':
            shapes[n['id']] = list(p['shape'])
        elif t == 'concat':
            out = list(src[0])
            out[p.get('axis', 0)] = sum(s[p.get('axis', 0)] for s in src)
            shapes[n['id']] = out
        else:
            shapes[n['id']] = list(src[0])
    return shapes


def f32(t):
    return t.to(torch.float32).to(torch.float64)


def uniform(gen, shape, lo, hi):
    return f32(torch.rand(shape, generator=gen, dtype=torch.float64) * (hi - lo) + lo)


def make_weights(gen, graph, shapes):
    weights = {}
    sources = {e['target']: e['source'] for e in graph['edges']}
    for n in graph['nodes']:
        p = n['params']
        if n['type'] == 'dense':
            fan_in = shapes[sources[n['id']]][0]
            weights[n['id']] = {'kernel': uniform(gen, (fan_in, p['units']), -1, 1), 'bias': uniform(gen, (p['units'],), -0.5, 0.5)}
        elif n['type'] == 'conv2d':
            c = shapes[sources[n['id']]][0]
            k = p['kernelSize']
            scale = 1.5 / (c * k * k) ** 0.5
            w = {'kernel': uniform(gen, (p['filters'], c, k, k), -scale, scale)}
            if p['useBias']:
                w['bias'] = uniform(gen, (p['filters'],), -0.3, 0.3)
            weights[n['id']] = w
    for w in weights.values():
        for t in w.values():
            t.requires_grad_(True)
    return weights


def kinks_ok(graph, outputs, weights):
    """No relu input, max-pool runner-up or L1-penalised weight within MARGIN of a kink."""
    sources = {}
    for e in graph['edges']:
        sources.setdefault(e['target'], []).append(e['source'])
    for n in graph['nodes']:
        t, p = n['type'], n['params']
        if t == 'relu' and outputs[sources[n['id']][0]].abs().min() < MARGIN:
            return False
        if t == 'maxPool2d':
            x = outputs[sources[n['id']][0]].detach()
            k = p.get('poolSize', 2)
            s = p.get('stride', 0) or k
            windows = x.unfold(2, k, s).unfold(3, k, s).reshape(*x.shape[:2], -1, k * k)
            top2 = windows.topk(2, dim=-1).values
            if (top2[..., 0] - top2[..., 1]).min() < MARGIN:
                return False
        if p.get('l1', 0) > 0 and weights[n['id']]['kernel'].abs().min() < MARGIN:
            return False
        if p.get('activityRegularizer') == 'l1' and outputs[n['id']].abs().min() < MARGIN:
            return False
    return True


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def golden_case(name, graph, data_shape, rows, seed, task='classification', classes=3, outputs=3, training=True, unit_x=False):
    shapes = infer_shapes(graph, data_shape)
    for attempt in range(200):
        gen = torch.Generator().manual_seed(seed * 1000 + attempt)
        weights = make_weights(gen, graph, shapes)
        x = uniform(gen, (rows, *data_shape), 0.05, 0.95) if unit_x else f32(torch.randn((rows, *data_shape), generator=gen, dtype=torch.float64))
        x.requires_grad_(True)
        if task == 'classification':
            labels = torch.randint(classes, (rows,), generator=gen)
            y, targets = [float(v) for v in labels.tolist()], None
        else:
            labels, targets = None, uniform(gen, (rows, outputs), -0.9, 0.9)
            y = flat(targets)

        def target_for(loss_type, pred):
            if task == 'regression':
                return targets
            if LOSS_ENCODING[loss_type] == 'index':
                return labels
            return torch.nn.functional.one_hot(labels, classes).to(torch.float64)

        loss, outs, grads, losses, fused = run_graph(graph, weights, x, target_for, training)
        if kinks_ok(graph, outs, weights):
            break
    else:
        raise RuntimeError(f'{name}: no sample without a nearby kink')
    return {
        'name': name, 'graph': graph, 'dataShape': list(data_shape), 'rows': rows, 'training': training, 'task': task,
        'numClasses': classes if task == 'classification' else 0, 'targetSize': 1 if task == 'classification' else outputs,
        'x': flat(x), 'y': y,
        'weights': {nid: {k: {'shape': list(t.shape), 'data': flat(t)} for k, t in w.items()} for nid, w in weights.items()},
        'expected': {
            'loss': loss.item(), 'losses': losses, 'fused': fused,
            'outputs': {nid: flat(o) for nid, o in outs.items()},
            'nodeGrads': {nid: flat(g) for nid, g in grads.items()},
            'paramGrads': {nid: {k: flat(t.grad) for k, t in w.items()} for nid, w in weights.items()},
            'inputGrad': flat(x.grad),
        },
    }


def cnn_cases():
    x = ('x', 'input', {})
    cases = [
        golden_case('conv-valid-s1-relu-maxpool', chain(x, conv('c', 4), ('r', 'relu', {}), ('p', 'maxPool2d', {'poolSize': 2}), *head()), [2, 7, 7], 3, 1),
        golden_case('conv-same-s1-nobias-tanh-avgpool', chain(x, conv('c', 3, padding='same', bias=False), ('t', 'tanh', {}), ('p', 'avgPool2d', {'poolSize': 2}), *head()), [1, 6, 6], 3, 2),
        golden_case('conv-valid-s2-sigmoid-mse', chain(x, conv('c', 2, stride=2), ('g', 'sigmoid', {}), ('f', 'flatten', {}), dense('d', 2), ('L', 'mse', {'target': 'labels'})), [3, 7, 7], 3, 3, task='regression', outputs=2),
        golden_case('conv-same-s2-elu-maxpool3-stride1', chain(x, conv('c', 3, stride=2, padding='same'), ('e', 'elu', {'alpha': 1}), ('p', 'maxPool2d', {'poolSize': 3, 'stride': 1}), *head()), [2, 8, 9], 2, 4),
        golden_case('conv-im2col-5ch-same-then-k2', chain(x, conv('c1', 3, padding='same'), ('r', 'relu', {}), conv('c2', 2, k=2), ('t', 'tanh', {}), *head()), [5, 5, 5], 2, 5),
        golden_case('conv-im2col-k4-same-s3', chain(x, conv('c', 2, k=4, stride=3, padding='same'), ('t', 'tanh', {}), ('p', 'avgPool2d', {'poolSize': 2, 'stride': 1}), *head()), [1, 8, 7], 3, 6),
        golden_case('reshape-conv-k1', chain(x, ('rs', 'reshape', {'shape': [2, 3, 3]}), conv('c', 3, k=1), ('t', 'tanh', {}), *head()), [18], 3, 7),
        golden_case('dropout-noise-at-evaluation', chain(x, dense('h', 5), ('t', 'tanh', {}), ('dr', 'dropout', {'rate': 0.5}), ('gn', 'gaussianNoise', {'stddev': 0.3}), dense('d', 3), ('s', 'softmax', {}), ('L', 'crossEntropy', {'target': 'labels'})), [4], 4, 8, training=False),
        golden_case('add-concat-flat', merge_graph(), [4], 4, 9),
        golden_case('concat-channels-and-rows', concat_image_graph(), [1, 6, 6], 2, 10),
        golden_case('dense-l1-l2', chain(x, dense('h', 5, l1=0.01, l2=0.02), ('t', 'tanh', {}), dense('d', 3, l2=0.05), ('s', 'softmax', {}), ('L', 'crossEntropy', {'target': 'labels'})), [4], 4, 11),
        golden_case('conv-l1-l2-activity-l1', chain(x, conv('c', 3, l1=0.02, l2=0.03), ('t', 'tanh', {'activityRegularizer': 'l1', 'activityL1': 0.05}), *head()), [1, 5, 5], 3, 12),
        golden_case('kl-sparse-autoencoder', chain(x, dense('h', 3), ('g', 'sigmoid', {'activityRegularizer': 'kl', 'rho': 0.1, 'sparsityWeight': 0.5}), dense('o', 4), ('L', 'mse', {'target': 'input'})), [4], 5, 13, task='classification', classes=2, unit_x=True),
    ]
    return cases


def merge_graph():
    """Two branches from the input, added and concatenated; the merges' edge order is their input order."""
    specs = [('x', 'input', {}), dense('h1', 5), ('a1', 'tanh', {}), dense('h2', 5), ('a2', 'sigmoid', {}),
             ('sum', 'add', {}), ('cat', 'concat', {'axis': 0}), dense('d', 3), ('s', 'softmax', {}),
             ('L', 'crossEntropy', {'target': 'labels'})]
    pairs = [('x', 'h1'), ('h1', 'a1'), ('x', 'h2'), ('h2', 'a2'), ('a1', 'sum'), ('a2', 'sum'), ('h1', 'sum'),
             ('sum', 'cat'), ('a2', 'cat'), ('cat', 'd'), ('d', 's'), ('s', 'L')]
    return graph_of(specs, pairs)


def concat_image_graph():
    """Feature maps joined along the channels (axis 0) and along the rows (axis 1)."""
    specs = [('x', 'input', {}), conv('c1', 2, padding='same'), conv('c2', 1, k=1), ('ch', 'concat', {'axis': 0}),
             ('t', 'tanh', {}), ('rows', 'concat', {'axis': 1}), *head()]
    pairs = [('x', 'c1'), ('x', 'c2'), ('c1', 'ch'), ('c2', 'ch'), ('ch', 't'), ('t', 'rows'), ('ch', 'rows'),
             ('rows', 'f'), ('f', 'd'), ('d', 's'), ('s', 'L')]
    return graph_of(specs, pairs)
