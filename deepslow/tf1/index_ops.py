"""Picking, repeating and cutting arrays: gather (and embedding_lookup), tile, split, unstack,
and the running sum cumsum.

As with the other shape ops, each gradient sends the incoming gradient back to where the numbers
came from: gather's adds each row's gradient into the row it was picked from (a row picked twice
gets both), tile's adds up the copies, cumsum's is a running sum taken from the other end.
"""

import numpy as np

from .. import ops
from ..graph import Node, Operation
from ..registry import register_gradient
from .array_ops import slice as slice_op
from .array_ops import squeeze
from .shapes import static_shape

# --- picking rows ---------------------------------------------------------------------------------


class Gather(Operation):
    """params[indices] along `axis`: the rows (or columns, ...) that `indices` names, in its shape."""

    def __init__(self, params, indices, axis=0, name=None):
        super().__init__(params, indices, name=name)
        self.axis = int(axis)

    def compute(self, params, indices):
        return np.take(params, indices, axis=self.axis)


@register_gradient("Gather")
def _gather_grad(op, grad):
    params, indices = op.input_values
    whole = np.zeros(np.shape(params), dtype=np.result_type(grad))
    axis = op.axis % np.ndim(params)
    # np.add.at adds every picked row's gradient, so a row picked twice gets both (whole[...] += would keep one)
    picked = range(axis, axis + np.ndim(indices))  # the axes of grad that follow indices' shape
    rows = np.moveaxis(grad, list(picked), list(range(np.ndim(indices))))  # ... put first, as np.add.at wants
    np.add.at(np.moveaxis(whole, axis, 0), indices, rows)  # (moveaxis gives a view: this adds into `whole`)
    return [whole, None]  # the indices are positions: no gradient


def _indices(indices):
    """Positions as a node of integers (a plain list next to float params would become floats)."""
    return indices if isinstance(indices, Node) else ops.constant(np.asarray(indices, dtype=np.int32))


def gather(params, indices, validate_indices=None, name=None, axis=0):
    return Gather(params, _indices(indices), axis=axis, name=name or "GatherV2")


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True, max_norm=None):
    """The rows of the embedding matrix `params` for the ids: gather along axis 0. (TF also takes
    a list of matrices sharded across machines; deepslow has one machine, so one matrix.)"""
    if isinstance(params, (list, tuple)):
        if len(params) != 1:
            raise TypeError(
                "deepslow's embedding_lookup takes one embedding matrix; TF's list of shards is for spreading one "
                "over several machines. Concatenate them: tf.concat(params, 0)"
            )
        params = params[0]
    if max_norm is not None:
        raise TypeError("embedding_lookup's max_norm is not in deepslow's subset: clip the rows with tf.clip_by_norm")
    return Gather(params, _indices(ids), axis=0, name=name or "embedding_lookup")


# --- repeating --------------------------------------------------------------------------------


class Tile(Operation):
    """x repeated multiples[i] times along each axis i."""

    def __init__(self, x, multiples, name=None):
        super().__init__(x, name=name)
        self.multiples = tuple(int(m) for m in multiples)

    def compute(self, x):
        return np.tile(x, self.multiples)


@register_gradient("Tile")
def _tile_grad(op, grad):
    """Each element of x appears once in each copy: add the copies up. With grad reshaped to
    (m0, n0, m1, n1, ...), the copies of axis i run along the m_i axes."""
    (x,) = op.input_values
    split = [size for pair in zip(op.multiples, np.shape(x)) for size in pair]
    return [np.reshape(grad, split).sum(axis=tuple(range(0, len(split), 2)))]


def tile(input, multiples, name=None):  # noqa: A002 - TF's name
    if isinstance(multiples, Node):
        raise TypeError("deepslow's tile takes the multiples as numbers, e.g. tf.tile(x, [1, 3])")
    return Tile(input, multiples, name=name or "Tile")


# --- cutting into pieces ------------------------------------------------------------------------


def _axis_size(value, axis, what):
    shape = static_shape(value) if isinstance(value, Node) else np.shape(value)
    if shape is None or shape[axis] is None:
        raise ValueError(
            f"{what} needs the size of axis {axis} of {getattr(value, 'name', 'its input')!r} while the graph is "
            "built, and it is not known yet (a None in the placeholder's shape?): give the sizes, or slice it"
        )
    return len(shape), int(shape[axis])


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """Pieces of `value` along `axis`: `num_or_size_splits` equal ones, or pieces of the sizes
    listed (one size may be -1: the rest). Each piece is a slice, so each gradient is a slice's."""
    rank, total = _axis_size(value, axis, "split")
    axis %= rank
    if np.ndim(num_or_size_splits) == 0:
        count = int(num_or_size_splits)
        if total % count:
            raise ValueError(f"split cannot cut axis {axis} of size {total} into {count} equal pieces")
        sizes = [total // count] * count
    else:
        sizes = [int(s) for s in num_or_size_splits]
        if sizes.count(-1) == 1:
            sizes[sizes.index(-1)] = total - sum(s for s in sizes if s != -1)
        if sum(sizes) != total or min(sizes) < 0:
            raise ValueError(f"split's sizes {list(num_or_size_splits)} do not add up to axis {axis}'s size {total}")
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pieces = []
    for start, size in zip(starts, sizes):
        begin = [start if a == axis else 0 for a in range(rank)]
        pieces.append(slice_op(value, begin, [size if a == axis else -1 for a in range(rank)], name=name))
    return pieces


def unstack(value, num=None, axis=0, name="unstack"):
    """The pieces of size 1 along `axis`, with that axis removed: unstack of a (3, 4) matrix is
    its 3 rows. The reverse of tf.stack."""
    rank, total = _axis_size(value, axis, "unstack")
    return [squeeze(piece, axis=axis % rank) for piece in split(value, total, axis=axis, name=name)]


# --- running sums ---------------------------------------------------------------------------------


class Cumsum(Operation):
    """The running sum along `axis`: out[i] = x[0] + ... + x[i] (exclusive: up to x[i-1];
    reverse: from the end)."""

    def __init__(self, x, axis=0, exclusive=False, reverse=False, name=None):
        super().__init__(x, name=name)
        self.axis, self.exclusive, self.reverse = int(axis), bool(exclusive), bool(reverse)

    def compute(self, x):
        return _running_sum(x, self.axis, self.exclusive, self.reverse)


def _running_sum(x, axis, exclusive, reverse):
    """cumsum's value, and (from the other end) its gradient."""
    x = np.flip(x, axis) if reverse else x
    total = np.cumsum(x, axis=axis)
    if exclusive:  # each entry leaves itself out
        total = total - x
    return np.flip(total, axis) if reverse else total


@register_gradient("Cumsum")
def _cumsum_grad(op, grad):
    """x[i] counts in every out[j] with j at or after i: its gradient is the running sum of grad
    from the other end."""
    return [_running_sum(grad, op.axis, op.exclusive, not op.reverse)]


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    return Cumsum(x, axis=axis, exclusive=exclusive, reverse=reverse, name=name or "Cumsum")
