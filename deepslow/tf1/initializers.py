"""Initializers: objects that make a variable's starting value for a given shape, as TF1 has them.

    w = tf.get_variable("w", [784, 10], initializer=tf.glorot_uniform_initializer())
    tf.layers.dense(x, 10, kernel_initializer=tf.truncated_normal_initializer(stddev=0.1))

Calling one, `init(shape, dtype)`, builds the node that computes the value: a constant, or a
random op (drawn when the variable's initializer runs, seeded as random ops are; NumPy's
numbers, not TensorFlow's). This module is also `tf.initializers` (tf.initializers.zeros, ...).

The Glorot/He/LeCun family is one rule, variance scaling: draw with variance scale/n, where n
is the number of inputs of a unit (fan_in), of outputs (fan_out), or their average (fan_avg).
"""

import math

import numpy as np

from .. import dtypes
from ..graph import Constant, global_variables_initializer, variables_initializer
from . import missing
from .random_ops import RandomNormal, RandomUniform, TruncatedNormal

# The standard deviation of a standard normal cut at ±2 (what truncated_normal draws), so that
# variance scaling can correct for the cut: stddev = √(scale/n) / 0.8796...
_TRUNCATED_STDDEV = 0.87962566103423978


class Initializer:
    """A callable `init(shape, dtype=None, partition_info=None)` returning a node."""

    def __init__(self, dtype=dtypes.float32):
        self.dtype = dtypes.as_dtype(dtype)

    def __call__(self, shape, dtype=None, partition_info=None):
        shape = tuple(int(d) for d in shape)
        return self.build(shape, self.dtype if dtype is None else dtypes.as_dtype(dtype))

    def build(self, shape, dtype):
        raise NotImplementedError


class zeros_initializer(Initializer):  # noqa: N801 - TF's names
    def build(self, shape, dtype):
        return Constant(np.zeros(shape, dtype), dtype=dtype, name="zeros")


class ones_initializer(Initializer):  # noqa: N801
    def build(self, shape, dtype):
        return Constant(np.ones(shape, dtype), dtype=dtype, name="ones")


class constant_initializer(Initializer):  # noqa: N801
    """Every element `value`; or, for a list or array, exactly those values (of the variable's size)."""

    def __init__(self, value=0, dtype=dtypes.float32, verify_shape=False):
        super().__init__(dtype)
        self.value = value

    def build(self, shape, dtype):
        value = np.asarray(self.value, dtype=dtype)
        if value.size == 1:
            return Constant(np.full(shape, value.item(), dtype), dtype=dtype, name="Const")
        if value.size != int(np.prod(shape)):
            raise ValueError(
                f"constant_initializer has {value.size} values, but the variable has shape {shape} "
                f"({int(np.prod(shape))} elements)"
            )
        return Constant(value.reshape(shape), dtype=dtype, name="Const")


class random_normal_initializer(Initializer):  # noqa: N801
    def __init__(self, mean=0.0, stddev=1.0, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def build(self, shape, dtype):
        return RandomNormal(shape, self.mean, self.stddev, dtype, self.seed, name="random_normal")


class truncated_normal_initializer(random_normal_initializer):  # noqa: N801
    def build(self, shape, dtype):
        return TruncatedNormal(shape, self.mean, self.stddev, dtype, self.seed, name="truncated_normal")


class random_uniform_initializer(Initializer):  # noqa: N801
    def __init__(self, minval=0.0, maxval=None, seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def build(self, shape, dtype):
        maxval = self.maxval if self.maxval is not None or dtype.kind != "f" else 1.0
        return RandomUniform(shape, self.minval, maxval, dtype, self.seed, name="random_uniform")


class variance_scaling_initializer(Initializer):  # noqa: N801
    """Variance scale/n, n the fan (see the module docstring); distribution "truncated_normal"
    (TF1's default; "normal" means the same in TF1), "untruncated_normal" or "uniform"."""

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None, dtype=dtypes.float32):
        super().__init__(dtype)
        if scale <= 0:
            raise ValueError(f"variance_scaling_initializer needs a positive scale, got {scale}")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise ValueError(f"mode must be 'fan_in', 'fan_out' or 'fan_avg', got {mode!r}")
        if distribution not in ("normal", "truncated_normal", "untruncated_normal", "uniform"):
            raise ValueError(
                f"distribution must be 'truncated_normal', 'untruncated_normal' or 'uniform', got {distribution!r}"
            )
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def build(self, shape, dtype):
        fan_in, fan_out = _fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        if self.distribution == "uniform":
            limit = math.sqrt(3 * variance)  # a uniform on [-a, a] has variance a²/3
            return RandomUniform(shape, -limit, limit, dtype, self.seed, name="random_uniform")
        if self.distribution == "untruncated_normal":
            return RandomNormal(shape, 0.0, math.sqrt(variance), dtype, self.seed, name="random_normal")
        stddev = math.sqrt(variance) / _TRUNCATED_STDDEV
        return TruncatedNormal(shape, 0.0, stddev, dtype, self.seed, name="truncated_normal")


def _fans(shape):
    """(inputs, outputs) of a unit: for a matrix (in, out); for a convolution kernel
    (h, w, in, out) each multiplied by the window size h·w; a vector counts as both."""
    if len(shape) < 1:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    window = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    return shape[-2] * window, shape[-1] * window


class glorot_uniform_initializer(variance_scaling_initializer):  # noqa: N801
    """Uniform on ±√(6 / (fan_in + fan_out)) (Glorot & Bengio, 2010; called Xavier too)."""

    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "uniform", seed, dtype)


class glorot_normal_initializer(variance_scaling_initializer):  # noqa: N801
    def __init__(self, seed=None, dtype=dtypes.float32):
        super().__init__(1.0, "fan_avg", "truncated_normal", seed, dtype)


def he_normal(seed=None):
    return variance_scaling_initializer(2.0, "fan_in", "truncated_normal", seed)


def he_uniform(seed=None):
    return variance_scaling_initializer(2.0, "fan_in", "uniform", seed)


def lecun_normal(seed=None):
    return variance_scaling_initializer(1.0, "fan_in", "truncated_normal", seed)


def lecun_uniform(seed=None):
    return variance_scaling_initializer(1.0, "fan_in", "uniform", seed)


# tf.initializers.<short name>
zeros = zeros_initializer
ones = ones_initializer
constant = constant_initializer
random_normal = random_normal_initializer
random_uniform = random_uniform_initializer
truncated_normal = truncated_normal_initializer
glorot_uniform = glorot_uniform_initializer
glorot_normal = glorot_normal_initializer
variance_scaling = variance_scaling_initializer
global_variables = global_variables_initializer  # tf.initializers.global_variables() is the init op
variables = variables_initializer

__getattr__ = missing.namespace_getattr("initializers", __name__)
