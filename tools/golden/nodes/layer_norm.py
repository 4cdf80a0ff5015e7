"""layerNorm against torch.nn.LayerNorm(the sample's shape)."""
import torch

from make_node_golden import chain, uniform

TYPE = 'layerNorm'
TORCH_MODULE = 'torch.nn.LayerNorm'
NO_DECAY = {'gamma', 'beta'}


def draw(gen, p, in_shape):
    if not p['elementwiseAffine']:
        return {}
    return {'gamma': uniform(gen, tuple(in_shape), 0.5, 1.5), 'beta': uniform(gen, tuple(in_shape), -0.5, 0.5)}


def module(p, in_shape, w):
    m = torch.nn.LayerNorm(in_shape, eps=p['epsilon'], elementwise_affine=p['elementwiseAffine'], dtype=torch.float64)
    if p['elementwiseAffine']:
        with torch.no_grad():
            m.weight.copy_(w['gamma'])
            m.bias.copy_(w['beta'])
    return m


def named_tensors(m):
    return {'gamma': m.weight, 'beta': m.bias} if m.elementwise_affine else {}


LN = {'epsilon': 1e-5, 'elementwiseAffine': True}

CASES = [
    {'name': 'dense-layerNorm-tanh', 'seed': 21, 'rows': 5, 'dataShape': [4], 'task': 'classification', 'numClasses': 3,
     'graph': chain(('x', 'input', {}), ('d1', 'dense', {'units': 6, 'useBias': True}), ('ln', 'layerNorm', LN),
                    ('a', 'tanh', {}), ('d2', 'dense', {'units': 3, 'useBias': True}), ('s', 'softmax', {}),
                    ('loss', 'crossEntropy', {'target': 'labels'})),
     'optimizer': {'learningRate': 0.1, 'momentum': 0.9, 'weightDecay': 0.01}, 'steps': 3},
    # over all channels and pixels of a feature map
    {'name': 'conv-layerNorm-image', 'seed': 22, 'rows': 3, 'dataShape': [2, 5, 5], 'task': 'classification', 'numClasses': 3,
     'graph': chain(('x', 'input', {}), ('c', 'conv2d', {'filters': 3, 'kernelSize': 3, 'stride': 1, 'padding': 'valid', 'useBias': True}),
                    ('ln', 'layerNorm', LN), ('a', 'tanh', {}), ('f', 'flatten', {}), ('d', 'dense', {'units': 3, 'useBias': True}),
                    ('s', 'softmax', {}), ('loss', 'crossEntropy', {'target': 'labels'})),
     'optimizer': {'learningRate': 0.1}, 'steps': 3},
    # no γ, β; right after the Input; another epsilon
    {'name': 'input-layerNorm-plain-mse', 'seed': 23, 'rows': 4, 'dataShape': [5], 'task': 'regression', 'targetSize': 2,
     'graph': chain(('x', 'input', {}), ('ln', 'layerNorm', {'epsilon': 1e-3, 'elementwiseAffine': False}),
                    ('d', 'dense', {'units': 2, 'useBias': True}), ('loss', 'mse', {'target': 'labels'})),
     'optimizer': {'learningRate': 0.05}, 'steps': 3},
]
