"""tf.nn's ops beyond the core's relu/sigmoid/softmax: more activations, the other fused
cross-entropies, l2_loss, bias_add, and moments and l2_normalize (compositions of other ops).

Like the core's softmax_cross_entropy_with_logits_v2, each cross-entropy works on logits in one
stable step (never log(0)), and its gradient is the short formula: σ(x) − z for the sigmoid one,
softmax − one-hot for the sparse one.
"""

import numpy as np

from .. import ops
from ..errors import OpError, describe
from ..graph import Operation
from ..registry import register_gradient
from . import array_ops, math_ops

# --- activations ------------------------------------------------------------------------------


class LeakyRelu(Operation):
    def __init__(self, features, alpha=0.2, name=None):
        super().__init__(features, name=name)
        self.alpha = float(alpha)

    def compute(self, x):
        return np.where(x > 0, x, self.alpha * x)


@register_gradient("LeakyRelu")
def _leaky_relu_grad(op, grad):
    (x,) = op.input_values
    return [np.where(x > 0, grad, op.alpha * grad)]


class Elu(Operation):
    def compute(self, x):
        return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))  # (the minimum keeps exp from overflowing unused)


@register_gradient("Elu")
def _elu_grad(op, grad):
    (x,) = op.input_values
    return [np.where(x > 0, grad, grad * (op.output_value + 1))]  # below 0, d(eˣ − 1)/dx = eˣ = elu + 1


class Softplus(Operation):
    def compute(self, x):
        return np.logaddexp(0, x)  # log(1 + eˣ), without overflow for large x


@register_gradient("Softplus")
def _softplus_grad(op, grad):
    (x,) = op.input_values
    return [grad * 0.5 * (1 + np.tanh(0.5 * x))]  # the derivative of softplus is the sigmoid


class Relu6(Operation):
    def compute(self, x):
        return np.clip(x, 0, 6)


@register_gradient("Relu6")
def _relu6_grad(op, grad):
    (x,) = op.input_values
    return [grad * ((x > 0) & (x < 6))]


class LogSoftmax(Operation):
    def __init__(self, logits, axis=-1, name=None):
        super().__init__(logits, name=name)
        self.axis = axis

    def compute(self, z):
        shifted = z - np.max(z, axis=self.axis, keepdims=True)  # shifting by the max avoids overflow
        return shifted - np.log(np.sum(np.exp(shifted), axis=self.axis, keepdims=True))


@register_gradient("LogSoftmax")
def _log_softmax_grad(op, grad):
    softmax = np.exp(op.output_value)
    return [grad - softmax * np.sum(grad, axis=op.axis, keepdims=True)]


# --- losses -----------------------------------------------------------------------------------


class SigmoidCrossEntropyWithLogits(Operation):
    """−z·log σ(x) − (1−z)·log(1−σ(x)) for labels z and logits x, elementwise, written as
    max(x, 0) − x·z + log(1 + e^−|x|) so that no exp overflows and no log sees 0."""

    def compute(self, labels, logits):
        return np.maximum(logits, 0) - logits * labels + np.log1p(np.exp(-np.abs(logits)))


@register_gradient("SigmoidCrossEntropyWithLogits")
def _sigmoid_xent_grad(op, grad):
    labels, logits = op.input_values
    need_labels, _ = op.needs_grad
    sigmoid = 0.5 * (1 + np.tanh(0.5 * logits))
    return [grad * -logits if need_labels else None, grad * (sigmoid - labels)]


class SparseSoftmaxCrossEntropyWithLogits(Operation):
    """−log softmax(logits)[label] per row, where each label is a class index (not a one-hot row)."""

    def compute(self, labels, logits):
        return -np.take_along_axis(_log_softmax(logits), self._columns(labels, logits), axis=-1)[..., 0]

    def _columns(self, labels, logits):
        labels = np.asarray(labels)
        if labels.dtype.kind not in "iu":
            raise OpError(
                f"{describe(self)}: labels must be class indices (int32 or int64), got dtype {labels.dtype}. "
                "For one-hot rows use tf.nn.softmax_cross_entropy_with_logits_v2"
            )
        classes = np.shape(logits)[-1]
        if labels.size and (labels.min() < 0 or labels.max() >= classes):
            raise OpError(f"{describe(self)}: a label is outside [0, {classes}), the classes the logits have")
        return labels[..., None]


@register_gradient("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_softmax_xent_grad(op, grad):
    labels, logits = op.input_values
    probs = np.exp(_log_softmax(logits))
    columns = np.asarray(labels)[..., None]
    np.put_along_axis(probs, columns, np.take_along_axis(probs, columns, -1) - 1, -1)
    return [None, grad[..., None] * probs]  # softmax − one-hot(label); labels are indices: no gradient


def _log_softmax(z):
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


class L2Loss(Operation):
    """sum(t²) / 2: the weight-decay term (half, so that its gradient is t itself)."""

    def compute(self, t):
        return np.sum(t * t) / 2


@register_gradient("L2Loss")
def _l2_loss_grad(op, grad):
    (t,) = op.input_values
    return [grad * t]


# --- the public functions, named as in TensorFlow 1 --------------------------------------------


def leaky_relu(features, alpha=0.2, name=None):
    return LeakyRelu(features, alpha=alpha, name=name)


def elu(features, name=None):
    return Elu(features, name=name)


def softplus(features, name=None):
    return Softplus(features, name=name)


def relu6(features, name=None):
    return Relu6(features, name=name)


def log_softmax(logits, axis=None, name=None, dim=None):
    axis = dim if axis is None else axis
    return LogSoftmax(logits, axis=-1 if axis is None else axis, name=name)


def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    if _sentinel is not None or labels is None or logits is None:
        raise ValueError("sigmoid_cross_entropy_with_logits takes keywords only: labels=..., logits=...")
    return SigmoidCrossEntropyWithLogits(labels, logits, name=name or "logistic_loss")


def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    if _sentinel is not None or labels is None or logits is None:
        raise ValueError("sparse_softmax_cross_entropy_with_logits takes keywords only: labels=..., logits=...")
    return SparseSoftmaxCrossEntropyWithLogits(labels, logits, name=name)


def l2_loss(t, name=None):
    return L2Loss(t, name=name)


def bias_add(value, bias, data_format=None, name=None):
    """value + bias, the bias (a vector) added along the last axis."""
    return ops.add(value, bias, name=name or "BiasAdd")


def xw_plus_b(x, weights, biases, name=None):
    return bias_add(ops.matmul(x, weights), biases, name=name or "xw_plus_b")


def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    """(mean, variance) over `axes`, as batch normalisation uses them. The variance is taken
    around the mean held constant (stop_gradient), as TF does; the gradient is the same either
    way, since the deviations from the mean add up to zero."""
    mean = ops.reduce_mean(x, axis=axes, keepdims=True)
    variance = ops.reduce_mean(math_ops.squared_difference(x, array_ops.stop_gradient(mean)), axis=axes, keepdims=True)
    if not (keep_dims or keepdims):
        mean, variance = array_ops.squeeze(mean, axis=axes), array_ops.squeeze(variance, axis=axes)
    return mean, variance


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """x divided by its length along `axis` (over every axis when None); epsilon keeps a zero
    vector from being divided by zero."""
    axis = dim if axis is None else axis
    square_sum = ops.reduce_sum(ops.square(x), axis=axis, keepdims=True)
    inverse_norm = ops.divide(1.0, math_ops.sqrt(math_ops.maximum(square_sum, epsilon)))
    return ops.multiply(x, inverse_norm, name=name)
