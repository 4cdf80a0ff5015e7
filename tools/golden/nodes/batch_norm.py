"""batchNorm against torch.nn.BatchNorm1d ([batch, F]) and BatchNorm2d ([batch, C, H, W])."""
import torch

from make_node_golden import chain, uniform

TYPE = 'batchNorm'
TORCH_MODULE = 'torch.nn.BatchNorm1d / BatchNorm2d'
# gamma and beta are declared with decay: false (weight decay skips them: a param group with weight_decay 0)
NO_DECAY = {'gamma', 'beta'}


def draw(gen, p, in_shape):
    """γ, β and running statistics away from their defaults, so loading them is tested too."""
    c = in_shape[0]
    return {'gamma': uniform(gen, (c,), 0.5, 1.5), 'beta': uniform(gen, (c,), -0.5, 0.5),
            'runningMean': uniform(gen, (c,), -0.5, 0.5), 'runningVar': uniform(gen, (c,), 0.5, 1.5)}


def module(p, in_shape, w):
    cls = torch.nn.BatchNorm1d if len(in_shape) == 1 else torch.nn.BatchNorm2d
    m = cls(in_shape[0], eps=p['epsilon'], momentum=p['momentum'], dtype=torch.float64)
    with torch.no_grad():
        m.weight.copy_(w['gamma'])
        m.bias.copy_(w['beta'])
        m.running_mean.copy_(w['runningMean'])
        m.running_var.copy_(w['runningVar'])
    return m


def named_tensors(m):
    return {'gamma': m.weight, 'beta': m.bias, 'runningMean': m.running_mean, 'runningVar': m.running_var}


BN = {'momentum': 0.1, 'epsilon': 1e-5}
HEAD = [('f', 'flatten', {}), ('d2', 'dense', {'units': 3, 'useBias': True}), ('s', 'softmax', {}),
        ('loss', 'crossEntropy', {'target': 'labels'})]

CASES = [
    # per feature after a Dense (BatchNorm1d), SGD with momentum
    {'name': 'dense-batchNorm1d-tanh', 'seed': 11, 'rows': 6, 'dataShape': [4], 'task': 'classification', 'numClasses': 3,
     'graph': chain(('x', 'input', {}), ('d1', 'dense', {'units': 5, 'useBias': True}), ('bn', 'batchNorm', BN),
                    ('a', 'tanh', {}), ('d2', 'dense', {'units': 3, 'useBias': True}), ('s', 'softmax', {}),
                    ('loss', 'crossEntropy', {'target': 'labels'})),
     'optimizer': {'learningRate': 0.1, 'momentum': 0.9}, 'steps': 3},
    # right after the Input (dL/dx goes through the batch statistics), other momentum and epsilon, weight decay
    # on the Dense only, regression
    {'name': 'input-batchNorm1d-mse', 'seed': 12, 'rows': 5, 'dataShape': [4], 'task': 'regression', 'targetSize': 2,
     'graph': chain(('x', 'input', {}), ('bn', 'batchNorm', {'momentum': 0.3, 'epsilon': 1e-3}),
                    ('d', 'dense', {'units': 2, 'useBias': True}), ('loss', 'mse', {'target': 'labels'})),
     'optimizer': {'learningRate': 0.05, 'momentum': 0.5, 'weightDecay': 0.01}, 'steps': 3},
    # per channel after a Conv2D (BatchNorm2d): statistics over the batch and every position
    {'name': 'conv-batchNorm2d-tanh', 'seed': 13, 'rows': 4, 'dataShape': [2, 5, 5], 'task': 'classification', 'numClasses': 3,
     'graph': chain(('x', 'input', {}), ('c', 'conv2d', {'filters': 3, 'kernelSize': 3, 'stride': 1, 'padding': 'valid', 'useBias': True}),
                    ('bn', 'batchNorm', BN), ('a', 'tanh', {}), *HEAD),
     'optimizer': {'learningRate': 0.1}, 'steps': 3},
]
