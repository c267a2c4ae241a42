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
)
from .backprop import gradients
from .dtypes import (
    as_dtype,
    bool,
    double,
    float16,
    float32,
    float64,
    half,
    int8,
    int16,
    int32,
    int64,
    string,
    uint8,
    uint16,
    uint32,
    uint64,
)
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
    constant,
    divide,
    equal,
    exp,
    log,
    matmul,
    multiply,
    negative,
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


def placeholder(dtype=float32, shape=None, name=None):  # noqa: F811 - TF's argument name
    """An input fed at run time: `x = placeholder(float32, shape=(None, 2))`."""
    return Placeholder(dtype=dtype, shape=shape, name=name)


def draw(target, values=None, grads=None, highlight=None, **options):
    """Draw a graph, a node or a list of nodes as a graphviz.Digraph (see deepslow.drawing)."""
    from .drawing import draw as _draw  # graphviz is imported only when something is drawn

    return _draw(target, values=values, grads=grads, highlight=highlight, **options)


from .exercises import check, hint, solution  # noqa: E402 - feedback for the lessons' exercises (NumPy only)

# --- the rest of TF1's surface that tutorials use (deepslow/tf1/: kept apart from the core above)
# tf.train is tf1/train.py: the core's optimizers (deepslow/train.py) plus TF1's others and Saver
from .tf1 import initializers, layers, logging, losses, math, missing, random, summary, tensors, train  # noqa: E402
from .tf1.array_ops import (  # noqa: E402
    cast,
    concat,
    expand_dims,
    fill,
    identity,
    one_hot,
    ones,
    ones_like,
    range,
    rank,
    shape,
    size,
    slice,
    squeeze,
    stack,
    stop_gradient,
    to_double,
    to_float,
    to_int32,
    to_int64,
    zeros,
    zeros_like,
)
from .tf1.clip_ops import clip_by_global_norm, clip_by_norm, global_norm  # noqa: E402
from .tf1.control_ops import control_dependencies, group, no_op  # noqa: E402
from .tf1.graph_collections import (  # noqa: E402
    GraphKeys,
    add_to_collection,
    add_to_collections,
    get_collection,
    get_collection_ref,
)
from .tf1.index_ops import cumsum, gather, split, tile, unstack  # noqa: E402
from .tf1.initializers import (  # noqa: E402
    constant_initializer,
    glorot_normal_initializer,
    glorot_uniform_initializer,
    ones_initializer,
    random_normal_initializer,
    random_uniform_initializer,
    truncated_normal_initializer,
    variance_scaling_initializer,
    zeros_initializer,
)
from .tf1.logic_ops import (  # noqa: E402
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
    where,
)
from .tf1.math_ops import (  # noqa: E402
    abs,
    add_n,
    argmin,
    ceil,
    clip_by_value,
    count_nonzero,
    div,
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
from .tf1.random_ops import random_normal, random_uniform, set_random_seed, truncated_normal  # noqa: E402
from .tf1.scopes import (  # noqa: E402
    AUTO_REUSE,
    VariableScope,
    device,
    get_variable,
    get_variable_scope,
    name_scope,
    variable_scope,
)
from .tf1.session_config import ConfigProto, GPUOptions  # noqa: E402
from .tf1.state_ops import assign, assign_add, assign_sub  # noqa: E402

Tensor = Node  # `isinstance(x, tf.Tensor)`: in deepslow a node is its own output
newaxis = None  # x[:, tf.newaxis]
initialize_all_variables = global_variables_initializer  # TF1's older names, still in tutorials
arg_max, arg_min = argmax, argmin
initialize_variables = variables_initializer
all_variables = global_variables


def local_variables():
    """TF1's local variables (metric counters and the like): deepslow has none."""
    return []


def local_variables_initializer():
    """An initializer with nothing to do (deepslow has no local variables), so TF1 code that
    runs it alongside global_variables_initializer() still works."""
    return variables_initializer([], name="init_1")


# `tf.compat.v1.placeholder` and friends work too, so TF1 code runs with either spelling.
compat = types.SimpleNamespace(v1=sys.modules[__name__])

registry.trust_library_gradients()  # every built-in gradient is registered by now (the tf1 ones too)

# Any other TF1 name raises an error saying it is TF1 but outside deepslow's subset (tf1/missing.py).
__getattr__ = missing.namespace_getattr("", __name__)

__version__ = "0.1.0"
