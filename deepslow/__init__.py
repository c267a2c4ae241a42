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

from . import (
    datasets,
    display,  # gives graphs and nodes their notebook display (it imports no Jupyter module)
    nn,
    registry,
    train,
)
from .backprop import gradients
from .dtypes import bool, float16, float32, float64, int8, int16, int32, int64, uint8  # noqa: A004
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
from .graph import (
    AssignNode,
    Constant,
    Graph,
    Initializer,
    Node,
    Operation,
    Placeholder,
    RandomNode,
    Variable,
    get_default_graph,
    get_default_session,
    global_variables,
    global_variables_initializer,
    reset_default_graph,
    trainable_variables,
    variables_initializer,
)
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
from .session import InteractiveSession, Session


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

registry.trust_library_gradients()  # every built-in gradient is registered by now

__version__ = "0.1.0"
