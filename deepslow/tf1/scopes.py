"""Name scopes, variable scopes and get_variable, named exactly as TensorFlow 1 names things.

Two kinds of scope, as in TF1:
  * a NAME scope prefixes the names of the nodes made inside it: `with tf.name_scope("loss"):`
    makes "loss/Mean". Opening a name a second time gives "loss_1/..." (the graph keeps the
    counts: Graph.name_scope).
  * a VARIABLE scope prefixes the names of variables made by `get_variable`, and says whether
    get_variable may create a variable (reuse=False), must find an existing one (reuse=True),
    or either (reuse=tf.AUTO_REUSE). That is how TF1 programs share weights:

        def layer(x):
            w = tf.get_variable("w", [3, 3])    # "model/w" both times
            return tf.matmul(x, w)
        with tf.variable_scope("model"):
            a = layer(x1)
        with tf.variable_scope("model", reuse=True):
            b = layer(x2)                         # the same w

`variable_scope` opens a name scope too (the second "model" above names its ops "model_1/..."),
but the variables' names ignore name scopes: get_variable's names come from variable scopes only.
"""

import contextlib
import weakref

import numpy as np

from .. import dtypes
from ..graph import Node, Variable, get_default_graph


class _AutoReuse:
    def __repr__(self):
        return "tf.AUTO_REUSE"


AUTO_REUSE = _AutoReuse()  # reuse=AUTO_REUSE: get_variable creates the variable if absent, else returns it


class VariableScope:
    """What `with tf.variable_scope(...) as scope:` gives: the scope's full name, its reuse
    mode, and the defaults it hands to get_variable (initializer, regularizer, dtype)."""

    def __init__(self, name, reuse=False, initializer=None, regularizer=None, dtype=dtypes.float32, name_scope=""):
        self.name = name
        self.reuse = reuse
        self.initializer = initializer
        self.regularizer = regularizer
        self.dtype = dtype
        self.original_name_scope = name_scope

    def reuse_variables(self):
        """From here on, get_variable in this scope returns existing variables."""
        self.reuse = True

    def set_initializer(self, initializer):
        self.initializer = initializer

    def __repr__(self):
        return f"<VariableScope {self.name!r} reuse={self.reuse!r}>"


class _Store:
    """One graph's get_variable state: the variables by full name, the open variable scopes,
    and how often each scope name was opened (to number default names: dense, dense_1, ...)."""

    def __init__(self):
        self.variables = {}
        self.scopes = [VariableScope("")]
        self.opened = {}


_stores = weakref.WeakKeyDictionary()  # graph -> _Store; a graph that is dropped takes its store along


def _store(graph=None):
    graph = graph or get_default_graph()
    if graph not in _stores:
        _stores[graph] = _Store()
    return _stores[graph]


def get_variable_scope():
    return _store().scopes[-1]


# --- name scopes ------------------------------------------------------------------------------


@contextlib.contextmanager
def name_scope(name, default_name=None, values=None):
    """`with tf.name_scope("loss") as scope:` names the nodes made inside "loss/...", and
    `scope` is "loss/". A name in use gets a number ("loss_1/"); a name ending in "/" re-enters
    that exact scope; None (with no default_name) goes back to the top."""
    if name is None:
        name = default_name
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name_scope takes a string, got {name!r:.60}")
    with get_default_graph().name_scope(name) as scope:
        yield scope


def device(device_name_or_function):
    """`with tf.device("/cpu:0"):` places ops on a device in TF; deepslow has one (NumPy on the
    CPU), so the block runs as it is."""
    return contextlib.nullcontext()


# --- variable scopes --------------------------------------------------------------------------


@contextlib.contextmanager
def variable_scope(
    name_or_scope,
    default_name=None,
    values=None,
    initializer=None,
    regularizer=None,
    reuse=None,
    dtype=None,
    auxiliary_name_scope=True,
):
    """Open a variable scope (and a name scope of the same name): see the module docstring.
    `name_or_scope` is a name, a VariableScope from an earlier `with ... as scope`, or None
    with a `default_name`, which is numbered to be unique (what tf.layers.dense does)."""
    graph = get_default_graph()
    store = _store(graph)
    parent = store.scopes[-1]
    if isinstance(name_or_scope, VariableScope):
        full_name = name_or_scope.name
        short_name = full_name.rsplit("/", 1)[-1]
        inherited = name_or_scope
    elif name_or_scope is not None:
        short_name = str(name_or_scope)
        full_name = f"{parent.name}/{short_name}" if parent.name else short_name
        inherited = parent
    elif default_name is not None:
        short_name = _unique_scope_name(store, parent, default_name)
        full_name = f"{parent.name}/{short_name}" if parent.name else short_name
        inherited = parent
    else:
        raise ValueError("variable_scope needs a name, a VariableScope, or default_name=...")
    if reuse is True or parent.reuse is True or inherited.reuse is True:
        mode = True
    elif reuse is AUTO_REUSE or parent.reuse is AUTO_REUSE or inherited.reuse is AUTO_REUSE:
        mode = AUTO_REUSE
    else:
        mode = False  # (reuse=False inside a reusing scope still reuses, as in TF1)
    store.opened[full_name] = store.opened.get(full_name, 0) + 1
    names = graph.name_scope(short_name) if auxiliary_name_scope else contextlib.nullcontext(graph.get_name_scope())
    with names as opened_name_scope:
        scope = VariableScope(
            full_name,
            reuse=mode,
            initializer=initializer if initializer is not None else inherited.initializer,
            regularizer=regularizer if regularizer is not None else inherited.regularizer,
            dtype=dtypes.as_dtype(dtype) if dtype is not None else inherited.dtype,
            name_scope=opened_name_scope,
        )
        store.scopes.append(scope)
        try:
            yield scope
        finally:
            store.scopes.pop()


def _unique_scope_name(store, parent, base):
    """base, or base_1, base_2, ... : the first whose full name no variable scope has used."""
    prefix = f"{parent.name}/" if parent.name else ""
    name, number = base, 0
    while store.opened.get(prefix + name, 0):
        number += 1
        name = f"{base}_{number}"
    return name


# --- get_variable -----------------------------------------------------------------------------


def get_variable(
    name,
    shape=None,
    dtype=None,
    initializer=None,
    regularizer=None,
    trainable=True,
    collections=None,
    **unused_options,
):
    """The variable `name` of the current variable scope: created (reuse=False), found
    (reuse=True), or either (reuse=tf.AUTO_REUSE). A new variable's initial value comes from
    `initializer` (an initializer such as tf.zeros_initializer(), or a value), else from the
    scope's initializer, else glorot_uniform_initializer for floats as in TF."""
    graph = get_default_graph()
    store = _store(graph)
    scope = store.scopes[-1]
    full_name = f"{scope.name}/{name}" if scope.name else name
    existing = store.variables.get(full_name)
    shape = None if shape is None else tuple(int(d) for d in shape)
    if existing is not None:
        if scope.reuse is False:
            raise ValueError(
                f"Variable {full_name} already exists, disallowed. Did you mean to set reuse=True or "
                "reuse=tf.AUTO_REUSE in VarScope?"
            )
        if shape is not None and existing.shape is not None and tuple(existing.shape) != shape:
            raise ValueError(
                f"Trying to share variable {full_name}, but specified shape {shape} and found shape {existing.shape}."
            )
        return existing
    if scope.reuse is True:
        raise ValueError(
            f"Variable {full_name} does not exist, or was not created with tf.get_variable(). "
            "Did you mean to set reuse=tf.AUTO_REUSE in VarScope?"
        )
    dtype = dtypes.as_dtype(dtype) if dtype is not None else scope.dtype
    initializer = initializer if initializer is not None else scope.initializer
    with graph.name_scope(f"{full_name}/Initializer/"):  # (named as TF names them: "w/Initializer/zeros")
        initial_value = _initial_value(full_name, shape, dtype, initializer)
    # deepslow trains float variables only; an integer one (a counter) is made untrainable, where
    # TF would list it as trainable and then never train it
    trainable = trainable and dtype.kind == "f"
    with graph.name_scope(None):  # a variable's name comes from variable scopes only (names ignore name scopes)
        variable = Variable(initial_value, name=full_name, trainable=trainable, dtype=dtype)
    if variable.name != full_name:  # another node already has that name (not made by get_variable)
        raise ValueError(f"get_variable cannot create {full_name}: the graph already has a node of that name")
    store.variables[full_name] = variable
    regularizer = regularizer if regularizer is not None else scope.regularizer
    if regularizer is not None:
        _add_regularization_loss(graph, full_name, regularizer, variable)
    return variable


def _initial_value(full_name, shape, dtype, initializer):
    from .initializers import glorot_uniform_initializer, zeros_initializer

    if initializer is None:
        initializer = glorot_uniform_initializer() if dtype.kind == "f" else zeros_initializer()
    if isinstance(initializer, Node) or isinstance(initializer, (np.ndarray, list, int, float, np.generic)):
        if shape is not None and isinstance(initializer, Node) and initializer.shape not in (None, shape):
            raise ValueError(
                f"get_variable {full_name}: shape {shape} given, but the initializer has shape {initializer.shape}"
            )
        return initializer  # a value (or a node) to start from; its shape is the variable's
    if shape is None:
        raise ValueError(f"get_variable {full_name} needs a shape=... to create the variable with {initializer!r:.60}")
    return initializer(shape, dtype=dtype)


def _add_regularization_loss(graph, full_name, regularizer, variable):
    with graph.name_scope(f"{full_name}/Regularizer/"):
        loss = regularizer(variable)
    if loss is not None:
        graph.collections.setdefault("regularization_losses", []).append(loss)
