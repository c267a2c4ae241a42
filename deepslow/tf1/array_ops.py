"""Making and reshaping arrays: zeros/ones/fill, the *_like ops, concat, stack, expand_dims,
squeeze, slicing, shape/size/rank, one_hot, range, identity, stop_gradient and casts.

Shape ops move numbers around without changing them, so each gradient moves the incoming
gradient back to where the numbers came from: concat's is split, stack's is unstack, a slice's
is written into zeros at the slice.
"""

import builtins

import numpy as np

from .. import dtypes, ops
from ..graph import Constant, Node, Operation
from ..registry import NotDifferentiable, register_gradient

# --- arrays filled with one value -------------------------------------------------------------


def _filled(shape, value, dtype, name):
    """A constant when the shape is known now (the usual `tf.zeros([784, 10])`), else a Fill op
    that reads the shape at run time (`tf.zeros(tf.shape(x))`)."""
    if isinstance(shape, Node):
        return Fill(shape, value, dtype=dtype, name=name)
    dims = [int(d) for d in np.atleast_1d(shape)]
    return Constant(np.full(dims, value, dtype=dtype), dtype=dtype, name=name)


class Fill(Operation):
    """An array of `shape` (an input node's value) with every element equal to `value`."""

    def __init__(self, shape, value, dtype, name=None):
        super().__init__(shape, name=name)
        self.value, self.dtype = value, np.dtype(dtype)

    def compute(self, shape):
        return np.full(tuple(int(d) for d in shape), self.value, dtype=self.dtype)


def zeros(shape, dtype=dtypes.float32, name=None):
    return _filled(shape, 0, dtypes.as_dtype(dtype), name or "zeros")


def ones(shape, dtype=dtypes.float32, name=None):
    return _filled(shape, 1, dtypes.as_dtype(dtype), name or "ones")


def fill(dims, value, name=None):
    """An array of shape `dims` filled with `value`; its dtype is the value's (fill([2], 9) is int32)."""
    return _filled(dims, value, dtypes.as_constant_array(value).dtype, name or "Fill")


class ZerosLike(Operation):
    def __init__(self, x, dtype=None, name=None):
        super().__init__(x, name=name)
        self.like_dtype = None if dtype is None else dtypes.as_dtype(dtype)

    def compute(self, x):
        return np.zeros(np.shape(x), dtype=self.like_dtype or np.result_type(x))


class OnesLike(ZerosLike):
    def compute(self, x):
        return np.ones(np.shape(x), dtype=self.like_dtype or np.result_type(x))


NotDifferentiable("ZerosLike")  # its value does not depend on x's numbers, only on its shape
NotDifferentiable("OnesLike")


def zeros_like(tensor, dtype=None, name=None):
    return ZerosLike(tensor, dtype=dtype, name=name)


def ones_like(tensor, dtype=None, name=None):
    return OnesLike(tensor, dtype=dtype, name=name)


# --- joining and splitting --------------------------------------------------------------------


class ConcatV2(Operation):
    def __init__(self, values, axis, name=None):
        super().__init__(*values, name=name)
        self.axis = int(axis)

    def compute(self, *values):
        return np.concatenate(values, axis=self.axis)


@register_gradient("ConcatV2")
def _concat_grad(op, grad):
    sizes = [np.shape(v)[op.axis] for v in op.input_values]
    return np.split(grad, np.cumsum(sizes)[:-1], axis=op.axis)  # each input gets back its own slice


class Pack(Operation):
    """stack: n arrays of one shape become one array with a new axis of size n."""

    def __init__(self, values, axis=0, name=None):
        super().__init__(*values, name=name)
        self.axis = int(axis)

    def compute(self, *values):
        return np.stack(values, axis=self.axis)


@register_gradient("Pack")
def _pack_grad(op, grad):
    return [np.take(grad, i, axis=op.axis) for i in builtins.range(len(op.input_values))]


def concat(values, axis, name="concat"):
    return ConcatV2(list(values), axis, name=name)


def stack(values, axis=0, name="stack"):
    return Pack(list(values), axis=axis, name=name)


# --- adding, removing and selecting axes --------------------------------------------------------


class ExpandDims(Operation):
    def __init__(self, x, axis, name=None):
        super().__init__(x, name=name)
        self.axis = int(axis)

    def compute(self, x):
        return np.expand_dims(x, self.axis)


class Squeeze(Operation):
    def __init__(self, x, axis=None, name=None):
        super().__init__(x, name=name)
        self.axis = None if axis is None else _axes(axis)

    def compute(self, x):
        return np.squeeze(x, axis=self.axis)


@register_gradient("ExpandDims")
@register_gradient("Squeeze")
def _reshape_back_grad(op, grad):
    (x,) = op.input_values
    return [np.reshape(grad, np.shape(x))]  # the same numbers, in x's shape


def _axes(axis):
    return tuple(int(a) for a in np.atleast_1d(axis))


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002 - TF's names
    axis = dim if axis is None else axis
    if axis is None:
        raise ValueError("expand_dims needs the axis where the new dimension goes, e.g. expand_dims(x, 1)")
    return ExpandDims(input, axis, name=name)


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002 - TF's names
    axis = squeeze_dims if axis is None else axis
    return Squeeze(input, axis=axis, name=name)


class StridedSlice(Operation):
    """x[key] for a key of ints, slices, None (tf.newaxis) and Ellipsis: `x[:, 0]`, `x[1:3]`."""

    def __init__(self, x, key, name=None):
        super().__init__(x, name=name)
        self.key = key

    def compute(self, x):
        return np.asarray(x)[self.key]


@register_gradient("StridedSlice")
def _strided_slice_grad(op, grad):
    (x,) = op.input_values
    whole = np.zeros(np.shape(x), dtype=np.result_type(grad))
    whole[op.key] = grad  # a basic slice touches each element at most once, so writing is enough
    return [whole]


def _slice_key(key):
    """A key as NumPy reads it, refusing what is not a basic slice (a node or a list as index)."""
    parts = key if isinstance(key, tuple) else (key,)
    for part in parts:
        ok = part is None or part is Ellipsis or isinstance(part, (int, np.integer, builtins.slice))
        if (
            not ok
            or isinstance(part, builtins.slice)
            and any(isinstance(b, Node) for b in (part.start, part.stop, part.step))
        ):
            raise TypeError(
                f"deepslow slices nodes with numbers only (ints, start:stop:step, None, ...); got {part!r:.60}. "
                "Index the NumPy data before feeding it instead."
            )
    return key


def strided_slice_of(x, key, name="strided_slice"):
    """`x[key]` on a node (what the `[]` operator builds)."""
    return StridedSlice(x, _slice_key(key), name=name)


def slice(input_, begin, size, name="Slice"):  # noqa: A001 - TF's name
    """tf.slice: `size[i]` elements from `begin[i]` along each axis (−1: to the end)."""
    key = tuple(builtins.slice(int(b), None if int(s) == -1 else int(b) + int(s)) for b, s in zip(begin, size))
    return StridedSlice(input_, key, name=name)


# --- what a value's shape is ------------------------------------------------------------------


class Shape(Operation):
    def __init__(self, x, out_type=dtypes.int32, name=None):
        super().__init__(x, name=name)
        self.out_type = dtypes.as_dtype(out_type)

    def compute(self, x):
        return np.array(np.shape(x), dtype=self.out_type)


class Size(Shape):
    def compute(self, x):
        return np.array(np.size(x), dtype=self.out_type)


class Rank(Shape):
    def compute(self, x):
        return np.array(np.ndim(x), dtype=self.out_type)


for _op_type in ("Shape", "Size", "Rank"):
    NotDifferentiable(_op_type)


def shape(input, name=None, out_type=dtypes.int32):  # noqa: A002 - TF's names
    return Shape(input, out_type=out_type, name=name)


def size(input, name=None, out_type=dtypes.int32):  # noqa: A002 - TF's names
    return Size(input, out_type=out_type, name=name)


def rank(input, name=None):  # noqa: A002 - TF's names
    return Rank(input, name=name)


# --- labels and sequences ---------------------------------------------------------------------


class OneHot(Operation):
    """Row i has `on_value` at column indices[i] and `off_value` elsewhere (all off for an
    index outside [0, depth), as in TF)."""

    def __init__(self, indices, depth, on_value, off_value, axis, dtype, name=None):
        super().__init__(indices, name=name)
        self.depth, self.axis = int(depth), axis
        self.on_value, self.off_value, self.dtype = on_value, off_value, dtype

    def compute(self, indices):
        hits = np.expand_dims(indices, -1) == np.arange(self.depth)  # last axis: one column per class
        out = np.where(hits, self.on_value, self.off_value).astype(self.dtype)
        return out if self.axis == -1 else np.moveaxis(out, -1, self.axis)


NotDifferentiable("OneHot")


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    if dtype is None:
        dtype = dtypes.float32 if on_value is None else dtypes.as_constant_array(on_value).dtype
    dtype = dtypes.as_dtype(dtype)
    on = 1 if on_value is None else on_value
    off = 0 if off_value is None else off_value
    return OneHot(indices, depth, on, off, -1 if axis is None else axis, dtype, name=name or "one_hot")


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    """[start, start + delta, ...) up to limit, as a constant: int32 for whole numbers, else float32."""
    for bound in (start, limit, delta):
        if isinstance(bound, Node):
            raise TypeError("deepslow's range takes numbers (a node as bound would need its value at build time)")
    if limit is None:
        start, limit = 0, start
    if dtype is None:
        whole = all(isinstance(b, (int, np.integer)) for b in (start, limit, delta))
        dtype = dtypes.int32 if whole else dtypes.float32
    dtype = dtypes.as_dtype(dtype)
    return Constant(np.arange(start, limit, delta).astype(dtype), dtype=dtype, name=name)


# --- passing values through -------------------------------------------------------------------


class Identity(Operation):
    def compute(self, x):
        return x


@register_gradient("Identity")
def _identity_grad(op, grad):
    return [grad]


class StopGradient(Operation):
    """The value of x, with no gradient flowing back through it."""

    def compute(self, x):
        return x


NotDifferentiable("StopGradient")


def identity(input, name=None):  # noqa: A002 - TF's name
    return Identity(input, name=name)


def stop_gradient(input, name=None):  # noqa: A002 - TF's name
    return StopGradient(input, name=name)


# --- casts ------------------------------------------------------------------------------------


def cast(x, dtype, name=None):
    """x converted to `dtype` ("float" is float32, as in TF). Like TF, casting a node to the
    dtype it already has returns the node itself."""
    dtype = dtypes.as_dtype(dtype)
    if isinstance(x, Node) and x.dtype is not None and x.dtype == dtype:  # (NumPy reads None as float64)
        return x
    return ops.cast(x, dtype, name=name or "Cast")


def to_float(x, name="ToFloat"):
    return cast(x, dtypes.float32, name=name)


def to_double(x, name="ToDouble"):
    return cast(x, dtypes.float64, name=name)


def to_int32(x, name="ToInt32"):
    return cast(x, dtypes.int32, name=name)


def to_int64(x, name="ToInt64"):
    return cast(x, dtypes.int64, name=name)


# --- operators on nodes: x[:, 0] slices, as in TF ----------------------------------------------


def _no_iteration(node):
    """Without this, Python would iterate a node by slicing x[0], x[1], ... forever."""
    raise TypeError(
        f"node {node.name!r} ({node.op_type}) is symbolic and cannot be iterated over while the graph is built. "
        "Slice it (x[0], x[:, 1]) or iterate over the NumPy value sess.run returns."
    )


Node.__getitem__ = strided_slice_of
Node.__iter__ = _no_iteration
