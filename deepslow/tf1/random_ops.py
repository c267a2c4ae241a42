"""Random ops: random_normal, random_uniform, truncated_normal, and set_random_seed.

A random op draws new numbers on every run, from a NumPy generator that the Session owns (one
per op per session: see deepslow.graph.RandomNode), so two sessions never share a stream and a
new session starts the sequence again. Seeds follow TF1's rules: `tf.set_random_seed(s)` fixes
the graph-level seed and an op's `seed=` its own; with either set, every run of the program
draws the same numbers.

The numbers are NumPy's, not TensorFlow's: the same seed gives different numbers in deepslow
and in TF (TF's generator, Philox inside its C++ kernels, is not reproduced). Programs that must
print TF's exact numbers feed seeded NumPy data or use constants.
"""

import numpy as np

from .. import dtypes, ops
from ..errors import OpError, describe
from ..graph import Node, RandomNode, get_default_graph


class _RandomOp(RandomNode):
    """A random op of a fixed shape (a list of ints) or of a shape read from a node at run time
    (`tf.random_normal(tf.shape(x))`)."""

    differentiable = False  # nothing flows back into a random draw

    def __init__(self, shape, dtype, seed, name):
        shape_input = (shape,) if isinstance(shape, Node) else ()
        super().__init__(inputs=shape_input, seed=seed, name=name)
        self.dtype = dtypes.as_dtype(dtype)
        if not shape_input:
            self.shape = tuple(int(d) for d in np.atleast_1d(shape))

    def sample(self, rng, *input_values):
        shape = tuple(int(d) for d in input_values[0]) if input_values else self.shape
        return np.asarray(self.draw(rng, shape)).astype(self.dtype)


class RandomNormal(_RandomOp):
    op_type = "RandomNormal"

    def __init__(self, shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
        super().__init__(shape, dtype, seed, name)
        self.mean, self.stddev = mean, stddev

    def draw(self, rng, shape):
        return self.mean + self.stddev * rng.standard_normal(shape)


class TruncatedNormal(RandomNormal):
    """A normal draw in which anything further than 2 standard deviations from the mean is drawn again."""

    op_type = "TruncatedNormal"

    def draw(self, rng, shape):
        z = np.asarray(rng.standard_normal(shape))
        outside = np.abs(z) > 2
        while outside.any():  # about 5% of the draws each round
            z = np.where(outside, rng.standard_normal(shape), z)
            outside = np.abs(z) > 2
        return self.mean + self.stddev * z


class RandomUniform(_RandomOp):
    """Uniform in [minval, maxval): floats, or integers when the dtype is an integer type."""

    op_type = "RandomUniform"

    def __init__(self, shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
        super().__init__(shape, dtype, seed, name)
        if maxval is None:
            if self.dtype.kind != "f":
                raise ValueError(f"random_uniform with dtype {self.dtype.name} needs maxval (integers have no default)")
            maxval = 1.0
        self.minval, self.maxval = minval, maxval

    def draw(self, rng, shape):
        if self.dtype.kind in "iu":
            return rng.integers(self.minval, self.maxval, size=shape)
        return self.minval + (self.maxval - self.minval) * rng.random(shape)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    return RandomNormal(shape, mean, stddev, dtype, seed, name=name or "random_normal")


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=dtypes.float32, seed=None, name=None):
    return TruncatedNormal(shape, mean, stddev, dtype, seed, name=name or "truncated_normal")


def random_uniform(shape, minval=0, maxval=None, dtype=dtypes.float32, seed=None, name=None):
    return RandomUniform(shape, minval, maxval, dtype, seed, name=name or "random_uniform")


# --- dropout: tf.nn.dropout ------------------------------------------------------------------


class DropoutMask(RandomNode):
    """What dropout multiplies by: each element kept with probability keep_prob and then scaled
    by 1/keep_prob (so the expected value is unchanged), else 0. Drawn anew on every run.
    It reads x only for its shape, and keep_prob may be a placeholder (fed 1.0 to test)."""

    op_type = "DropoutMask"
    differentiable = False  # the mask is a random draw: no gradient flows into it

    def __init__(self, x, keep_prob, noise_shape=None, seed=None, name=None):
        super().__init__(inputs=(x, keep_prob), seed=seed, name=name)
        self.noise_shape = None if noise_shape is None else tuple(int(d) for d in noise_shape)

    def sample(self, rng, x, keep_prob):
        keep_prob = np.asarray(keep_prob, dtype=np.result_type(x))
        if not 0 < keep_prob <= 1:
            raise OpError(f"{describe(self)}: keep_prob must be in (0, 1], got {keep_prob}")
        uniform = rng.random(self.noise_shape or np.shape(x))
        return np.floor(keep_prob + uniform).astype(keep_prob.dtype) / keep_prob  # 1/keep_prob or 0


def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """x with each element zeroed with probability 1 − keep_prob (or `rate`, TF2's spelling)
    and the others scaled by 1/keep_prob. The gradient flows through the kept elements only."""
    if (keep_prob is None) == (rate is None):
        raise ValueError("dropout needs exactly one of keep_prob (the fraction kept) and rate (the fraction dropped)")
    if keep_prob is None:
        keep_prob = ops.subtract(1.0, rate) if not np.isscalar(rate) else 1.0 - rate
    mask = DropoutMask(x, keep_prob, noise_shape=noise_shape, seed=seed, name=f"{name or 'dropout'}/mask")
    return ops.multiply(x, mask, name=name or "dropout")


def set_random_seed(seed):
    """The graph-level seed: with it, every random op of the default graph draws the same
    numbers in every run of the program (NumPy's numbers, not TensorFlow's)."""
    get_default_graph().seed = None if seed is None else int(seed)
