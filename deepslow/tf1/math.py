"""`tf.math`: TF's newer home for the elementwise ops, with the names deepslow has."""

from ..ops import add, argmax, divide, exp, log, multiply, negative, sigmoid, softmax, square, subtract, tanh
from . import missing
from .index_ops import cumsum
from .logic_ops import (
    greater,
    greater_equal,
    less,
    less_equal,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
    not_equal,
    reduce_all,
    reduce_any,
)
from .math_ops import (
    abs,
    add_n,
    argmin,
    ceil,
    count_nonzero,
    floor,
    floordiv,
    log1p,
    maximum,
    minimum,
    pow,
    reduce_logsumexp,
    reduce_max,
    reduce_min,
    reduce_prod,
    round,
    sign,
    sqrt,
    squared_difference,
    truediv,
)
from .nn_ops import log_softmax, softplus

__getattr__ = missing.namespace_getattr("math", __name__)
