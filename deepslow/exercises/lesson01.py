"""Lesson 1 (computational graphs): exercises and the mistakes learners make in them.

01-squared-difference  an op's forward computation: a new Operation subclass
01-affine-graph        the affine map A·x + b built from nodes (column vectors, as in the math)
01-run-order           a topological order of everything a node depends on
01-forward-pass        the session's loop: every node's value, in that order
"""

import numpy as np

import deepslow as tf
from deepslow.backprop import ancestors
from deepslow.errors import OpError
from deepslow.graph import Constant, Graph, Node, Operation, Placeholder, Variable

from .core import Exercise
from .kinds import GraphExercise, NodeKeyError

_rng = np.random.default_rng(1)

# --- 01-squared-difference: the compute of a new op ---------------------------------------------


class OpComputeExercise(GraphExercise):
    """A GraphExercise whose answer is an Operation subclass. The session reports an exception raised
    inside `compute` as an OpError naming the node; a stub's NotImplementedError is passed on as
    itself, so that an untouched exercise reads "not attempted" rather than "failed"."""

    def run(self, answer, inputs):
        try:
            return super().run(answer, inputs)
        except OpError as exc:
            if isinstance(exc.__cause__, NotImplementedError):
                raise exc.__cause__ from None
            raise


squared_difference_exercise = OpComputeExercise(
    "01-squared-difference",
    "A new op: SquaredDifference(x, y) computes (x − y)²",
    inputs=["x", "y"],
    cases={
        "two vectors": (_rng.normal(size=4), _rng.normal(size=4)),
        "a matrix and a row (broadcasting)": (_rng.normal(size=(2, 3)), _rng.normal(size=3)),
        "two numbers": (np.float64(3.0), np.float64(-1.5)),
    },
    hints=[
        "compute(self, x, y) receives NumPy arrays (the values of the op's two inputs), not nodes. "
        "Return a NumPy array.",
        "Subtract first, then square: d = x - y, and return d * d (or (x - y) ** 2).",
    ],
)


@squared_difference_exercise.reference
class SquaredDifference(Operation):
    def compute(self, x, y):
        d = x - y
        return d * d


@squared_difference_exercise.mistake(
    "you returned x − y without squaring it: the op computes (x − y)², e.g. (x - y) ** 2."
)
class _SquaredDifferenceNoSquare(Operation):
    def compute(self, x, y):
        return x - y


@squared_difference_exercise.mistake(
    "you squared x and y separately: x² − y² is not (x − y)². Subtract first, then square the difference."
)
class _SquaredDifferenceOfSquares(Operation):
    def compute(self, x, y):
        return x**2 - y**2


@squared_difference_exercise.mistake(
    "(x − y) * 2 doubles the difference; squaring is (x - y) ** 2, with two stars (or d * d)."
)
class _SquaredDifferenceTimesTwo(Operation):
    def compute(self, x, y):
        return (x - y) * 2


@squared_difference_exercise.mistake(
    "inside compute, x and y are already NumPy arrays: compute the number with NumPy, (x - y) ** 2. "
    "A deepslow op such as tf.square builds a new graph node instead of computing a value."
)
class _SquaredDifferenceBuildsNode(Operation):
    def compute(self, x, y):
        with Graph().as_default():  # the learner's version adds to their default graph; same result
            return tf.square(x - y)


# --- 01-affine-graph: A·x + b as nodes -----------------------------------------------------------

affine_graph_exercise = GraphExercise(
    "01-affine-graph",
    "The affine map A·x + b as graph nodes",
    inputs=["A", "x", "b"],
    cases={
        "the lesson's example": (
            np.array([[1.0, 0.0], [0.0, -1.0]]),
            np.array([[1.0], [2.0]]),
            np.array([[1.0], [1.0]]),
        ),
        "A of shape 3×2": (_rng.normal(size=(3, 2)), _rng.normal(size=(2, 1)), _rng.normal(size=(3, 1))),
        "three columns x at once": (_rng.normal(size=(2, 2)), _rng.normal(size=(2, 3)), _rng.normal(size=(2, 1))),
    },
    hints=[
        "Two ops: a matrix product, then an addition. Which one comes first in A·x + b?",
        "tf.matmul(A, x) is the product A·x (A on the left, as in the math); then tf.add(..., b) or + b.",
    ],
)


@affine_graph_exercise.reference
def affine(A, x, b):
    return tf.add(tf.matmul(A, x), b)


@affine_graph_exercise.mistake("you forgot the bias: the map is A·x + b; add b to the product.")
def _affine_no_bias(A, x, b):
    return tf.matmul(A, x)


@affine_graph_exercise.mistake(
    "A * x multiplies element by element (with broadcasting), not as matrices: use tf.matmul(A, x) or A @ x."
)
def _affine_elementwise(A, x, b):
    return A * x + b


@affine_graph_exercise.mistake(
    "the factors are swapped: matmul(x, A) is x·A, whose shapes do not fit. The math says A·x: tf.matmul(A, x)."
)
def _affine_swapped(A, x, b):
    return tf.matmul(x, A) + b


@affine_graph_exercise.mistake(
    "there is an extra transpose: the map uses A itself, tf.matmul(A, x), not its transpose."
)
def _affine_transposed(A, x, b):
    return tf.matmul(tf.transpose(A), x) + b


# --- 01-run-order: a topological order ----------------------------------------------------------

VALID_ORDER = "a valid order: every node the target needs, once each, each after its inputs"


def _judge_order(order, target):
    """One line saying what is wrong with `order` as a run order for `target` (or VALID_ORDER).

    The text before the colon names the kind of problem; the rest names the nodes involved.
    Any topological order passes: there are usually many, and all of them are right."""
    if order is None or isinstance(order, Node):
        return order  # None reads "did you forget `return`?"; a node reads "expected ..., got ..."
    if type(order) not in (list, tuple):
        return f"not a list: run_order returned a {type(order).__name__}; return a list of nodes, first to last"
    for i, node in enumerate(order):
        if not isinstance(node, Node):
            return f"not a list of nodes: item {i} is a {type(node).__name__} ({node!r:.30}), not a node"
    counts = {}
    for node in order:
        counts[node] = counts.get(node, 0) + 1
    for node, count in counts.items():
        if count > 1:
            return f"a node appears more than once: {node.name} is listed {count} times"
    if not order:
        return "an empty list: the order holds every node the target needs, the target itself included"
    needed = ancestors([target])
    missing = [node for node in target.graph.nodes if node in needed and node not in counts]
    missing_ops = [node for node in missing if isinstance(node, Operation)]
    if missing_ops:
        return f"a needed node is missing: {missing_ops[0].name} (the target depends on it)"
    if missing:  # only placeholders, variables or constants: the ops are all there
        kinds = ", ".join(f"{node.name} ({type(node).__name__})" for node in missing[:3])
        return f"a source node is missing: {kinds}; the nodes that start the graph belong in the order too"
    for node in order:
        if node not in needed:
            return f"a node the target does not need: {node.name}"
    position = {node: i for i, node in enumerate(order)}
    for node in order:
        for inp in node.inputs:
            if position[inp] > position[node]:
                return f"a node before one of its inputs: {node.name} is listed before its input {inp.name}"
    return VALID_ORDER


def _category(value):
    return value["value"].split(":")[0] if value["kind"] == "str" else None


class RunOrderExercise(Exercise):
    """The answer is `run_order(target) -> [nodes]`. Each case is a function building a small graph
    and returning its target node. The answer's list is judged by `_judge_order`, so every valid
    topological order passes, and a wrong one is reported by what is wrong with it."""

    kind = "run order"

    def run(self, answer, build):
        graph = Graph()
        with graph.as_default():  # nodes the answer might create stay out of the learner's graph
            target = build()
            return _judge_order(answer(target), target)

    def diagnose(self, got):
        """A mistake matches when it makes the same kind of problem on every case."""
        for mistake in self.mistakes:
            theirs = self.mistake_answers(mistake)
            if all(label in got and _same_kind(theirs[label], got[label]) for label in theirs):
                return mistake.message
        return None


def _same_kind(a, b):
    if a["kind"] == "str" and b["kind"] == "str":
        return _category(a) == _category(b)
    if a["kind"] == "error" or b["kind"] == "error":
        return a["kind"] == b["kind"] and a["type"] == b["type"]
    return a["kind"] == b["kind"]


def _affine_case():
    A = tf.Variable([[1.0, 0.0], [0.0, -1.0]], name="A")
    x = tf.placeholder(tf.float32, shape=(2, 1), name="x")
    b = tf.Variable([[1.0], [1.0]], name="b")
    Ax = tf.matmul(A, x, name="Ax")
    tf.square(x, name="unused")  # in the graph, but z does not need it
    return tf.add(Ax, b, name="z")


def _shared_case():
    x = tf.placeholder(tf.float32, shape=(3,), name="x")
    h = tf.sigmoid(x, name="h")
    hh = tf.multiply(h, h, name="hh")  # h is used twice here, and once more below
    return tf.add(hh, h, name="out")


def _chain_case():
    x = tf.placeholder(tf.float32, shape=(2,), name="x")
    e = tf.exp(x, name="e")
    n = tf.negative(e, name="n")
    t = tf.tanh(n, name="t")
    return tf.reduce_sum(t, name="total")


def _late_join_case():
    a = tf.placeholder(tf.float32, shape=(2,), name="a")
    c = tf.placeholder(tf.float32, shape=(2,), name="c")
    left = tf.square(tf.exp(a, name="ea"), name="left")
    right = tf.sigmoid(tf.negative(c, name="nc"), name="right")
    both = tf.multiply(left, right, name="both")
    return tf.add(both, left, name="result")


run_order_exercise = RunOrderExercise(
    "01-run-order",
    "A run order (topological order) for a node",
    cases={
        "the affine map z = A·x + b": _affine_case,
        "a node used three times": _shared_case,
        "a chain of four ops": _chain_case,
        "two branches that meet": _late_join_case,
    },
    hints=[
        "Depth first: to place a node, first place each of its inputs (node.inputs), then append the node itself.",
        "A node used by several ops must still appear once: keep a set of the nodes already placed and skip those.",
        "A helper `def place(node):` that calls itself on each input is the shortest way; start with place(target).",
    ],
)


@run_order_exercise.reference
def run_order(target):
    order, placed = [], set()

    def place(node):
        if node in placed:
            return
        for inp in node.inputs:
            place(inp)
        placed.add(node)
        order.append(node)

    place(target)
    return order


@run_order_exercise.mistake(
    "some node comes before one of its inputs. Append a node only after all of its inputs are in the list: "
    "visit the inputs first, then append. (If your list starts with the target, it is backwards: the target "
    "needs everything else, so it comes last.)"
)
def _run_order_preorder(target):
    order, placed = [], set()

    def place(node):
        if node in placed:
            return
        placed.add(node)
        order.append(node)  # the node before its inputs
        for inp in node.inputs:
            place(inp)

    place(target)
    return order


@run_order_exercise.mistake(
    "a node used by two ops is listed twice, so it would be computed twice: remember which nodes you have "
    "placed (a set) and skip them the second time."
)
def _run_order_no_visited(target):
    order = []

    def place(node):
        for inp in node.inputs:
            place(inp)
        order.append(node)

    place(target)
    return order


@run_order_exercise.mistake(
    "nodes are missing: the inputs of the inputs are needed too. Visit inputs recursively (or with a stack), "
    "not only the target's direct inputs."
)
def _run_order_direct_inputs(target):
    order = []
    for inp in target.inputs:
        if inp not in order:
            order.append(inp)
    return order + [target]


@run_order_exercise.mistake(
    "placeholders, variables and constants belong in the order too: they are nodes the target needs (their "
    "values come from the feed or from storage, but they still come first). Append every node you visit, not "
    "only the operations."
)
def _run_order_ops_only(target):
    return [node for node in run_order(target) if isinstance(node, Operation)]


@run_order_exercise.mistake(
    "your list is empty: run_order returns every node the target needs, the target included. Did the list "
    "you fill stay empty (appending to a different list, or returning before the loop)?"
)
def _run_order_empty(target):
    return []


@run_order_exercise.mistake(
    "the graph's list of nodes holds every node ever built in it, including ones the target does not need. "
    "Start from the target and follow node.inputs instead."
)
def _run_order_whole_graph(target):
    return list(target.graph.nodes)


# --- 01-forward-pass: what Session.run does --------------------------------------------------


class ForwardPassExercise(Exercise):
    """The answer is `forward(order, feed) -> {node: value}`. Each case builds a graph and returns
    (target, feed); `order` lists the target's ancestors in creation order (a topological order).
    The answer's values are compared node by node in that order, so the report names the first
    node whose value is wrong."""

    kind = "forward pass"

    def run(self, answer, build):
        graph = Graph()
        with graph.as_default():
            target, feed = build()
            needed = ancestors([target])
            order = [node for node in graph.nodes if node in needed]
            given = dict(feed)
            try:
                values = answer(order, given)
            except KeyError as exc:
                if not (exc.args and isinstance(exc.args[0], Node)):
                    raise
                raise NodeKeyError(_missing_value(exc, exc.args[0], given)) from None
        if type(values) is not dict:
            return values
        return {node.name: values[node] for node in order if node in values}

    def where_text(self, where):
        return f"the value of node {where}" if where.startswith("'") else where


_BRANCH = {
    Variable: ("variables", "node.initial_value"),
    Constant: ("constants", "node.value"),
    Placeholder: ("placeholders", "feed[node]"),
}


def _missing_value(exc, node, feed):
    """What a KeyError on `node` means in a forward pass: a kind of node the loop never gave a
    value, or a node looked up in the feed, which holds only the placeholders' values."""
    from .kinds import failing_site

    kind = next((k for k in _BRANCH if isinstance(node, k)), None)
    site = failing_site(exc)
    looked_up_in_feed = False
    if site is not None:
        import ast

        frame, _, expression, _ = site
        if isinstance(expression, ast.Subscript) and isinstance(expression.value, ast.Name):
            looked_up_in_feed = frame.f_locals.get(expression.value.id) is feed
    what = f"{node.name!r} ({type(node).__name__})"
    if looked_up_in_feed and kind is not Placeholder:
        source = _BRANCH[kind][1] if kind else "node.compute(*[values[i] for i in node.inputs])"
        return f"{what} is not in the feed: the feed holds only the placeholders' values. Its value is {source}."
    if kind is None:
        return (
            f"the value of {what} was never stored before an op used it: store every op's value, "
            f"values[node] = node.compute(*[values[i] for i in node.inputs])"
        )
    kinds, source = _BRANCH[kind]
    return f"the value of {what} was never stored: your loop has no branch for {kinds} (use {source})"


def _placeholders_only():
    x = tf.placeholder(tf.float64, shape=(3,), name="x")
    y = tf.placeholder(tf.float64, shape=(3,), name="y")
    xy = tf.multiply(x, y, name="xy")
    return tf.add(xy, x, name="out"), {x: np.array([1.0, -2.0, 0.5]), y: np.array([3.0, 0.25, -4.0])}


def _variables_only():
    W = tf.Variable(np.array([[1.0, 2.0], [-1.0, 0.5]]), name="W")
    v = tf.Variable(np.array([[2.0], [-3.0]]), name="v")
    Wv = tf.matmul(W, v, name="Wv")
    return tf.sigmoid(Wv, name="s"), {}


def _affine_map():
    A = tf.Variable(np.array([[1.0, 0.0], [0.0, -1.0]]), name="A")
    x = tf.placeholder(tf.float64, shape=(2, 1), name="x")
    b = tf.constant(np.array([[1.0], [1.0]]), name="b")
    return tf.add(tf.matmul(A, x, name="Ax"), b, name="z"), {x: np.array([[1.0], [2.0]])}


def _placeholder_and_constant():
    x = tf.placeholder(tf.float64, shape=(2, 2), name="x")
    doubled = tf.multiply(2.0, x, name="doubled")  # 2.0 becomes a constant node
    return tf.reduce_sum(tf.square(doubled, name="sq"), axis=1, name="rows"), {x: np.array([[1.0, 2.0], [3.0, -1.0]])}


forward_pass_exercise = ForwardPassExercise(
    "01-forward-pass",
    "The forward pass: every node's value, in run order",
    cases={
        "placeholders only": _placeholders_only,
        "variables only": _variables_only,
        "the affine map (variable, placeholder, constant)": _affine_map,
        "a placeholder and a constant": _placeholder_and_constant,
    },
    hints=[
        "Go through `order` once. For each node, decide where its value comes from: a placeholder's from "
        "feed[node], a variable's from node.initial_value, a constant's from node.value, an operation's from "
        "node.compute(...).",
        "isinstance(node, Placeholder) (and Variable, Constant) tells you which kind a node is; anything else is "
        "an operation.",
        "An operation needs the values of its inputs, which are already in your dict because they come earlier "
        "in `order`: node.compute(*[values[i] for i in node.inputs]).",
    ],
)


@forward_pass_exercise.reference
def forward(order, feed):
    values = {}
    for node in order:
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values


@forward_pass_exercise.mistake(
    "a placeholder has no compute method: its value is not computed but given, in the feed: feed[node]."
)
def _forward_no_placeholders(order, feed):
    values = {}
    for node in order:
        if isinstance(node, Variable):
            values[node] = node.initial_value
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values


@forward_pass_exercise.mistake(
    "a variable has no compute method: its value is stored, not computed. Here use its initial value, "
    "node.initial_value (a session would use the variable's current value)."
)
def _forward_no_variables(order, feed):
    values = {}
    for node in order:
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values


@forward_pass_exercise.mistake(
    "variables never get a value: a variable's value is neither in the feed nor computed, it is stored in the "
    "node. Give variables their own branch: values[node] = node.initial_value."
)
def _forward_no_variable_branch(order, feed):
    values = {}
    for node in order:
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Constant):
            values[node] = node.value
        elif isinstance(node, Operation):
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values


@forward_pass_exercise.mistake(
    "a constant has no compute method: its value is stored in the node, node.value. (A plain number such as "
    "the 2.0 in 2.0 * x becomes a constant node too.)"
)
def _forward_no_constants(order, feed):
    values = {}
    for node in order:
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values


@forward_pass_exercise.mistake(
    "you passed the input nodes to compute; it needs their values: node.compute(*[values[i] for i in "
    "node.inputs]). (Adding two nodes builds a new node instead of adding numbers.)"
)
def _forward_nodes_not_values(order, feed):
    values = {}
    for node in order:
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*node.inputs)
    return values
