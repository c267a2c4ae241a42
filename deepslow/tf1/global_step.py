"""The global step: a counter Variable named "global_step" that train ops advance.

    global_step = tf.train.get_or_create_global_step()
    train_op = optimizer.minimize(loss, global_step=global_step)   # adds 1 per step

It is an int64 Variable that is not trainable, kept in the GLOBAL_STEP collection.
"""

from .. import dtypes
from ..graph import Variable, get_default_graph
from .graph_collections import GraphKeys, add_to_collection, get_collection


def get_global_step(graph=None):
    """The graph's global step Variable, or None."""
    graph = graph or get_default_graph()
    with graph.as_default():
        steps = get_collection(GraphKeys.GLOBAL_STEP)
    return steps[0] if steps else None


def create_global_step(graph=None):
    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default(), graph.name_scope(None):
        step = Variable(0, name="global_step", trainable=False, dtype=dtypes.int64)
        add_to_collection(GraphKeys.GLOBAL_STEP, step)
    return step


def get_or_create_global_step(graph=None):
    step = get_global_step(graph)
    return create_global_step(graph) if step is None else step
