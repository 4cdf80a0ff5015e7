"""Our graph JSON (the .bprop `graph` form) and a float64 PyTorch interpreter for it.

Used by make_golden.py. A graph here is a dict {nodes, edges} exactly as the engine reads it;
`run_graph` evaluates it with torch in float64, so the fixture's graph and the reference
computation cannot drift apart.
"""
import torch
import torch.nn.functional as F

LOSS_TYPES = {'mse', 'mae', 'binaryCrossEntropy', 'crossEntropy', 'nll', 'hinge'}
ACTIVATIONS = {'identity', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'elu', 'softplus', 'softmax', 'logSoftmax'}
# The activation each fused loss consumes, and the loss PyTorch computes on its input (the logits).
FUSED = {'binaryCrossEntropy': 'sigmoid', 'crossEntropy': 'softmax'}


def node(node_id, node_type, x, **params):
    return {'id': node_id, 'type': node_type, 'position': {'x': x * 200, 'y': 0}, 'params': params}


def edge(source, target):
    return {'id': f'{source}-{target}', 'source': source, 'sourceHandle': 'out',
            'target': target, 'targetHandle': 'in'}


def chain(*specs):
    """A straight chain graph from (id, type, params) triples."""
    nodes = [node(i, t, k, **p) for k, (i, t, p) in enumerate(specs)]
    edges = [edge(a['id'], b['id']) for a, b in zip(nodes, nodes[1:])]
    return {'nodes': nodes, 'edges': edges}


def topo_order(graph):
    pending = {n['id']: sum(1 for e in graph['edges'] if e['target'] == n['id']) for n in graph['nodes']}
    ready = [n['id'] for n in graph['nodes'] if pending[n['id']] == 0]
    order = []
    while ready:
        nid = ready.pop(0)
        order.append(nid)
        for e in graph['edges']:
            if e['source'] == nid:
                pending[e['target']] -= 1
                if pending[e['target']] == 0:
                    ready.append(e['target'])
    assert len(order) == len(graph['nodes']), 'graph has a cycle'
    return order


def activation(node_type, params, z):
    if node_type == 'identity':
        return z.clone()  # a distinct tensor, so its gradient is recorded separately
    if node_type == 'sigmoid':
        return torch.sigmoid(z)
    if node_type == 'tanh':
        return torch.tanh(z)
    if node_type == 'relu':
        return F.relu(z)
    if node_type == 'leakyRelu':
        return F.leaky_relu(z, params['alpha'])
    if node_type == 'elu':
        return F.elu(z, params['alpha'])
    if node_type == 'softplus':
        return F.softplus(z)
    if node_type == 'softmax':
        return F.softmax(z, dim=1)
    if node_type == 'logSoftmax':
        return F.log_softmax(z, dim=1)
    raise ValueError(f'unknown activation {node_type}')


def same_padding(size, k, s):
    """(before, after) zeros for padding 'same', as the engine (conv-geometry.ts) and Keras: the smaller half first."""
    out = -(-size // s)
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def layer(node_type, p, src, w, training):
    """Layers with more than an elementwise map (NCHW tensors with a batch dimension)."""
    x = src[0]
    if node_type == 'conv2d':
        k, s = p.get('kernelSize', 3), p.get('stride', 1)
        if p.get('padding', 'valid') == 'same':
            top, bottom = same_padding(x.shape[2], k, s)
            left, right = same_padding(x.shape[3], k, s)
            x = F.pad(x, (left, right, top, bottom))
        return F.conv2d(x, w['kernel'], w.get('bias') if p.get('useBias', True) else None, stride=s)
    if node_type in ('maxPool2d', 'avgPool2d'):
        size = p.get('poolSize', 2)
        stride = p.get('stride', 0) or size
        pool = F.max_pool2d if node_type == 'maxPool2d' else F.avg_pool2d
        return pool(x, size, stride)
    if node_type == 'flatten':
        return x.reshape(x.shape[0], -1)
    if node_type == 'reshape':
        return x.reshape(x.shape[0], *p['shape'])
    if node_type in ('dropout', 'gaussianNoise'):
        assert not training, 'golden cases run dropout and noise at evaluation (identity)'
        return x.clone()
    if node_type == 'add':
        return sum(src[1:], src[0].clone())
    if node_type == 'concat':
        return torch.cat(src, dim=p.get('axis', 0) + 1)
    raise ValueError(f'unknown node type {node_type}')


def penalty(node_type, p, out, w, rows):
    """Kernel L1/L2 of Dense/Conv2D and the activity penalties of activations, added to the loss."""
    total = 0
    if node_type in ('dense', 'conv2d'):
        kernel = w['kernel']
        total = p.get('l1', 0) * kernel.abs().sum() + p.get('l2', 0) * (kernel ** 2).sum()
    reg = p.get('activityRegularizer', 'none')
    if reg == 'l1':
        total = total + p.get('activityL1', 0.01) * out.abs().sum() / rows
    if reg == 'kl':
        rho, beta = p.get('rho', 0.05), p.get('sparsityWeight', 1)
        q = out.mean(0)
        total = total + beta * (rho * torch.log(rho / q) + (1 - rho) * torch.log((1 - rho) / (1 - q))).sum()
    return total


def loss_value(node_type, pred, logits, target):
    """`target` is already encoded for the loss (indices, 0/1 or one-hot, ±1, raw floats)."""
    if node_type == 'mse':
        return F.mse_loss(pred, target)
    if node_type == 'mae':
        return F.l1_loss(pred, target)
    if node_type == 'binaryCrossEntropy':
        return F.binary_cross_entropy_with_logits(logits, target)
    if node_type == 'crossEntropy':
        return F.cross_entropy(logits, target)
    if node_type == 'nll':
        return F.nll_loss(pred, target)
    if node_type == 'hinge':  # perceptron criterion
        return F.relu(-target * pred).mean()
    raise ValueError(f'unknown loss {node_type}')


def unfused_loss(node_type, pred, target):
    """The same loss written on the activation's output, to get dL/d(output) of a fused activation."""
    if node_type == 'binaryCrossEntropy':
        return F.binary_cross_entropy(pred, target)
    return F.nll_loss(torch.log(pred), target)


def run_graph(graph, weights, x, target_for, training=True):
    """Forward and backward in float64.

    weights: {nodeId: {'kernel': tensor, 'bias': tensor}} (leaf tensors with grad): Dense kernels
    [in, out], Conv2D kernels [filters, channels, k, k] as PyTorch's.
    training: False runs dropout and noise as the identity (evaluation).
    target_for(loss_type, pred) -> the encoded target tensor for that loss.
    Returns (total loss, {nodeId: output}, {nodeId: dL/d(output)}, {lossId: value}, [fused activation ids]).
    """
    by_id = {n['id']: n for n in graph['nodes']}
    inputs = {n['id']: [e['source'] for e in graph['edges'] if e['target'] == n['id']] for n in graph['nodes']}
    pre_activation = {}
    outputs = {}
    losses = {}
    penalties = []
    fused = []
    for nid in topo_order(graph):
        n = by_id[nid]
        t, p = n['type'], n['params']
        src = [outputs[s] for s in inputs[nid]]
        if t == 'input':
            outputs[nid] = x
        elif t == 'dense':
            w = weights[nid]
            outputs[nid] = src[0] @ w['kernel'] + (w['bias'] if p.get('useBias', True) else 0)
            penalties.append(penalty(t, p, outputs[nid], w, x.shape[0]))
        elif t in LOSS_TYPES:
            producer = by_id[inputs[nid][0]]
            # target 'input': an autoencoder compares with x itself (a constant: no gradient flows through it)
            target = x.detach() if p.get('target') == 'input' else target_for(t, src[0])
            if t in FUSED:
                assert producer['type'] == FUSED[t], f'{t} must follow {FUSED[t]}'
                fused.append((producer['id'], t, target))
            losses[nid] = loss_value(t, src[0], pre_activation.get(producer['id']), target)
        elif t in ACTIVATIONS:
            pre_activation[nid] = src[0]
            outputs[nid] = activation(t, p, src[0])
            penalties.append(penalty(t, p, outputs[nid], {}, x.shape[0]))
        else:
            outputs[nid] = layer(t, p, src, weights.get(nid, {}), training)
            penalties.append(penalty(t, p, outputs[nid], weights.get(nid, {}), x.shape[0]))
    for out in outputs.values():
        if out.requires_grad and not out.is_leaf:
            out.retain_grad()
    total = sum(losses.values()) + sum(penalties)
    total.backward()
    grads = {nid: out.grad.clone() if out.grad is not None else torch.zeros_like(out) for nid, out in outputs.items()}
    for nid, loss_type, target in fused:
        pred = outputs[nid].detach().clone().requires_grad_(True)
        (grads[nid],) = torch.autograd.grad(unfused_loss(loss_type, pred, target), pred)
    return total, outputs, grads, {k: v.item() for k, v in losses.items()}, [nid for nid, _, _ in fused]
