"""Gradient clipping: clip_by_norm, clip_by_global_norm and global_norm.

They are compositions of existing ops (no new gradients to learn), used between
`compute_gradients` and `apply_gradients`:

    grads, variables = zip(*optimizer.compute_gradients(loss))
    grads, norm = tf.clip_by_global_norm(grads, 5.0)
    train_op = optimizer.apply_gradients(zip(grads, variables))
"""

from .. import ops
from .array_ops import ones_like
from .logic_ops import greater, where
from .math_ops import maximum, minimum, sqrt


def _safe_norm(squared_sum):
    """√s, with the gradient at s = 0 equal to 0 instead of inf·0 = NaN: the square root only
    ever sees positive numbers (1 where s is 0), and `where` then puts s (0) back (TF's trick)."""
    positive = greater(squared_sum, 0.0)
    return where(positive, sqrt(where(positive, squared_sum, ones_like(squared_sum))), squared_sum)


def clip_by_norm(t, clip_norm, axes=None, name=None):
    """t scaled down so that its L2 norm (over `axes`, default all) is at most clip_norm."""
    norm = _safe_norm(ops.reduce_sum(ops.square(t), axis=axes, keepdims=True))
    return ops.divide(ops.multiply(t, clip_norm), maximum(norm, clip_norm), name=name or "clip_by_norm")


def global_norm(t_list, name=None):
    """√(Σ over every tensor of the sum of its squares): the length of all of them as one vector."""
    squares = [ops.reduce_sum(ops.square(t)) for t in t_list if t is not None]
    if not squares:
        raise ValueError("global_norm needs at least one tensor that is not None")
    total = squares[0]
    for s in squares[1:]:
        total = ops.add(total, s)
    return sqrt(total, name=name or "global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    """(the tensors scaled by clip_norm / max(global_norm, clip_norm), the global norm).
    None entries (a variable without gradient) stay None."""
    t_list = list(t_list)
    norm = global_norm(t_list) if use_norm is None else use_norm
    scale = ops.multiply(clip_norm, minimum(ops.divide(1.0, norm), 1.0 / clip_norm))
    clipped = [
        None if t is None else ops.multiply(t, scale, name=f"{name or 'clip_by_global_norm'}/clipped") for t in t_list
    ]
    return clipped, norm
