"""Comparisons, logical ops and `where`: ops whose values are booleans.

Booleans carry no gradient: a comparison is declared NotDifferentiable, so backpropagation
stops there (as in TF). `where(cond, x, y)` is differentiable in x and y: each element's
gradient goes to the input it was taken from.
"""

import numpy as np

from ..graph import Node, Operation
from ..ops import reflected, unbroadcast
from ..registry import NotDifferentiable, register_gradient


class Greater(Operation):
    def compute(self, x, y):
        return np.greater(x, y)


class GreaterEqual(Operation):
    def compute(self, x, y):
        return np.greater_equal(x, y)


class Less(Operation):
    def compute(self, x, y):
        return np.less(x, y)


class LessEqual(Operation):
    def compute(self, x, y):
        return np.less_equal(x, y)


class NotEqual(Operation):
    def compute(self, x, y):
        return np.not_equal(x, y)


class LogicalAnd(Operation):
    def compute(self, x, y):
        return np.logical_and(x, y)


class LogicalOr(Operation):
    def compute(self, x, y):
        return np.logical_or(x, y)


class LogicalXor(Operation):
    def compute(self, x, y):
        return np.logical_xor(x, y)


class LogicalNot(Operation):
    def compute(self, x):
        return np.logical_not(x)


class All(Operation):
    def __init__(self, x, axis=None, keepdims=False, name=None):
        super().__init__(x, name=name)
        self.axis = axis if axis is None or np.ndim(axis) == 0 else tuple(int(a) for a in axis)
        self.keepdims = keepdims

    def compute(self, x):
        return np.all(x, axis=self.axis, keepdims=self.keepdims)


class Any(All):
    def compute(self, x):
        return np.any(x, axis=self.axis, keepdims=self.keepdims)


for _op_type in ("Greater", "GreaterEqual", "Less", "LessEqual", "NotEqual"):
    NotDifferentiable(_op_type)
for _op_type in ("LogicalAnd", "LogicalOr", "LogicalXor", "LogicalNot", "All", "Any"):
    NotDifferentiable(_op_type)


class Select(Operation):
    """where(cond, x, y): x's element where cond is true, else y's. As in TF1, a vector cond
    may also pick whole rows of x and y."""

    def compute(self, condition, x, y):
        return np.where(_by_rows(condition, x), x, y)


@register_gradient("Select")
def _select_grad(op, grad):
    condition, x, y = op.input_values
    condition = _by_rows(condition, x)
    return [
        None,
        unbroadcast(np.where(condition, grad, 0), np.shape(x)),
        unbroadcast(np.where(condition, 0, grad), np.shape(y)),
    ]


def _by_rows(condition, x):
    """A vector condition against a matrix x picks rows: give it axes to broadcast along."""
    condition, x = np.asarray(condition), np.asarray(x)
    if condition.ndim == 1 and x.ndim > 1 and condition.shape[0] == x.shape[0]:
        return condition.reshape((-1,) + (1,) * (x.ndim - 1))
    return condition


class Where(Operation):
    """where(cond) alone: the coordinates of the true elements, one row each (int64, as in TF)."""

    def compute(self, condition):
        return np.argwhere(condition).astype(np.int64)


NotDifferentiable("Where")


# --- the public functions, named as in TensorFlow 1 --------------------------------------------


def greater(x, y, name=None):
    return Greater(x, y, name=name)


def greater_equal(x, y, name=None):
    return GreaterEqual(x, y, name=name)


def less(x, y, name=None):
    return Less(x, y, name=name)


def less_equal(x, y, name=None):
    return LessEqual(x, y, name=name)


def not_equal(x, y, name=None):
    return NotEqual(x, y, name=name)


def logical_and(x, y, name=None):
    return LogicalAnd(x, y, name=name)


def logical_or(x, y, name=None):
    return LogicalOr(x, y, name=name)


def logical_xor(x, y, name="LogicalXor"):
    return LogicalXor(x, y, name=name)


def logical_not(x, name=None):
    return LogicalNot(x, name=name)


def where(condition, x=None, y=None, name=None):
    """With x and y: elementwise choice (TF1's `where`, also spelled `select` before TF 1.0).
    With only the condition: the coordinates of its true elements."""
    if x is None and y is None:
        return Where(condition, name=name)
    if x is None or y is None:
        raise ValueError("where(condition, x, y) needs both x and y (or neither, for the coordinates)")
    return Select(condition, x, y, name=name)


def reduce_all(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return All(input_tensor, axis=axis, keepdims=bool(keepdims or keep_dims), name=name)


def reduce_any(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return Any(input_tensor, axis=axis, keepdims=bool(keepdims or keep_dims), name=name)


# --- operators on nodes: `x > 0` builds greater(x, 0), as in TF ------------------------------
# (graph.py, which defines Node, imports nothing above it, so the operators are installed here.
# `==` and `!=` stay identity comparisons, as in TF1: nodes are dictionary keys.)


Node.__lt__ = less
Node.__le__ = less_equal
Node.__gt__ = greater
Node.__ge__ = greater_equal
Node.__and__, Node.__rand__ = logical_and, reflected(logical_and)  # (`2 & x` calls x.__rand__(2))
Node.__or__, Node.__ror__ = logical_or, reflected(logical_or)
Node.__xor__, Node.__rxor__ = logical_xor, reflected(logical_xor)
Node.__invert__ = logical_not
