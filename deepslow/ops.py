"""The ops. Each one is a short forward (`compute`) with its gradient registered right below it.

A gradient function receives `op` (the op's input values `op.input_values`, its value `op.output_value`)
and `grad`, the gradient of the loss with respect to the op's output, and returns the gradient
with respect to each input: the incoming gradient times the op's local derivative.

Reductions go through arrays.py (`sum_of(x, axis)` is `x.sum(axis)`, with less overhead).
Values reaching an op are NumPy arrays or NumPy scalars (the Session and the backward pass
turn a learner's plain float or list into one), so ops read `x.shape` and `x.size` directly.
"""

import numpy as np

from . import dtypes
from .arrays import broadcast_copy, max_of, mean_of, sum_of
from .errors import ShapeError, describe
from .graph import Constant, Node, Operation
from .registry import NotDifferentiable, register_gradient


def unbroadcast(grad, shape):
    """Sum `grad` down to `shape`, undoing NumPy broadcasting.

    If x of shape (3,) was broadcast against (4, 3), each element of x was used 4 times, so
    its gradient is the sum of those 4 gradients. This one rule serves every binary op.
    """
    if type(grad) is not np.ndarray:
        grad = np.asarray(grad)
    if grad.shape == shape or grad.shape == tuple(shape):  # nothing was broadcast (the usual case)
        return grad
    while grad.ndim > len(shape):  # axes broadcasting added in front
        grad = sum_of(grad, axis=0)
    for axis, size in enumerate(shape):  # axes of size 1 that were stretched
        if size == 1 and grad.shape[axis] != 1:
            grad = sum_of(grad, axis=axis, keepdims=True)
    return grad


# --- elementwise binary ops -------------------------------------------------------------------


class Add(Operation):
    def compute(self, x, y):
        return x + y


@register_gradient("Add", reads={"input shapes"})
def _add_grad(op, grad):
    x_shape, y_shape = op.input_shapes
    return [unbroadcast(grad, x_shape), unbroadcast(grad, y_shape)]


class Sub(Operation):
    def compute(self, x, y):
        return x - y


@register_gradient("Sub", reads={"input shapes"})
def _sub_grad(op, grad):
    x_shape, y_shape = op.input_shapes
    return [unbroadcast(grad, x_shape), unbroadcast(-grad, y_shape)]


class Mul(Operation):
    def compute(self, x, y):
        return x * y


@register_gradient("Mul")
def _mul_grad(op, grad):
    x, y = op.input_values
    return [unbroadcast(grad * y, x.shape), unbroadcast(grad * x, y.shape)]


class RealDiv(Operation):
    def compute(self, x, y):
        return x / y


@register_gradient("RealDiv")
def _div_grad(op, grad):
    x, y = op.input_values
    return [unbroadcast(grad / y, x.shape), unbroadcast(-grad * x / (y * y), y.shape)]


class Pow(Operation):
    """x ** p for a fixed number p."""

    def __init__(self, x, power, name=None):
        super().__init__(x, name=name)
        self.power = float(power)

    def compute(self, x):
        return x**self.power


@register_gradient("Pow")
def _pow_grad(op, grad):
    (x,) = op.input_values
    p = op.power
    return [grad * p * x ** (p - 1)]


class MatMul(Operation):
    def __init__(self, a, b, transpose_a=False, transpose_b=False, name=None):
        super().__init__(a, b, name=name)
        self.transpose_a, self.transpose_b = transpose_a, transpose_b

    def compute(self, a, b):
        a = a.T if self.transpose_a else a
        b = b.T if self.transpose_b else b
        if a.ndim != 2 or b.ndim != 2 or a.shape[1] != b.shape[0]:
            left, right = self.inputs
            raise ShapeError(
                f"MatMul {describe(self)} cannot multiply {describe(left)} of shape {np.shape(a)} by "
                f"{describe(right)} of shape {np.shape(b)}: matmul needs two matrices (m, n) @ (n, k) "
                f"whose inner sizes agree. Check the order of the operands or add a transpose."
            )
        return a @ b


@register_gradient("MatMul", reads={"inputs"})
def _matmul_grad(op, grad):
    a, b = op.input_values
    if not (op.transpose_a or op.transpose_b):
        need_a, need_b = op.needs_grad  # e.g. no gradient for the data matrix x in x @ W
        return [grad @ b.T if need_a else None, a.T @ grad if need_b else None]
    a = a.T if op.transpose_a else a  # the gradients of the matrices actually multiplied ...
    b = b.T if op.transpose_b else b
    grad_a, grad_b = grad @ b.T, a.T @ grad
    return [grad_a.T if op.transpose_a else grad_a, grad_b.T if op.transpose_b else grad_b]  # ... put back


# --- elementwise unary ops --------------------------------------------------------------------


class Neg(Operation):
    def compute(self, x):
        return -x


@register_gradient("Neg")
def _neg_grad(op, grad):
    return [-grad]


class Square(Operation):
    def compute(self, x):
        return x * x


@register_gradient("Square")
def _square_grad(op, grad):
    (x,) = op.input_values
    return [grad * 2 * x]


class Exp(Operation):
    def compute(self, x):
        return np.exp(x)


@register_gradient("Exp", reads={"output"})
def _exp_grad(op, grad):
    return [grad * op.output_value]


class Log(Operation):
    def compute(self, x):
        return np.log(x)


@register_gradient("Log")
def _log_grad(op, grad):
    (x,) = op.input_values
    return [grad / x]


class Sigmoid(Operation):
    def compute(self, x):
        # σ(x) = 1 / (1 + e^-x) overflows for x << 0; this equal form never does.
        return 0.5 * (1 + np.tanh(0.5 * x))


@register_gradient("Sigmoid", reads={"output"})
def _sigmoid_grad(op, grad):
    s = op.output_value
    return [grad * s * (1 - s)]


class Tanh(Operation):
    def compute(self, x):
        return np.tanh(x)


@register_gradient("Tanh", reads={"output"})
def _tanh_grad(op, grad):
    t = op.output_value
    return [grad * (1 - t * t)]


class Relu(Operation):
    def compute(self, x):
        return np.maximum(x, 0)


@register_gradient("Relu", reads={"output"})
def _relu_grad(op, grad):
    return [grad * (op.output_value > 0)]


# --- softmax and the fused loss ---------------------------------------------------------------


class Softmax(Operation):
    def __init__(self, logits, axis=-1, name=None):
        super().__init__(logits, name=name)
        self.axis = axis

    def compute(self, z):
        e = np.exp(z - max_of(z, axis=self.axis, keepdims=True))  # shifting by the max avoids overflow
        return e / sum_of(e, axis=self.axis, keepdims=True)


@register_gradient("Softmax", reads={"output"})
def _softmax_grad(op, grad):
    s = op.output_value
    return [s * (grad - sum_of(grad * s, axis=op.axis, keepdims=True))]


def _log_softmax(z, axis):
    """log(softmax(z)) without ever taking log(0): shift by the max, subtract log Σ exp."""
    shifted = z - max_of(z, axis=axis, keepdims=True)
    return shifted - np.log(sum_of(np.exp(shifted), axis=axis, keepdims=True))


class SoftmaxCrossEntropyWithLogits(Operation):
    """-Σ labels·log(softmax(logits)) in one stable step: log-softmax never takes log(0).

    Each row of labels must be a probability distribution (one-hot, or summing to 1)."""

    def __init__(self, labels, logits, axis=-1, name=None):
        super().__init__(labels, logits, name=name)
        self.axis = axis

    def compute(self, labels, logits):
        return -sum_of(labels * _log_softmax(logits, self.axis), axis=self.axis)

    def compute_and_save(self, labels, logits):
        """The loss, and softmax(logits) kept for the gradient (TF's kernel keeps it too)."""
        log_p = _log_softmax(logits, self.axis)
        return -sum_of(labels * log_p, axis=self.axis), np.exp(log_p)


@register_gradient("SoftmaxCrossEntropyWithLogits")
def _softmax_xent_grad(op, grad):
    labels, logits = op.input_values
    axis = op.axis
    need_labels, _ = op.needs_grad  # labels are usually data: then skip their gradient
    # softmax(logits), kept by the forward pass (op.saved); a hand-written forward pass kept nothing
    probs = op.saved if op.saved is not None else np.exp(_log_softmax(logits, axis))
    g = grad[..., None] if axis == -1 else np.expand_dims(grad, axis)  # one value per row, against each class
    # d/dlogits = softmax - labels (each row of labels sums to 1, as TF requires); d/dlabels = -log softmax
    grad_labels = -g * _log_softmax(logits, axis) if need_labels else None
    return [grad_labels, g * (probs - labels)]


# --- reductions -------------------------------------------------------------------------------


def _normalise_axis(axis):
    """None, an int, or a tuple of ints (lists become tuples), as NumPy's reductions take them."""
    return axis if axis is None or np.ndim(axis) == 0 else tuple(int(a) for a in axis)


def _spread_back(grad, x, axis, keepdims):
    """Gradient of a reduction: put the reduced axes back (size 1) and copy along them to x's shape."""
    shape = x.shape
    if not keepdims and grad.ndim > 0:
        reduced = range(len(shape)) if axis is None else np.atleast_1d(axis) % max(len(shape), 1)
        grad = np.reshape(grad, [1 if i in reduced else size for i, size in enumerate(shape)])
    return broadcast_copy(grad, shape)  # copies along the reduced axes


class Sum(Operation):
    def __init__(self, x, axis=None, keepdims=False, name=None):
        super().__init__(x, name=name)
        self.axis, self.keepdims = _normalise_axis(axis), keepdims

    def compute(self, x):
        return sum_of(x, axis=self.axis, keepdims=self.keepdims)


@register_gradient("Sum")
def _sum_grad(op, grad):
    (x,) = op.input_values
    return [_spread_back(grad, x, op.axis, op.keepdims)]


class Mean(Operation):
    def __init__(self, x, axis=None, keepdims=False, name=None):
        super().__init__(x, name=name)
        self.axis, self.keepdims = _normalise_axis(axis), keepdims

    def compute(self, x):
        return mean_of(x, axis=self.axis, keepdims=self.keepdims)


@register_gradient("Mean")
def _mean_grad(op, grad):
    (x,) = op.input_values
    count = x.size // max(op.output_value.size, 1)  # how many inputs each output averaged
    return [_spread_back(grad / count, x, op.axis, op.keepdims)]


# --- shape ops --------------------------------------------------------------------------------


class Transpose(Operation):
    def __init__(self, x, perm=None, name=None):
        super().__init__(x, name=name)
        self.perm = None if perm is None else tuple(perm)

    def compute(self, x):
        return np.transpose(x, self.perm)


@register_gradient("Transpose")
def _transpose_grad(op, grad):
    perm = op.perm
    return [np.transpose(grad, None if perm is None else np.argsort(perm))]


class Reshape(Operation):
    def __init__(self, x, shape, name=None):
        super().__init__(x, name=name)
        self.new_shape = tuple(int(d) for d in shape)

    def compute(self, x):
        try:
            return np.reshape(x, self.new_shape)
        except ValueError:
            raise ShapeError(
                f"Reshape {describe(self)} cannot reshape {describe(self.inputs[0])} of shape "
                f"{np.shape(x)} ({np.size(x)} elements) to {self.new_shape}"
            ) from None


@register_gradient("Reshape")
def _reshape_grad(op, grad):
    (x,) = op.input_values
    return [np.reshape(grad, np.shape(x))]


# --- ops for accuracy: they have values but no gradient -------------------------------------


class ArgMax(Operation):
    def __init__(self, x, axis=0, name=None):
        super().__init__(x, name=name)
        self.axis = axis

    def compute(self, x):
        return np.argmax(x, axis=self.axis).astype(np.int64)


class Equal(Operation):
    def compute(self, x, y):
        return np.equal(x, y)


class Cast(Operation):
    def __init__(self, x, dtype, name=None):
        super().__init__(x, name=name)
        self.dtype = np.dtype(dtype)
        self.differentiable = self.dtype.kind == "f"  # no gradient flows into integers or booleans

    def compute(self, x):
        return np.asarray(x).astype(self.dtype)


@register_gradient("Cast")
def _cast_grad(op, grad):
    (x,) = op.input_values
    if np.asarray(x).dtype.kind != "f" or op.dtype.kind != "f":
        return [None]  # no gradient through integers or booleans
    return [grad.astype(np.asarray(x).dtype)]


NotDifferentiable("ArgMax")
NotDifferentiable("Equal")


# --- the public functions, named as in TensorFlow 1 --------------------------------------------


def add(x, y, name=None):
    return Add(x, y, name=name)


def subtract(x, y, name=None):
    return Sub(x, y, name=name)


def multiply(x, y, name=None):
    return Mul(x, y, name=name)


def divide(x, y, name=None):
    return RealDiv(x, y, name=name)


def pow(x, power, name=None):  # noqa: A001 - TF's name
    if not np.isscalar(power):
        raise TypeError("deepslow's pow takes a fixed number as the power, e.g. x ** 2")
    return Pow(x, power, name=name)


def matmul(a, b, transpose_a=False, transpose_b=False, name=None):
    return MatMul(a, b, transpose_a=transpose_a, transpose_b=transpose_b, name=name)


def negative(x, name=None):
    return Neg(x, name=name)


def square(x, name=None):
    return Square(x, name=name)


def exp(x, name=None):
    return Exp(x, name=name)


def log(x, name=None):
    return Log(x, name=name)


def sigmoid(x, name=None):
    return Sigmoid(x, name=name)


def tanh(x, name=None):
    return Tanh(x, name=name)


def relu(features, name=None):
    return Relu(features, name=name)


def softmax(logits, axis=-1, name=None):
    return Softmax(logits, axis=axis, name=name)


def softmax_cross_entropy_with_logits_v2(labels=None, logits=None, axis=-1, name=None):
    """Cross-entropy between `labels` (rows of class probabilities) and softmax(`logits`),
    computed stably in one op. Call with keywords, as TF insists: labels=..., logits=..."""
    if labels is None or logits is None:
        raise TypeError("softmax_cross_entropy_with_logits_v2 needs both labels=... and logits=...")
    return SoftmaxCrossEntropyWithLogits(labels, logits, axis=axis, name=name)


def reduce_sum(input_tensor, axis=None, keepdims=False, name=None, reduction_indices=None, keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return Sum(input_tensor, axis=axis, keepdims=bool(keep_dims or keepdims), name=name)


def reduce_mean(input_tensor, axis=None, keepdims=False, name=None, reduction_indices=None, keep_dims=None):
    axis = reduction_indices if axis is None else axis
    return Mean(input_tensor, axis=axis, keepdims=bool(keep_dims or keepdims), name=name)


def transpose(a, perm=None, name=None):
    return Transpose(a, perm=perm, name=name)


def reshape(tensor, shape, name=None):
    return Reshape(tensor, shape, name=name)


def argmax(input, axis=None, name=None, dimension=None):  # noqa: A002 - TF's name
    """Index of the largest entry along `axis` (TF1 uses axis 0 when none is given)."""
    axis = dimension if axis is None else axis
    return ArgMax(input, axis=0 if axis is None else axis, name=name)


def equal(x, y, name=None):
    return Equal(x, y, name=name)


def cast(x, dtype, name=None):
    return Cast(x, dtype, name=name)


def constant(value, dtype=None, shape=None, name=None):
    """A fixed value: 2 is int32, 2.0 float32, a NumPy array keeps its dtype (as in TF).
    With `shape`, a single number fills that shape."""
    array = dtypes.as_constant_array(value, dtype)
    if shape is not None:
        array = np.broadcast_to(array, tuple(shape))
    return Constant(array, name=name or "Const")


# --- operators on nodes: `a + b` builds add(a, b) ------------------------------------------------
# (graph.py, which defines Node, imports nothing above it, so the operators are installed here.)


def _operator(op, name):
    """`x + y` is add(x, y), named as TensorFlow names what operators build: "add", "mul", ..."""
    return lambda node, other: op(node, other, name=name)


def reflected(op, name=None):
    """`2 - x` calls x.__rsub__(2): the op, with the operands the other way round."""
    return lambda node, other: op(other, node, name=name)


for _name, _op in (("add", add), ("sub", subtract), ("mul", multiply), ("truediv", divide), ("matmul", matmul)):
    setattr(Node, f"__{_name}__", _operator(_op, _name))
    setattr(Node, f"__r{_name}__", reflected(_op, _name))
Node.__neg__ = negative
Node.__pow__ = _operator(pow, "pow")
