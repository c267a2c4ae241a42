"""`tf.layers`: dense, dropout and flatten, built from get_variable and the ops, as TF1 builds them.

`tf.layers.dense(x, 10, activation=tf.nn.relu)` opens a variable scope "dense" (then "dense_1",
...), makes the variables "dense/kernel" (glorot-uniform by default) and "dense/bias" (zeros),
and computes activation(x @ kernel + bias) with ops named "dense/MatMul", "dense/BiasAdd",
"dense/Relu". Call it again inside `variable_scope(..., reuse=True)` with the same name to share
the weights.
"""

from .. import ops
from ..graph import Node, Operation
from ..registry import register_gradient
from . import missing
from .array_ops import identity
from .initializers import zeros_initializer
from .logic_ops import where
from .random_ops import dropout as nn_dropout
from .scopes import get_variable, variable_scope
from .shapes import last_dimension


def dense(
    inputs,
    units,
    activation=None,
    use_bias=True,
    kernel_initializer=None,
    bias_initializer=None,
    kernel_regularizer=None,
    bias_regularizer=None,
    trainable=True,
    name=None,
    reuse=None,
    **unsupported,
):
    """activation(inputs @ kernel + bias), for inputs of shape (batch, n)."""
    if unsupported:
        raise TypeError(f"tf.layers.dense in deepslow does not take {', '.join(sorted(unsupported))}")
    in_units = last_dimension(inputs, "tf.layers.dense")
    with variable_scope(name, default_name="dense", reuse=reuse):
        kernel = get_variable(
            "kernel",
            [in_units, int(units)],
            initializer=kernel_initializer,
            regularizer=kernel_regularizer,
            trainable=trainable,
        )
        outputs = ops.matmul(inputs, kernel)
        if use_bias:
            bias = get_variable(
                "bias",
                [int(units)],
                initializer=bias_initializer if bias_initializer is not None else zeros_initializer(),
                regularizer=bias_regularizer,
                trainable=trainable,
            )
            outputs = ops.add(outputs, bias, name="BiasAdd")
        if activation is not None:
            outputs = activation(outputs)
    return outputs


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    """Dropout while training: `training` is a Python bool, or a boolean placeholder fed True
    while training and False to evaluate. Not training, the inputs pass unchanged."""
    with variable_scope(name, default_name="dropout"):
        if isinstance(training, Node):
            dropped = nn_dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed)
            return where(training, dropped, inputs)
        if training:
            return nn_dropout(inputs, rate=rate, noise_shape=noise_shape, seed=seed)
        return identity(inputs, name="Identity")


class Flatten(Operation):
    """(batch, d1, d2, ...) -> (batch, d1·d2·...)."""

    def compute(self, x):
        return x.reshape(x.shape[0] if x.ndim else 1, -1)


@register_gradient("Flatten")
def _flatten_grad(op, grad):
    (x,) = op.input_values
    return [grad.reshape(x.shape)]


def flatten(inputs, name=None):
    return Flatten(inputs, name=name or "flatten")


__getattr__ = missing.namespace_getattr("layers", __name__)
