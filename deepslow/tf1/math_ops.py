"""Elementwise math and reductions beyond the core's: abs, sqrt, log1p, pow with a node as exponent,
TF1's divisions, maximum/minimum, clip_by_value, reduce_max/min/prod, argmin, and a few
compositions TF1 programs use.

Each op is a short forward (`compute`) with its gradient registered right below it, written as
in deepslow/ops.py: `op.input_values` are the inputs' NumPy values in this run, `op.output_value`
the op's own, and `op.<attribute>` reads the node's attribute (`op.axis`).
Where several inputs tie (the maximum of equal numbers), the gradients go where TensorFlow
sends them, so training gives TF's numbers.
"""

import numpy as np

from .. import dtypes, ops
from ..graph import Node, Operation
from ..ops import unbroadcast
from ..registry import NotDifferentiable, register_gradient
from . import array_ops, logic_ops, tensors

# --- elementwise unary ------------------------------------------------------------------------


class Abs(Operation):
    def compute(self, x):
        return np.abs(x)


@register_gradient("Abs")
def _abs_grad(op, grad):
    (x,) = op.input_values
    return [grad * np.sign(x)]  # 0 at x = 0, as in TF


class Sqrt(Operation):
    def compute(self, x):
        return np.sqrt(x)


@register_gradient("Sqrt")
def _sqrt_grad(op, grad):
    return [grad * 0.5 / op.output_value]  # d√x/dx = 1 / (2√x): reuse the value computed forward


class Log1p(Operation):
    """log(1 + x), accurate for tiny x (where 1 + x would round to 1)."""

    def compute(self, x):
        return np.log1p(x)


@register_gradient("Log1p")
def _log1p_grad(op, grad):
    (x,) = op.input_values
    return [grad / (1 + x)]


class Round(Operation):
    def compute(self, x):
        return np.round(x)  # halves go to the even neighbour, as in TF (banker's rounding)


class Floor(Operation):
    def compute(self, x):
        return np.floor(x)


class Ceil(Operation):
    def compute(self, x):
        return np.ceil(x)


class Sign(Operation):
    def compute(self, x):
        return np.sign(x)


for _op_type in ("Round", "Floor", "Ceil", "Sign"):
    NotDifferentiable(_op_type)  # flat almost everywhere: no gradient flows back (TF's Sign gives zeros)


# --- elementwise binary -----------------------------------------------------------------------


class TensorPow(Operation):
    """x ** y where the exponent is a node too (ops.Pow, what the lessons use, takes a fixed number)."""

    def compute(self, x, y):
        return np.power(x, y)


@register_gradient("TensorPow")
def _tensor_pow_grad(op, grad):
    x, y = op.input_values
    z = op.output_value
    grad_x = grad * y * np.power(x, y - 1)
    # d(x^y)/dy = x^y · log x, defined for x > 0 only; TF gives 0 elsewhere, and so do we
    safe_log = np.log(np.where(x > 0, x, 1))
    grad_y = grad * z * safe_log
    return [unbroadcast(grad_x, np.shape(x)), unbroadcast(grad_y, np.shape(y))]


class FloorDiv(Operation):
    """x // y, rounding down: what tf.div does to integers (Python 2's division) and tf.floordiv
    to any numbers. Its value is flat almost everywhere, so it passes no gradient (as in TF)."""

    def compute(self, x, y):
        return np.floor_divide(x, y)


NotDifferentiable("FloorDiv")


class Maximum(Operation):
    def compute(self, x, y):
        return np.maximum(x, y)


@register_gradient("Maximum")
def _maximum_grad(op, grad):
    x, y = op.input_values
    x_wins = x >= y  # a tie goes to x, as in TF
    return [unbroadcast(grad * x_wins, np.shape(x)), unbroadcast(grad * ~x_wins, np.shape(y))]


class Minimum(Operation):
    def compute(self, x, y):
        return np.minimum(x, y)


@register_gradient("Minimum")
def _minimum_grad(op, grad):
    x, y = op.input_values
    x_wins = x <= y  # a tie goes to x, as in TF
    return [unbroadcast(grad * x_wins, np.shape(x)), unbroadcast(grad * ~x_wins, np.shape(y))]


class ClipByValue(Operation):
    """t limited to [low, high], elementwise."""

    def compute(self, t, low, high):
        return np.minimum(np.maximum(t, low), high)


@register_gradient("ClipByValue")
def _clip_by_value_grad(op, grad):
    t, low, high = op.input_values
    below, above = t < low, t > high  # at the bounds themselves the gradient still reaches t (as in TF)
    inside = ~(below | above)
    return [
        unbroadcast(grad * inside, np.shape(t)),
        unbroadcast(grad * below, np.shape(low)),
        unbroadcast(grad * above, np.shape(high)),
    ]


# --- reductions -------------------------------------------------------------------------------


def _restore_reduced_axes(value, x, axis, keepdims):
    """A reduction's result (or its gradient) with the reduced axes put back as size 1, so it
    broadcasts against x."""
    if keepdims or np.ndim(value) == np.ndim(x):
        return value
    axes = range(np.ndim(x)) if axis is None else np.atleast_1d(axis) % max(np.ndim(x), 1)
    return np.reshape(value, [1 if i in axes else n for i, n in enumerate(np.shape(x))])


class Max(Operation):
    def __init__(self, x, axis=None, keepdims=False, name=None):
        super().__init__(x, name=name)
        self.axis, self.keepdims = _axis(axis), keepdims

    def compute(self, x):
        return np.max(x, axis=self.axis, keepdims=self.keepdims)


class Min(Max):
    def compute(self, x):
        return np.min(x, axis=self.axis, keepdims=self.keepdims)


@register_gradient("Max")
@register_gradient("Min")
def _max_min_grad(op, grad):
    """The gradient goes to the entries equal to the max (or min), shared equally among ties (as in TF)."""
    (x,) = op.input_values
    chosen = x == _restore_reduced_axes(op.output_value, x, op.axis, op.keepdims)
    ties = np.sum(chosen, axis=op.axis, keepdims=True)
    return [_restore_reduced_axes(grad, x, op.axis, op.keepdims) * chosen / ties]


class Prod(Max):
    def compute(self, x):
        return np.prod(x, axis=self.axis, keepdims=self.keepdims)


@register_gradient("Prod")
def _prod_grad(op, grad):
    """d(x1·x2·…·xn)/dxi = the product of all the others. Dividing the product by xi would fail
    at xi = 0, so multiply the products of the entries before and after i instead."""
    (x,) = op.input_values
    x = np.asarray(x)
    reduced = list(range(x.ndim)) if op.axis is None else sorted(np.atleast_1d(op.axis) % max(x.ndim, 1))
    kept = [a for a in range(x.ndim) if a not in reduced]
    rows = np.transpose(x, kept + reduced).reshape([x.shape[a] for a in kept] + [-1])  # reduced axes last, as one
    before = np.cumprod(np.concatenate([np.ones_like(rows[..., :1]), rows[..., :-1]], axis=-1), axis=-1)
    after = np.cumprod(np.concatenate([np.ones_like(rows[..., :1]), rows[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    others = (before * after).reshape([x.shape[a] for a in kept + reduced])
    others = np.transpose(others, np.argsort(kept + reduced))  # back to x's axis order
    return [_restore_reduced_axes(grad, x, op.axis, op.keepdims) * others]


class ArgMin(ops.ArgMax):
    """Index of the smallest entry along the axis: the core's ArgMax, the other way round."""

    def compute(self, x):
        return np.argmin(x, axis=self.axis).astype(np.int64)


NotDifferentiable("ArgMin")


def _axis(axis):
    """None, an int, or a tuple of ints, as NumPy's reductions take them (TF also accepts lists)."""
    return axis if axis is None or np.ndim(axis) == 0 else tuple(int(a) for a in axis)


# --- the public functions, named as in TensorFlow 1 --------------------------------------------


def abs(x, name=None):  # noqa: A001 - TF's name
    return Abs(x, name=name)


def sqrt(x, name=None):
    return Sqrt(x, name=name)


def log1p(x, name=None):
    return Log1p(x, name=name)


def round(x, name=None):  # noqa: A001 - TF's name
    return Round(x, name=name)


def floor(x, name=None):
    return Floor(x, name=name)


def ceil(x, name=None):
    return Ceil(x, name=name)


def sign(x, name=None):
    return Sign(x, name=name)


def pow(x, y, name=None):  # noqa: A001 - TF's name
    """x ** y. A fixed number as exponent of a float builds the core's Pow (what the lessons
    draw); a node or array exponent, or an integer base, builds TensorPow (its gradient also
    reaches the exponent, and integers stay integers: tf.pow(2, 3) is 8)."""
    if not isinstance(x, Node) and not isinstance(y, Node):
        x = ops.constant(x)  # two plain numbers: TF's dtype for them (tf.pow(2, 3) is int32)
    integer_base = (
        np.asarray(x).dtype.kind in "iu" if not isinstance(x, Node) else (x.dtype is not None and x.dtype.kind in "iu")
    )
    if isinstance(y, (int, float, np.number)) and not integer_base:
        return ops.Pow(x, y, name=name)
    return TensorPow(x, y, name=name)


def _dtype_of(x):
    """A node's dtype as TF1 knows it before running, or a plain value's as a constant's."""
    return tensors.static_dtype(x) if isinstance(x, Node) else dtypes.as_constant_array(x).dtype


def _is_integer(x):
    return _dtype_of(x).kind in "iu"


def _constants_if_plain(x, y):
    """Two plain numbers become constants as TF converts them: the first with TF's dtype for it
    (7 is int32, 7.0 float32), the second with the first's. (A plain number next to a node takes
    the node's dtype when the op is built.)"""
    if isinstance(x, Node) or isinstance(y, Node):
        return x, y
    x = ops.constant(x)
    return x, ops.constant(y, dtype=x.dtype)


def div(x, y, name=None):
    """TF1's tf.div keeps Python 2's division: integers are floor-divided (tf.div(7, 2) is 3),
    floats divided as usual."""
    x, y = _constants_if_plain(x, y)
    if _is_integer(x) and _is_integer(y):
        return FloorDiv(x, y, name=name or "div")
    return ops.divide(x, y, name=name or "div")


def truediv(x, y, name=None):
    """Division that always gives fractions: integers become floats first (int8 and int16
    become float32, wider ones float64, as in TF)."""
    x, y = _constants_if_plain(x, y)
    if _is_integer(x) and _is_integer(y):
        wide = any(_dtype_of(v).itemsize > 2 for v in (x, y))
        dtype = dtypes.float64 if wide else dtypes.float32
        x, y = ops.cast(x, dtype), ops.cast(y, dtype)
    return ops.divide(x, y, name=name or "truediv")


def floordiv(x, y, name=None):
    x, y = _constants_if_plain(x, y)
    return FloorDiv(x, y, name=name or "floordiv")


def maximum(x, y, name=None):
    return Maximum(x, y, name=name)


def minimum(x, y, name=None):
    return Minimum(x, y, name=name)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    return ClipByValue(t, clip_value_min, clip_value_max, name=name or "clip_by_value")


def _reduction(cls, input_tensor, axis, keepdims, name, reduction_indices, keep_dims):
    axis = reduction_indices if axis is None else axis
    return cls(input_tensor, axis=axis, keepdims=bool(keepdims or keep_dims), name=name)


def reduce_max(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduction(Max, input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def reduce_min(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduction(Min, input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def reduce_prod(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    return _reduction(Prod, input_tensor, axis, keepdims, name, reduction_indices, keep_dims)


def argmin(input, axis=None, name=None, dimension=None, output_type=None):  # noqa: A002 - TF's name
    """Index of the smallest entry along `axis` (axis 0 when none is given, as in TF1)."""
    axis = dimension if axis is None else axis
    result = ArgMin(input, axis=0 if axis is None else axis, name=name)
    return result if output_type is None else ops.cast(result, output_type)


def count_nonzero(input_tensor, axis=None, keepdims=None, dtype=dtypes.int64, name=None, reduction_indices=None):
    """How many entries are not zero (along `axis`): a composition, no gradient (as in TF)."""
    nonzero = ops.cast(logic_ops.not_equal(input_tensor, 0), dtype)
    return ops.reduce_sum(nonzero, axis=reduction_indices if axis is None else axis, keepdims=bool(keepdims), name=name)


def reduce_logsumexp(input_tensor, axis=None, keepdims=False, name=None, reduction_indices=None, keep_dims=None):
    """log Σ e^x, computed without overflow: the largest entry is taken out first (and held
    constant for the gradient, which is then the softmax of x, as in TF)."""
    axis = reduction_indices if axis is None else axis
    keep = bool(keepdims or keep_dims)
    largest = array_ops.stop_gradient(Max(input_tensor, axis=axis, keepdims=True))
    total = ops.reduce_sum(ops.exp(ops.subtract(input_tensor, largest)), axis=axis, keepdims=True)
    result = ops.add(ops.log(total), largest)
    return result if keep else array_ops.squeeze(result, axis=axis, name=name)


def squared_difference(x, y, name=None):
    """(x − y)², elementwise: a composition of the core's ops."""
    return ops.square(ops.subtract(x, y), name=name or "SquaredDifference")


def add_n(inputs, name=None):
    """The elementwise sum of a list of nodes (or arrays) of one shape."""
    inputs = list(inputs)
    if not inputs:
        raise ValueError("add_n needs a list of at least one node")
    total = inputs[0]
    for i, later in enumerate(inputs[1:], start=2):
        total = ops.add(total, later, name=name if i == len(inputs) else None)
    return total


# --- operators on nodes, as in TF: abs(x), and 2 ** x (the core has x ** 2) --------------------
Node.__abs__ = abs
Node.__rpow__ = lambda node, base: pow(base, node)
