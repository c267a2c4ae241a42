"""NumPy helpers that do what the obvious call does, with less overhead.

A training step of a small network is mostly many little NumPy calls, so the Python wrapper
around each call (a few microseconds) adds up: bench/bench_training.py measures deepslow against
hand-written NumPy. Each helper says which obvious call it stands for; the ops read as if they
made that call.
"""

import numpy as np

# sum_of(x, axis=..., keepdims=...) is x.sum(axis, keepdims=...): np.add.reduce is what .sum() runs,
# minus its Python layer. Always pass axis: reduce's own default is 0, not None (everything).
sum_of = np.add.reduce
max_of = np.maximum.reduce  # likewise x.max(axis, keepdims=...)


def mean_of(x, axis=None, keepdims=False):
    """np.mean(x, axis, keepdims=keepdims): the sum over the count, without np.mean's own checks."""
    total = np.add.reduce(x, axis=axis, keepdims=keepdims)
    return total / (x.size // max(total.size, 1))


def broadcast_copy(x, shape):
    """np.broadcast_to(x, shape).copy(): a fresh array, filled by one assignment (which
    broadcasts) rather than through broadcast_to's view machinery."""
    out = np.empty(shape, dtype=np.result_type(x))
    out[...] = x
    return out


def ones(shape, dtype):
    """np.ones(shape, dtype): an empty array filled, without np.ones's Python layer."""
    out = np.empty(shape, dtype)
    out.fill(1)
    return out
