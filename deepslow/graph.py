"""Graphs and the nodes they hold: placeholders, variables, constants and operations.

A node is symbolic: it records how to compute a value, never the value itself. Values live in
a Session, so two sessions on one graph never see each other's numbers.

Each kind of node says how a Session treats it in its class attribute `kind`:
    "placeholder"  fed from outside at run time        "op"        computed from its inputs
    "variable"     read from the session's state       "random"    drawn from the session's generator
    "constant"     a value fixed in the graph          "init", "assign", "gradients", "train":
                                                       training machinery (see their classes)
This module imports nothing of deepslow above it: the operators on nodes (`a + b`, `a @ b`)
are installed by ops.py (comparisons and `x[i]` by deepslow/tf1), and the notebook display of
nodes by display.py.
"""

import contextlib
import graphlib

import numpy as np

from . import dtypes
from .errors import ShapeError, describe


class Graph:
    """A container of nodes. Nodes are appended in creation order, which is already a valid
    topological order, because a node can only take inputs that exist when it is created."""

    def __init__(self):
        self.nodes = []
        self.seed = None  # the graph-level random seed (tf.set_random_seed)
        self.collections = {}  # TF's named lists of things: "summaries", a variable store, ...
        self._name_counts = {}
        self._scope = ""  # the current name scope, e.g. "layer1/weights"
        self._renderings = {}  # drawing cache, filled by deepslow.display

    def unique_name(self, base):
        """TF-style names inside the current name scope: 'MatMul', then 'MatMul_1', 'MatMul_2', ...
        As in TF, names are told apart regardless of case ('Add', then 'add_1'), and a numbered
        name someone chose already is skipped."""
        name = f"{self._scope}/{base}" if self._scope else base
        key = name.lower()
        count = self._name_counts.get(key, 0)
        while count and f"{key}_{count}" in self._name_counts:
            count += 1
        self._name_counts[key] = count + 1
        if count == 0:
            return name
        self._name_counts[f"{key}_{count}"] = 1
        return f"{name}_{count}"

    @contextlib.contextmanager
    def name_scope(self, name):
        """`with graph.name_scope("layer1"):` names new nodes "layer1/MatMul", ... A scope name is
        made unique like a node name ("layer1_1" the second time); a name ending in "/" re-enters
        that exact scope, and None or "" goes back to the top, as in TensorFlow."""
        if not name:
            scope = ""
        elif name.endswith("/"):
            scope = name[:-1]
        else:
            scope = self.unique_name(name)
        outer, self._scope = self._scope, scope
        try:
            yield scope + "/" if scope else ""
        finally:
            self._scope = outer

    def get_name_scope(self):
        return self._scope

    def add(self, node):
        self.nodes.append(node)
        self._renderings.clear()

    def get_operations(self):
        return list(self.nodes)

    def get_node(self, name):
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(f"the graph has no node named {name!r}")

    get_operation_by_name = get_node  # TF1's name for it

    def get_tensor_by_name(self, name):
        """TF1's lookup by tensor name, "layer1/MatMul:0": the output of the node "layer1/MatMul".
        A deepslow node has exactly one output, so only ":0" names one (a bare name is accepted)."""
        node_name, _, index = name.rpartition(":") if ":" in name else (name, "", "0")
        if index != "0":
            raise KeyError(
                f"{name!r}: a deepslow node has one output, ':0' (TF ops with several outputs, e.g. "
                f"tf.unique, are not part of deepslow)"
            )
        return self.get_node(node_name)

    @contextlib.contextmanager
    def as_default(self):
        """`with g.as_default():` makes new nodes go into `g` for the duration of the block."""
        _graph_stack.append(self)
        try:
            yield self
        finally:
            _graph_stack.remove(self)

    def __repr__(self):
        return f"<deepslow.Graph with {len(self.nodes)} nodes>"


# --- the defaults: where new nodes go, and which session node.eval() uses ----------------------

_graph_stack = [Graph()]
_session_stack = []  # sessions entered with `with`, as_default(), or an InteractiveSession


def get_default_graph():
    """The graph new nodes go into: the innermost `as_default()` graph, else the global one."""
    return _graph_stack[-1]


def reset_default_graph():
    """Replace the global default graph with an empty one (as TF does between notebook cells)."""
    if len(_graph_stack) > 1:
        raise RuntimeError("reset_default_graph() cannot be called inside a `with graph.as_default():` block")
    _graph_stack[0] = Graph()


def get_default_session():
    if not _session_stack:
        raise RuntimeError(
            "no default session: run it inside `with deepslow.Session() as sess:`, or pass session=..., "
            "or create a deepslow.InteractiveSession() first"
        )
    return _session_stack[-1]


# --- nodes -------------------------------------------------------------------------------------


class Node:
    """Base of everything that can sit in a graph and be fetched by Session.run."""

    op_type = "Node"
    kind = "op"

    def __init__(self, inputs=(), name=None, graph=None):
        node_inputs = [x for x in inputs if isinstance(x, Node)]
        if graph is None:  # a node joins its inputs' graph (as in TF), else the default graph
            graph = node_inputs[0].graph if node_inputs else get_default_graph()
        strangers = [x for x in node_inputs if x.graph is not graph]
        if strangers:
            names = ", ".join(describe(node) for node in node_inputs)
            raise ValueError(
                f"cannot build {self.op_type}: its inputs {names} belong to different graphs. Build every node "
                "of one model inside the same `with graph.as_default():` block (or after reset_default_graph())."
            )
        hint = next((x.dtype for x in node_inputs if x.dtype is not None), None)
        self.inputs = [as_node(x, graph, dtype_hint=hint) for x in inputs]
        self.graph = graph
        self.index = len(graph.nodes)  # creation order: makes every traversal order reproducible
        self.name = graph.unique_name(name or self.op_type)
        self.shape = None  # static shape, where known (placeholders, variables, constants)
        self.dtype = None
        graph.add(self)

    def __repr__(self):
        shape = "unknown until run" if self.shape is None else _shape_text(self.shape)
        dtype = "" if self.dtype is None else f" dtype={self.dtype.name}"
        return f"<deepslow {self.op_type} '{self.name}' shape={shape}{dtype}>"

    def __str__(self):
        return (
            f"{self!r} is a symbolic node: it has no value yet. Get its value by running it, "
            f"sess.run(node, feed_dict={{...}}), where node is this object (named '{self.name}' in the graph)."
        )

    def eval(self, feed_dict=None, session=None):
        """TF1's `tensor.eval()`: this node's value, computed in `session` or the default session."""
        return (session or get_default_session()).run(self, feed_dict)

    def run(self, feed_dict=None, session=None):
        """TF1's `op.run()` (e.g. `init.run()`, `train_op.run(feed_dict=...)`): run it for its effect."""
        (session or get_default_session()).run(self, feed_dict)

    # --- a node has no value while the graph is built: say so instead of failing obscurely ----
    def __bool__(self):
        raise TypeError(
            f"the truth value of node {describe(self)} is unknown while building the graph. "
            "Run it in a Session first, then test the NumPy value."
        )

    def __array__(self, dtype=None, copy=None):
        raise TypeError(
            f"node {describe(self)} is symbolic and cannot be turned into a NumPy array. "
            "Run it in a Session (sess.run(node, feed_dict=...)) to get its value."
        )

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        """NumPy calls this for `ndarray + node` and for `np.exp(node)`. Arithmetic builds the
        deepslow op, through the node's operators; any other NumPy function cannot work on a
        symbolic node, and says so."""
        operators = _UFUNC_OPERATORS.get(ufunc)
        if method == "__call__" and operators and len(inputs) == 2 and not kwargs:
            left, right = inputs
            forward, reflected = operators
            return getattr(left, forward)(right) if isinstance(left, Node) else getattr(right, reflected)(left)
        raise TypeError(
            f"np.{ufunc.__name__} cannot compute on node {describe(self)}: the node is symbolic and has no numbers "
            f"yet. To make it part of the graph, use the deepslow op of that name (tf.{ufunc.__name__}(...)) if "
            "there is one, or write a new deepslow Operation; or apply NumPy to the value sess.run(...) returns."
        )

    __hash__ = object.__hash__  # nodes are dictionary keys (feeds, values); equality is identity


_UFUNC_OPERATORS = {
    np.add: ("__add__", "__radd__"),
    np.subtract: ("__sub__", "__rsub__"),
    np.multiply: ("__mul__", "__rmul__"),
    np.true_divide: ("__truediv__", "__rtruediv__"),
    np.matmul: ("__matmul__", "__rmatmul__"),
}


class Placeholder(Node):
    """An input whose value is given at run time through feed_dict."""

    op_type = "Placeholder"
    kind = "placeholder"

    def __init__(self, dtype=dtypes.float32, shape=None, name=None):
        super().__init__(name=name)
        self.dtype = dtypes.as_dtype(dtype)
        self.shape = None if shape is None else tuple(None if d is None or d == -1 else int(d) for d in shape)
        # (axis, size) for the sizes that are fixed: what a fed value must match (see steps.feed)
        self.fixed_sizes = [] if shape is None else [(k, d) for k, d in enumerate(self.shape) if d is not None]


class Constant(Node):
    """A fixed value baked into the graph. Numbers keep TensorFlow's dtypes: 2 is int32, 2.0
    and [1.0, 2.0] are float32, a NumPy array keeps its own dtype."""

    op_type = "Const"
    kind = "constant"

    def __init__(self, value, dtype=None, name=None):
        array = dtypes.as_constant_array(value, dtype)
        super().__init__(name=name)
        array.flags.writeable = False
        self.value = array
        self.shape = array.shape
        self.dtype = array.dtype


class Variable(Node):
    """A trainable parameter. The graph keeps only its initial value (an array, or a node such as
    a random op, computed when an initializer runs); each Session holds the current value."""

    op_type = "Variable"
    kind = "variable"

    def __init__(self, initial_value, name=None, trainable=True, dtype=None):
        dtype = None if dtype is None else dtypes.as_dtype(dtype)
        if isinstance(initial_value, Node):
            super().__init__(name=name, graph=initial_value.graph)
            value_dtype, shape = initial_value.dtype, initial_value.shape
            self.initial_value = initial_value
        else:
            value = dtypes.as_variable_array(
                initial_value, dtype, trainable, what=f"Variable {name or ''} initial value"
            )
            super().__init__(name=name)
            value.flags.writeable = False  # the graph's copy never changes
            value_dtype, shape = value.dtype, value.shape
            self.initial_value = value
        self.dtype = dtype or value_dtype or dtypes.DEFAULT_FLOAT
        self.shape = shape
        self.trainable = trainable
        if trainable and self.dtype.kind != "f":
            raise TypeError(
                f"Variable {describe(self)} cannot be trained with dtype {self.dtype.name}: training takes "
                "fractional steps, which an integer would truncate. Use float32 (the default), or trainable=False."
            )

    @property
    def initializer(self):
        return Initializer([self], name=f"{self.name}/Assign")

    def initialized_value(self):
        return self.initial_value


class Operation(Node):
    """A node computed from its inputs. Subclasses define `compute(*input_values)`; the gradient
    of each op type is registered next to it with `@register_gradient("OpType")`.

    An op whose gradient would redo work of the forward pass may also define
    `compute_and_save(*input_values) -> (value, saved)`: a Session then hands `saved` to the
    gradient function as `op.saved` (PyTorch calls this save_for_backward)."""

    def __init__(self, *inputs, name=None):
        super().__init__(inputs, name=name)

    def compute(self, *values):
        if hasattr(self, "compute_and_save"):  # an op may define only that: its value comes first
            return self.compute_and_save(*values)[0]
        raise NotImplementedError(f"{type(self).__name__} must define compute(self, *input_values)")

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "op_type" not in cls.__dict__:
            cls.op_type = cls.__name__  # a learner's `class Cube(Operation)` has op type "Cube"


class RandomNode(Node):
    """A node drawn anew on every run: `sample(rng, *input_values)` with a NumPy generator that
    the Session owns, one per node. A new Session starts each sequence again, and the seeds
    (the graph's and the op's) fix it: the same program prints the same numbers every time."""

    kind = "random"

    def __init__(self, inputs=(), seed=None, name=None):
        super().__init__(inputs, name=name)
        self.seed = seed

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "op_type" not in cls.__dict__:
            cls.op_type = cls.__name__

    def seeds(self):
        return self.graph.seed, self.seed

    def make_generator(self):
        """A fresh generator for one session. Without an op seed, the node's creation index
        stands in for it, as TensorFlow derives one from the graph."""
        graph_seed, op_seed = self.seeds()
        entropy = [0 if graph_seed is None else int(graph_seed), self.index if op_seed is None else int(op_seed)]
        return np.random.default_rng(np.random.SeedSequence(entropy))

    def sample(self, rng, *input_values):
        raise NotImplementedError(f"{type(self).__name__} must define sample(self, rng, *input_values)")


# --- training machinery that writes variables ----------------------------------------------------


class Initializer(Node):
    """Running it sets its variables to their initial values (and forgets optimizer state).
    Its inputs are the initial values that are nodes, computed in the same run."""

    op_type = "Initializer"
    kind = "init"

    def __init__(self, variables, name=None):
        self.variables = list(variables)
        for var in self.variables:
            if not isinstance(var, Variable):
                raise TypeError(f"an initializer takes Variables; {var!r:.80} is not one")
        computed = [v.initial_value for v in self.variables if isinstance(v.initial_value, Node)]
        super().__init__(computed, name=name or "init")

    def new_values(self, values):
        """{variable: its initial value} for this run; `values` holds the computed initial values."""
        return {var: _initial_value(var, values) for var in self.variables}


def _initial_value(var, values):
    initial = var.initial_value
    value = values[initial] if isinstance(initial, Node) else initial
    return check_new_value(var, np.array(value, dtype=var.dtype), "its initial value")


class AssignNode(Node):
    """Writes a new value into a Variable (tf.assign and friends); the Session stores it only
    if the whole run succeeds. Subclasses define `new_value(current, value)`."""

    kind = "assign"

    def __init__(self, variable, value, name=None):
        if not isinstance(variable, Variable):
            raise TypeError(f"{self.op_type} writes a Variable; {variable!r:.80} is not one")
        super().__init__([variable, value], name=name)
        self.variable = variable
        self.shape, self.dtype = variable.shape, variable.dtype

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "op_type" not in cls.__dict__:
            cls.op_type = cls.__name__

    def new_value(self, current, value):
        raise NotImplementedError(f"{type(self).__name__} must define new_value(self, current, value)")


def check_new_value(var, value, what):
    """A value about to be stored in `var`, with the variable's shape (else an error naming both)."""
    if var.shape is not None and value.shape != var.shape:
        raise ShapeError(
            f"variable {describe(var)} has shape {_shape_text(var.shape)}, but {what} has shape "
            f"{_shape_text(value.shape)}: a variable keeps its shape"
        )
    return value


def global_variables_initializer():
    return Initializer(global_variables())


def variables_initializer(var_list, name="init"):
    return Initializer(var_list, name=name)


def global_variables():
    return [n for n in get_default_graph().nodes if isinstance(n, Variable)]


def trainable_variables():
    return [v for v in global_variables() if v.trainable]


# --- walking the graph -------------------------------------------------------------------------


def as_node(value, graph=None, dtype_hint=None):
    """Nodes pass through; numbers, lists and arrays become Constants. A plain number meeting
    a node (`x * 2`) takes that node's dtype, as TensorFlow converts it (see dtypes.implicit_dtype)."""
    if isinstance(value, Node):
        return value
    dtype = dtypes.implicit_dtype(value, dtype_hint)
    if graph is None:
        return Constant(value, dtype=dtype)
    with graph.as_default():
        return Constant(value, dtype=dtype)


def ancestors(targets):
    """Every node that `targets` depend on, themselves included (an explicit stack, no recursion)."""
    seen = set()
    stack = list(targets)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node.inputs)
    return seen


def topological_order(nodes):
    """`nodes` ordered so that every node comes after its inputs (graphlib does the sorting)."""
    members = set(nodes)
    ordered = sorted(members, key=lambda n: n.index)  # same order on every run, not a set's whim
    sorter = graphlib.TopologicalSorter({n: [i for i in n.inputs if i in members] for n in ordered})
    return list(sorter.static_order())


def _shape_text(shape):
    return "(" + ", ".join("?" if d is None else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
