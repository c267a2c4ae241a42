"""TF1's graph collections: named lists kept by the graph (`tf.get_collection(tf.GraphKeys.LOSSES)`).

The graph holds them (Graph.collections, a dict name -> list). Variables are not stored in a
collection: the variable keys are answered from the graph's own nodes, so they can never go
stale. A `scope` keeps the items whose name starts with it (a regular expression, as in TF).
"""

import re

from ..graph import Variable, get_default_graph


class GraphKeys:
    GLOBAL_VARIABLES = "variables"
    VARIABLES = "variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    LOCAL_VARIABLES = "local_variables"
    MODEL_VARIABLES = "model_variables"
    SUMMARIES = "summaries"
    LOSSES = "losses"
    REGULARIZATION_LOSSES = "regularization_losses"
    UPDATE_OPS = "update_ops"
    GLOBAL_STEP = "global_step"
    TRAIN_OP = "train_op"


def add_to_collection(name, value):
    get_collection_ref(name).append(value)


def add_to_collections(names, value):
    for name in [names] if isinstance(names, str) else names:
        add_to_collection(name, value)


def get_collection_ref(key):
    """The collection's own list (changing it changes the collection)."""
    return get_default_graph().collections.setdefault(key, [])


def get_collection(key, scope=None):
    """A copy of the collection `key`, keeping only names that match `scope` from their start."""
    graph = get_default_graph()
    if key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.TRAINABLE_VARIABLES, GraphKeys.MODEL_VARIABLES):
        items = [n for n in graph.nodes if isinstance(n, Variable)]
        if key == GraphKeys.TRAINABLE_VARIABLES:
            items = [v for v in items if v.trainable]
    else:
        items = list(graph.collections.get(key, []))
    if scope is None:
        return items
    return [item for item in items if hasattr(item, "name") and re.match(scope, item.name)]
