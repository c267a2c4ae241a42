"""deepslow: a small computational-graph library with TensorFlow 1's API, written to be read.

import deepslow as tf
x = tf.placeholder(tf.float32, shape=(None, 2))
...
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(y, feed_dict={x: data}))
"""

import sys
import types

from . import datasets, nn, train
from .backprop import gradients
from .dtypes import bool, float16, float32, float64, int32, int64  # noqa: A004
from .errors import (
    DeepslowError,
    FeedError,
    FetchError,
    NoGradientError,
    NumericsError,
    OpError,
    ShapeError,
    UninitializedVariableError,
)
from .gradcheck import check_gradients
from .graph import Constant, Graph, Node, Operation, Placeholder, Variable, get_default_graph, reset_default_graph
from .ops import (
    add,
    argmax,
    cast,
    constant,
    divide,
    equal,
    exp,
    log,
    matmul,
    multiply,
    negative,
    pow,  # noqa: A004
    reduce_mean,
    reduce_sum,
    reshape,
    sigmoid,
    softmax,
    square,
    subtract,
    tanh,
    transpose,
    unbroadcast,
)
from .registry import NotDifferentiable, RegisterGradient, register_gradient
from .session import (
    Session,
    get_default_session,
    global_variables,
    global_variables_initializer,
    trainable_variables,
    variables_initializer,
)


def placeholder(dtype=float32, shape=None, name=None):
    """An input fed at run time: `x = placeholder(float32, shape=(None, 2))`."""
    return Placeholder(dtype=dtype, shape=shape, name=name)


def draw(target, values=None, grads=None, highlight=None, **options):
    """Draw a graph, a node or a list of nodes as a graphviz.Digraph (see deepslow.drawing)."""
    from .drawing import draw as _draw  # graphviz is imported only when something is drawn

    return _draw(target, values=values, grads=grads, highlight=highlight, **options)


from .exercises import check, hint, solution  # noqa: E402 - feedback for the lessons' exercises (NumPy only)

# `tf.compat.v1.placeholder` and friends work too, so TF1 code runs with either spelling.
compat = types.SimpleNamespace(v1=sys.modules[__name__])

__version__ = "0.1.0"
