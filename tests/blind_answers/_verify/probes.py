"""What each exercise's answer is tried on: inputs the notebook text describes, and edge cases of them.

A probe gets a `Trial` holding the answer's namespace (`t.answer`) and ours (`t.reference`) and runs
named cases with `t.case(name, fn)`. A case fails when fn raises: a wrong value, a wrong shape or type,
an input changed in place, or too much time. Orders (run order, backprop order) are checked by their
defining property, not against one particular order, since many are correct.
"""

import contextlib
import math
import signal
import time
import warnings

import numpy as np

import deepslow as tf
from deepslow.backprop import gradient_list
from deepslow.graph import Constant, Node, Operation, Placeholder, Variable
from deepslow.registry import _GRADIENTS, OpValues

PROBES = {}


def probe(exercise_id):
    def register(fn):
        PROBES[exercise_id] = fn
        return fn

    return register


# --- running one case -------------------------------------------------------------------------------


class CaseTimeoutError(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds):
    def expire(signum, frame):
        raise CaseTimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Trial:
    """One answer on one exercise: its namespace, ours, and the cases' results."""

    def __init__(self, answer, reference):
        self.answer, self.reference = answer, reference
        self.results = []  # (case name, failure text or None, runtime warnings)

    def case(self, name, fn, seconds=5.0):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                with time_limit(seconds):
                    fn()
                failure = None
            except Exception as exc:  # any failure of the answer is a verdict, not a crash
                failure = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:240]
        warned = sorted({str(w.message)[:80] for w in caught if issubclass(w.category, RuntimeWarning)})
        self.results.append((name, failure, warned))


# --- comparisons ------------------------------------------------------------------------------------


def close(actual, expected, what="result", rtol=1e-7, atol=1e-10):
    """`actual` has `expected`'s shape and values (NaN never matches)."""
    if isinstance(actual, Node):
        raise AssertionError(f"{what} is a graph node, not a value")
    try:
        actual_array = np.asarray(actual, dtype=float)
    except (TypeError, ValueError) as exc:
        raise AssertionError(f"{what} is not numeric: {type(actual).__name__} ({exc})") from None
    expected = np.asarray(expected, dtype=float)
    if actual_array.shape != expected.shape:
        raise AssertionError(f"{what} has shape {actual_array.shape}, expected {expected.shape}")
    if not np.allclose(actual_array, expected, rtol=rtol, atol=atol):
        worst = np.max(np.abs(actual_array - expected))
        raise AssertionError(f"{what} differs (largest difference {worst:.3g}): {actual_array!r:.120}")


def is_array(value, what="result"):
    if not isinstance(value, (np.ndarray, np.generic)):
        raise AssertionError(f"{what} is a {type(value).__name__}, not a NumPy array")


@contextlib.contextmanager
def unchanged(**arrays):
    """Fail if the block changes any of the named arrays in place."""
    before = {name: np.array(value, copy=True) for name, value in arrays.items()}
    yield
    for name, value in arrays.items():
        if np.shape(value) != before[name].shape or not np.array_equal(value, before[name], equal_nan=True):
            raise AssertionError(f"the answer changed its input {name} in place")


def run(graph, node, feed):
    with graph.as_default():
        init = tf.global_variables_initializer()
    with tf.Session(graph=graph) as sess:
        sess.run(init)
        return sess.run(node, feed_dict=feed)


def graph_answer(fn, shapes, rng, expected, scale=1.0):
    """Build fn(*placeholders) in a fresh graph, run it on random data (standard normal times `scale`,
    one number or one per input), compare with expected(*arrays)."""
    graph = tf.Graph()
    with graph.as_default():
        nodes = [tf.placeholder(tf.float64, shape=shape, name=f"in{i}") for i, shape in enumerate(shapes)]
        result = fn(*nodes)
    if not isinstance(result, Node):
        raise AssertionError(f"returned {type(result).__name__}, not a graph node")
    if result.graph is not graph:
        raise AssertionError("returned a node of another graph (not built from the arguments)")
    scales = scale if isinstance(scale, (list, tuple)) else [scale] * len(shapes)
    arrays = [rng.normal(size=shape) * s for shape, s in zip(shapes, scales)]
    feed = dict(zip(nodes, [a.copy() for a in arrays]))
    close(run(graph, result, feed), expected(*arrays))


def sigmoid(s):
    e = np.exp(-np.abs(s))
    return np.where(s >= 0, 1 / (1 + e), e / (1 + e))


def softmax_rows(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def log_softmax_rows(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


# --- graphs and orders ------------------------------------------------------------------------------


def ancestors(target):
    seen, stack = set(), [target]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(node.inputs)
    return seen


def topological(target):
    """target's ancestors in creation order, which is topological (a node's inputs exist before it)."""
    return sorted(ancestors(target), key=lambda node: node.index)


def check_order(order, target, backwards=False):
    """order lists target's ancestors once each, every node after its inputs (backwards: before them)."""
    if not isinstance(order, list):
        raise AssertionError(f"returned a {type(order).__name__}, not a list")
    needed = ancestors(target)
    if not all(isinstance(node, Node) for node in order):
        raise AssertionError("the list holds something that is not a node")
    if len(set(order)) != len(order):
        raise AssertionError(f"a node appears twice ({len(order)} entries, {len(set(order))} different nodes)")
    if set(order) != needed:
        missing = [n.name for n in needed - set(order)]
        extra = [n.name for n in set(order) - needed]
        raise AssertionError(f"wrong nodes: missing {missing}, not needed {extra}")
    position = {node: i for i, node in enumerate(order)}
    for node in order:
        for inp in node.inputs:
            if (position[inp] < position[node]) == backwards:
                relation = "before" if backwards else "after"
                raise AssertionError(f"{inp.name} comes {relation} {node.name}, which uses it")
    if backwards and order[0] is not target:
        raise AssertionError("the loss is not first")


def doubling_chain(depth):
    """h_(k+1) = h_k + h_k: depth + 1 nodes, 2^depth paths."""
    h = tf.placeholder(tf.float64, shape=(), name="h0")
    first = h
    for k in range(depth):
        h = tf.add(h, h, name=f"h{k + 1}")
    return first, h


class CountedAdd(Operation):
    """x + y, counting how often it is computed."""

    calls = 0

    def compute(self, x, y):
        CountedAdd.calls += 1
        return x + y


class Unregistered(Operation):
    """An op with no gradient function at all."""

    def compute(self, x):
        return x * 1.0


def forward_values(order, feed):
    """Our own forward pass: {node: value} in topological `order`."""
    values = {}
    for node in order:
        if isinstance(node, Placeholder):
            values[node] = np.asarray(feed[node])
        elif isinstance(node, Variable):
            values[node] = node.initial_value
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = np.asarray(node.compute(*[values[i] for i in node.inputs]))
    return values


# === lesson 1 ========================================================================================


@probe("01-affine-graph")
def _affine_graph(t):
    fn = t.answer["affine"]
    rng = np.random.default_rng(11)

    def lesson_example():
        graph = tf.Graph()
        with graph.as_default():
            A = tf.placeholder(tf.float64, shape=(2, 2), name="A")
            x = tf.placeholder(tf.float64, shape=(2, 1), name="x")
            b = tf.placeholder(tf.float64, shape=(2, 1), name="b")
            node = fn(A, x, b)
        if not isinstance(node, Node) or node.graph is not graph:
            raise AssertionError("did not return a node of the arguments' graph")
        feed = {A: [[1.0, 0.0], [0.0, -1.0]], x: [[1.0], [2.0]], b: [[1.0], [1.0]]}
        close(run(graph, node, feed), [[2.0], [-1.0]])

    t.case("the lesson's example", lesson_example)
    for name, shapes in [
        ("A 3x2", [(3, 2), (2, 1), (3, 1)]),
        ("x with three columns", [(2, 2), (2, 3), (2, 1)]),
        ("A 3x2, x with three columns", [(3, 2), (2, 3), (3, 1)]),
        ("A 2x2 not symmetric", [(2, 2), (2, 1), (2, 1)]),
    ]:
        t.case(name, lambda shapes=shapes: graph_answer(fn, shapes, rng, lambda A, x, b: A @ x + b))


@probe("01-squared-difference")
def _squared_difference(t):
    cls = t.answer["SquaredDifference"]
    rng = np.random.default_rng(12)
    pairs = [
        ("same shapes (2, 3)", rng.normal(size=(2, 3)), rng.normal(size=(2, 3))),
        ("(2, 3) and (3,) broadcast", rng.normal(size=(2, 3)), rng.normal(size=3)),
        ("(3,) and (2, 3) broadcast", rng.normal(size=3), rng.normal(size=(2, 3))),
        ("numbers", np.array(1.5), np.array(4.0)),
        ("x smaller than y", np.array([-3.0, 0.0, 1.0]), np.array([2.0, 5.0, 1.5])),
    ]

    def direct(x, y):
        graph = tf.Graph()
        with graph.as_default():
            node = cls(tf.placeholder(tf.float64), tf.placeholder(tf.float64))
        xc, yc = x.copy(), y.copy()
        with unchanged(x=xc, y=yc):
            result = node.compute(xc, yc)
        close(result, (x - y) ** 2)

    def in_session(x, y):
        graph = tf.Graph()
        with graph.as_default():
            px, py = tf.placeholder(tf.float64, name="x"), tf.placeholder(tf.float64, name="y")
            node = cls(px, py)
        if node.op_type != "SquaredDifference":
            raise AssertionError(f"op type {node.op_type}")
        xc, yc = x.copy(), y.copy()
        with unchanged(x=xc, y=yc):
            close(run(graph, node, {px: xc, py: yc}), (x - y) ** 2)

    def constants(x, y):
        graph = tf.Graph()
        with graph.as_default():
            node = cls(tf.constant(x, dtype=tf.float64), tf.constant(y, dtype=tf.float64))
        close(run(graph, node, {}), (x - y) ** 2)

    for name, x, y in pairs:
        t.case(f"compute: {name}", lambda x=x, y=y: direct(x, y))
        t.case(f"session: {name}", lambda x=x, y=y: in_session(x, y))
    t.case("session on constants", lambda: constants(np.array([1.0, 2.0]), np.array([[0.5], [3.0]])))


@probe("01-run-order")
def _run_order(t):
    fn = t.answer["run_order"]

    def on(build, seconds=5.0):
        def attempt():
            graph = tf.Graph()
            with graph.as_default():
                target = build()
            check_order(fn(target), target)

        return attempt

    def used_three_times():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(tf.multiply(x, x, name="xx"), x, name="y")

    def chain_of_four():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(tf.negative(tf.multiply(tf.exp(x), 2.0)), 1.0, name="y")

    def unneeded_nodes():
        x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
        W = tf.Variable(np.ones((2, 2)), name="W")
        tf.exp(x, name="leftover")
        scores = tf.matmul(x, W, name="scores")
        loss = tf.reduce_sum(scores, name="loss")
        tf.argmax(scores, axis=1, name="prediction")  # uses the target's inputs, created afterwards
        tf.multiply(loss, 2.0, name="double_loss")
        return loss

    def branches_meet_short_first():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(x, tf.sigmoid(tf.exp(x, name="a"), name="b"), name="c")

    def branches_meet_long_first():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(tf.sigmoid(tf.exp(x, name="a"), name="b"), x, name="c")

    def affine_lesson_graph():
        A = tf.Variable([[1.0, 0.0], [0.0, -1.0]], name="A")
        b = tf.Variable([[1.0], [1.0]], name="b")
        x = tf.placeholder(tf.float32, shape=(2, 1), name="x")
        return tf.add(tf.matmul(A, x, name="Ax"), b, name="z")

    def diamond_with_constants():
        x = tf.placeholder(tf.float64, name="x")
        return tf.multiply(x * 2.0, x + 3.0, name="w")

    def placeholder_alone():
        return tf.placeholder(tf.float64, name="x")

    t.case("a node used three times", on(used_three_times))
    t.case("a chain of four operations", on(chain_of_four))
    t.case("nodes the target does not need", on(unneeded_nodes))
    t.case("two branches meet (short branch first)", on(branches_meet_short_first))
    t.case("two branches meet (long branch first)", on(branches_meet_long_first))
    t.case("the lesson's graph z = A x + b", on(affine_lesson_graph))
    t.case("a diamond with constants", on(diamond_with_constants))
    t.case("the target is a placeholder", on(placeholder_alone))
    t.case("h(k+1) = h(k) + h(k), 24 deep, within 2 s", on(lambda: doubling_chain(24)[1]), seconds=2.0)

    def op_branches_meet():
        e = tf.exp(tf.placeholder(tf.float64, name="x"), name="e")
        return tf.add(e, tf.sigmoid(tf.square(e, name="sq"), name="s"), name="c")

    t.case("two branches from one op meet", on(op_branches_meet))

    def two_calls():
        for build in (used_three_times, diamond_with_constants):
            graph = tf.Graph()
            with graph.as_default():
                target = build()
            check_order(fn(target), target)

    def two_targets_one_graph():
        graph = tf.Graph()
        with graph.as_default():
            z = affine_lesson_graph()
        Ax = z.inputs[0]
        check_order(fn(Ax), Ax)
        check_order(fn(z), z)
        check_order(fn(z), z)

    t.case("two calls in a row", two_calls)
    t.case("two targets in one graph, and the same target twice", two_targets_one_graph)


@probe("01-forward-pass")
def _forward_pass(t):
    fn = t.answer["forward"]
    rng = np.random.default_rng(14)

    def compare(build, make_feed):
        graph = tf.Graph()
        with graph.as_default():
            target, placeholders = build()
        order = topological(target)
        feed = dict(zip(placeholders, make_feed()))
        copies = {node: value.copy() for node, value in feed.items()}
        result = fn(order, feed)
        for node, value in feed.items():
            if not np.array_equal(value, copies[node]):
                raise AssertionError(f"the fed value of {node.name} was changed in place")
        if not isinstance(result, dict):
            raise AssertionError(f"returned a {type(result).__name__}, not a dict")
        if set(result) != set(order):
            raise AssertionError(f"the dict has {len(result)} keys; the order has {len(order)} nodes")
        expected = forward_values(order, copies)
        session_value = run(graph, target, copies)  # the session agrees with our forward pass
        close(expected[target], session_value, "our own forward pass (sanity)")
        for node in order:
            close(result[node], expected[node], f"value of {node.name}")

    def lesson_graph():
        A = tf.Variable([[1.0, 0.0], [0.0, -1.0]], name="A")
        b = tf.Variable([[1.0], [1.0]], name="b")
        x = tf.placeholder(tf.float64, shape=(2, 1), name="x")
        return tf.add(tf.matmul(A, x, name="Ax"), b, name="z"), [x]

    def with_constants():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(x * 2.0, tf.constant([1.0, -1.0, 0.5], dtype=tf.float64), name="y"), [x]

    def used_three_times():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(tf.multiply(x, x), x, name="y"), [x]

    def two_placeholders():
        x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
        c = tf.placeholder(tf.float64, shape=(None, 2), name="c")
        W = tf.Variable(np.array([[1.0, -2.0], [0.5, 3.0]]), name="W")
        p = tf.nn.softmax(tf.matmul(x, W))
        return tf.negative(tf.reduce_sum(c * tf.log(p))), [x, c]

    t.case("the lesson's graph", lambda: compare(lesson_graph, lambda: [np.array([[1.0], [2.0]])]))
    t.case("constants from plain numbers", lambda: compare(with_constants, lambda: [rng.normal(size=3)]))
    t.case("a node used three times", lambda: compare(used_three_times, lambda: [rng.normal(size=(2, 2))]))
    t.case(
        "two placeholders, a variable, a loss",
        lambda: compare(two_placeholders, lambda: [rng.normal(size=(4, 2)), np.eye(2)[[0, 1, 1, 0]]]),
    )
    t.case(
        "only a placeholder",
        lambda: compare(lambda: (lambda x: (x, [x]))(tf.placeholder(tf.float64)), lambda: [np.ones(2)]),
    )

    def each_node_once():
        graph = tf.Graph()
        with graph.as_default():
            h = tf.placeholder(tf.float64, shape=(), name="h0")
            first = h
            for _ in range(20):
                h = CountedAdd(h, h)
        CountedAdd.calls = 0
        result = fn(topological(h), {first: np.array(1.0)})
        close(result[h], 2.0**20, "h20")
        if CountedAdd.calls != 20:
            raise AssertionError(f"20 ops were computed {CountedAdd.calls} times")

    t.case("h(k+1) = h(k) + h(k): each node computed once", each_node_once, seconds=3.0)


# === lesson 2 ========================================================================================


@probe("02-sigmoid")
def _sigmoid(t):
    fn = t.answer["sigmoid"]
    rng = np.random.default_rng(21)
    cases = [
        ("zero (0-d)", np.array(0.0)),
        ("a vector", np.linspace(-6, 6, 13)),
        ("a matrix", rng.normal(size=(3, 4)) * 4),
        ("three dimensions", rng.normal(size=(2, 2, 3))),
        ("scores of +-1000", np.array([-1000.0, 1000.0])),
        ("scores of +-30 and +-800", np.array([-800.0, -30.0, 30.0, 800.0])),
    ]
    for name, s in cases:

        def attempt(s=s):
            copy = s.copy()
            with unchanged(s=copy):
                result = fn(copy)
            close(result, sigmoid(s), rtol=1e-7, atol=1e-12)

        t.case(name, attempt)


@probe("02-softmax")
def _softmax(t):
    fn = t.answer["softmax"]
    rng = np.random.default_rng(22)
    cases = [
        ("3 rows, 4 classes", rng.normal(size=(3, 4))),
        ("one row", rng.normal(size=(1, 3))),
        ("one column", rng.normal(size=(5, 1))),
        ("square 3x3", rng.normal(size=(3, 3)) * 2),
        ("two classes", rng.normal(size=(4, 2))),
        ("the lesson's [1000, 1001, 1002]", np.array([[1000.0, 1001.0, 1002.0]])),
        ("rows at +1000 and -1000", np.array([[1000.0, 1001.0], [-1000.0, -999.0]])),
        ("a gap of 800 in a row", np.array([[0.0, 800.0, 1.0]])),
        ("one score far above the mean", np.array([[0.0, 0.0, 0.0, 1500.0]])),
    ]
    for name, z in cases:

        def attempt(z=z):
            copy = z.copy()
            with unchanged(z=copy):
                result = fn(copy)
            close(result, softmax_rows(z), atol=1e-12)

        t.case(name, attempt)


@probe("02-affine")
def _affine_batch(t):
    fn = t.answer["affine"]
    rng = np.random.default_rng(23)
    for n, k in [(5, 3), (1, 3), (2, 2), (4, 1), (3, 2)]:
        t.case(
            f"x ({n}, 2), W (2, {k}), b ({k},)",
            lambda n=n, k=k: graph_answer(fn, [(n, 2), (2, k), (k,)], rng, lambda x, W, b: x @ W + b),
        )

    def batch_of_unknown_size():
        graph = tf.Graph()
        with graph.as_default():
            x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
            W = tf.Variable(rng.normal(size=(2, 3)), name="W")
            b = tf.Variable(rng.normal(size=3), name="b")
            node = fn(x, W, b)
        data = rng.normal(size=(6, 2))
        close(run(graph, node, {x: data}), data @ W.initial_value + b.initial_value)

    t.case("a placeholder (None, 2) and variables", batch_of_unknown_size)


@probe("02-probabilities")
def _probabilities(t):
    fn = t.answer["probabilities"]
    rng = np.random.default_rng(24)
    for n, k in [(5, 3), (1, 3), (2, 2), (4, 2)]:
        t.case(
            f"x ({n}, 2), W (2, {k}), b ({k},)",
            lambda n=n, k=k: graph_answer(fn, [(n, 2), (2, k), (k,)], rng, lambda x, W, b: softmax_rows(x @ W + b)),
        )
    t.case(
        "large scores (weights x 400, as in lesson 3)",
        lambda: graph_answer(
            fn, [(6, 2), (2, 3), (3,)], rng, lambda x, W, b: softmax_rows(x @ W + b), scale=[2.0, 400.0, 1.0]
        ),
    )


# === lesson 3 ========================================================================================


def _probability_rows(rng, n, k):
    return rng.dirichlet(np.ones(k), size=n)


@probe("03-error-rate")
def _error_rate(t):
    fn = t.answer["error_rate"]
    rng = np.random.default_rng(31)

    def attempt(p, y):
        pc, yc = p.copy(), y.copy()
        with unchanged(p=pc, y=yc):
            result = fn(pc, yc)
        if np.ndim(result) != 0:
            raise AssertionError(f"returned shape {np.shape(result)}, not a number")
        close(result, np.mean(np.argmax(p, axis=1) != y))

    p2 = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7], [0.55, 0.45], [0.1, 0.9], [0.7, 0.3]])
    y2 = np.array([0, 1, 1, 1, 0, 0, 0])  # 2 mistakes of 7
    p3 = _probability_rows(rng, 9, 3)
    y3 = np.argmax(p3, axis=1)
    y3[[1, 4, 7]] = (y3[[1, 4, 7]] + 1) % 3  # 3 mistakes of 9
    t.case("two classes, 2 of 7 wrong", lambda: attempt(p2, y2))
    t.case("three classes, 3 of 9 wrong", lambda: attempt(p3, y3))
    t.case("one example, wrong", lambda: attempt(np.array([[0.2, 0.5, 0.3]]), np.array([2])))
    t.case("no mistakes", lambda: attempt(p3, np.argmax(p3, axis=1)))
    t.case("all wrong", lambda: attempt(p2, 1 - np.argmax(p2, axis=1)))


@probe("03-cross-entropy")
def _cross_entropy(t):
    fn = t.answer["cross_entropy"]
    rng = np.random.default_rng(32)

    def attempt(p, labels):
        y = np.eye(p.shape[1])[labels]
        pc, yc = p.copy(), y.copy()
        with unchanged(p=pc, y=yc):
            result = fn(pc, yc)
        if np.ndim(result) != 0:
            raise AssertionError(f"returned shape {np.shape(result)}, not a number")
        expected = -np.mean(np.log(p[np.arange(len(p)), labels]))
        close(result, expected, rtol=1e-9)

    t.case("two classes", lambda: attempt(_probability_rows(rng, 6, 2), np.array([0, 1, 1, 0, 1, 0])))
    t.case("three classes", lambda: attempt(_probability_rows(rng, 5, 3), np.array([0, 2, 1, 2, 0])))
    t.case("one example", lambda: attempt(np.array([[0.2, 0.5, 0.3]]), np.array([1])))
    t.case(
        "a confident mistake",
        lambda: attempt(np.array([[0.99, 0.01], [0.3, 0.7], [0.05, 0.95]]), np.array([1, 1, 1])),
    )


@probe("03-nll-graph")
def _nll_graph(t):
    fn = t.answer["negative_log_likelihood"]
    rng = np.random.default_rng(33)

    def attempt(n, k):
        graph = tf.Graph()
        with graph.as_default():
            p = tf.placeholder(tf.float64, shape=(n, k), name="p")
            c = tf.placeholder(tf.float64, shape=(n, k), name="c")
            node = fn(p, c)
        if not isinstance(node, Node) or node.graph is not graph:
            raise AssertionError("did not return a node built from p and c")
        probabilities = _probability_rows(rng, n, k)
        labels = np.eye(k)[rng.integers(0, k, size=n)]
        close(run(graph, node, {p: probabilities, c: labels}), -np.sum(labels * np.log(probabilities)))

    for n, k in [(4, 2), (5, 3), (1, 2), (100, 2)]:
        t.case(f"{n} examples, {k} classes", lambda n=n, k=k: attempt(n, k))


@probe("03-log-softmax")
def _log_softmax(t):
    fn = t.answer["log_softmax"]
    rng = np.random.default_rng(34)
    cases = [
        ("3 rows, 4 classes", rng.normal(size=(3, 4))),
        ("square 3x3", rng.normal(size=(3, 3)) * 3),
        ("one row", rng.normal(size=(1, 5))),
        ("one column", rng.normal(size=(4, 1))),
        ("scores of 1000", np.array([[1000.0, 1001.0, 1002.0]])),
        ("a gap of 800", np.array([[0.0, -800.0], [800.0, 0.0]])),
        ("rows at +1000 and -1000", np.array([[1000.0, 1001.0], [-1000.0, -999.0]])),
    ]
    for name, z in cases:

        def attempt(z=z):
            copy = z.copy()
            with unchanged(z=copy):
                result = fn(copy)
            close(result, log_softmax_rows(z), rtol=1e-9, atol=1e-9)

        t.case(name, attempt)


@probe("03-fused-loss")
def _fused_loss(t):
    fn = t.answer["mean_cross_entropy"]
    rng = np.random.default_rng(35)

    def attempt(n, k, scale=1.0):
        graph = tf.Graph()
        with graph.as_default():
            scores = tf.placeholder(tf.float64, shape=(None, k), name="scores")
            c = tf.placeholder(tf.float64, shape=(None, k), name="c")
            node = fn(scores, c)
        if not isinstance(node, Node) or node.graph is not graph:
            raise AssertionError("did not return a node built from scores and c")
        z = rng.normal(size=(n, k)) * scale
        labels = np.eye(k)[rng.integers(0, k, size=n)]
        close(run(graph, node, {scores: z, c: labels}), -np.mean(np.sum(labels * log_softmax_rows(z), axis=1)))

    for n, k in [(4, 2), (7, 3), (1, 3), (100, 2)]:
        t.case(f"{n} examples, {k} classes", lambda n=n, k=k: attempt(n, k))
    t.case("scores in the thousands", lambda: attempt(6, 2, scale=1500.0))


# === lesson 4 ========================================================================================


@probe("04-gd-step")
def _gd_step(t):
    fn = t.answer["gd_step"]
    rng = np.random.default_rng(41)
    cases = [
        ("a vector, lr 0.1", rng.normal(size=4), rng.normal(size=4), 0.1),
        ("a matrix, lr 0.5", rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), 0.5),
        ("a 0-d array, lr 0.3", np.array(1.5), np.array(-2.0), 0.3),
        ("lr 1", rng.normal(size=3), rng.normal(size=3), 1.0),
        ("lr 0.01, column vector", rng.normal(size=(3, 1)), rng.normal(size=(3, 1)), 0.01),
    ]
    for name, w, grad, lr in cases:

        def attempt(w=w, grad=grad, lr=lr):
            wc, gc = w.copy(), grad.copy()
            with unchanged(w=wc, grad=gc):
                result = fn(wc, gc, lr)
            is_array(result)
            close(result, w - lr * grad)

        t.case(name, attempt)


def _gradient_call(fn, node, input_values, output_value, grad):
    """Call a gradient function the way backpropagation does, with its inputs guarded."""
    copies = [np.array(v, copy=True) for v in input_values]
    grad_copy = np.array(grad, copy=True)
    arrays = {f"input {i}": v for i, v in enumerate(copies)}
    with unchanged(grad=grad_copy, **arrays):
        result = fn(OpValues(node, copies, np.array(output_value, copy=True)), grad_copy)
    if isinstance(result, Node) or (isinstance(result, (list, tuple)) and any(isinstance(r, Node) for r in result)):
        raise AssertionError("returned graph nodes, not arrays")
    return gradient_list(node, copies, result)  # the library's own reading of the result


@contextlib.contextmanager
def gradient_registered(op_type, fn):
    """Register fn for op_type for the block, then restore the library's registry."""
    had, previous = op_type in _GRADIENTS, _GRADIENTS.get(op_type)
    _GRADIENTS[op_type] = fn
    try:
        yield
    finally:
        if had:
            _GRADIENTS[op_type] = previous
        else:
            _GRADIENTS.pop(op_type, None)


@probe("04-sigmoid-grad")
def _sigmoid_grad(t):
    fn = t.answer["sigmoid_grad"]
    rng = np.random.default_rng(42)
    cases = [
        ("a vector", np.linspace(-5, 5, 11)),
        ("a matrix", rng.normal(size=(3, 4)) * 3),
        ("a 0-d value", np.array(0.7)),
        ("inputs of +-800 and +-1000", np.array([-1000.0, -800.0, 800.0, 1000.0])),
    ]
    for name, a in cases:

        def attempt(a=a):
            graph = tf.Graph()
            with graph.as_default():
                node = tf.sigmoid(tf.placeholder(tf.float64, name="a"))
            s = sigmoid(a)
            grad = rng.normal(size=a.shape)
            (result,) = _gradient_call(fn, node, [a], s, grad)
            close(result, grad * s * (1 - s), atol=1e-12)

        t.case(name, attempt)

    def end_to_end():
        graph = tf.Graph()
        with graph.as_default():
            x = tf.Variable(np.linspace(-3, 3, 7), name="x")
            weights = np.linspace(1, 2, 7)
            loss = tf.reduce_sum(tf.sigmoid(x) * weights)
            (dx,) = tf.gradients(loss, [x])
        with gradient_registered("Sigmoid", fn):
            value = run(graph, dx, {})
        s = sigmoid(np.linspace(-3, 3, 7))
        close(value, weights * s * (1 - s))

    t.case("registered, inside tf.gradients", end_to_end)


@probe("04-matmul-grad")
def _matmul_grad(t):
    fn = t.answer["matmul_grad"]
    rng = np.random.default_rng(43)
    for m, n, k in [(2, 3, 4), (3, 3, 3), (1, 3, 1), (4, 2, 2), (5, 1, 3)]:

        def attempt(m=m, n=n, k=k):
            graph = tf.Graph()
            with graph.as_default():
                node = tf.matmul(tf.placeholder(tf.float64, name="A"), tf.placeholder(tf.float64, name="B"))
            A, B, grad = rng.normal(size=(m, n)), rng.normal(size=(n, k)), rng.normal(size=(m, k))
            result = _gradient_call(fn, node, [A, B], A @ B, grad)
            close(result[0], grad @ B.T, "dA")
            close(result[1], A.T @ grad, "dB")

        t.case(f"A ({m}, {n}) @ B ({n}, {k})", attempt)


@probe("04-softplus-grad")
def _softplus_grad(t):
    fn = t.answer["softplus_grad"]
    softplus_class = t.answer["Softplus"]
    rng = np.random.default_rng(44)
    cases = [
        ("from -4 to 4", np.linspace(-4, 4, 9)),
        ("a matrix", rng.normal(size=(2, 3)) * 5),
        ("a 0-d value", np.array(-0.3)),
        ("inputs of +-800", np.array([-800.0, 0.0, 800.0])),
    ]
    for name, a in cases:

        def attempt(a=a):
            graph = tf.Graph()
            with graph.as_default():
                node = softplus_class(tf.placeholder(tf.float64, name="a"))
            grad = rng.normal(size=a.shape)
            (result,) = _gradient_call(fn, node, [a], np.logaddexp(0.0, a), grad)
            close(result, grad * sigmoid(a), atol=1e-12)

        t.case(name, attempt)

    def registered():
        graph = tf.Graph()
        with graph.as_default():
            a = tf.Variable(np.array([-800.0, -4.0, -1.0, 0.0, 2.0, 800.0]), name="a")
            weights = np.linspace(1.0, 2.0, 6)
            loss = tf.reduce_sum(softplus_class(a) * weights)
            (da,) = tf.gradients(loss, [a])
        close(run(graph, da, {}), weights * sigmoid(a.initial_value))

    t.case("registered for Softplus: tf.gradients uses it", registered)


@probe("04-backprop-order")
def _backprop_order(t):
    fn = t.answer["backprop_order"]

    def on(build):
        def attempt():
            graph = tf.Graph()
            with graph.as_default():
                loss = build()
            check_order(fn(loss), loss, backwards=True)

        return attempt

    def lesson_chain():
        x = tf.placeholder(tf.float64, shape=(3,), name="x")
        h = tf.sigmoid(x, name="h")
        return tf.reduce_sum(tf.multiply(h, h, name="h_squared") + tf.multiply(2.0, h, name="two_h"), name="L")

    def breadth_first_trap():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(x, tf.sigmoid(tf.exp(x, name="a"), name="b"), name="loss")

    def first_input_feeds_second():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(x, tf.square(x, name="sq"), name="loss")

    def second_input_feeds_first():
        x = tf.placeholder(tf.float64, name="x")
        return tf.add(tf.square(x, name="sq"), x, name="loss")

    def perceptron_with_extras():
        points = tf.placeholder(tf.float64, shape=(None, 2), name="points")
        labels = tf.placeholder(tf.float64, shape=(None, 2), name="labels")
        W = tf.Variable(np.ones((2, 2)), name="W")
        b = tf.Variable(np.zeros(2), name="b")
        scores = tf.add(tf.matmul(points, W), b, name="scores")
        tf.nn.softmax(scores, name="probabilities")
        loss = tf.reduce_sum(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=scores), name="J")
        tf.equal(tf.argmax(scores, axis=1), tf.argmax(labels, axis=1), name="correct")
        return loss

    def op_feeds_two_branches():
        e = tf.exp(tf.placeholder(tf.float64, name="x"), name="e")
        return tf.add(e, tf.sigmoid(e, name="s"), name="loss")

    t.case("the lesson's graph (h used three times)", on(lesson_chain))
    t.case("an op's output feeds two branches of different lengths", on(op_feeds_two_branches))
    t.case("breadth-first trap: branches of different lengths", on(breadth_first_trap))
    t.case("an op's first input also feeds its second", on(first_input_feeds_second))
    t.case("an op's second input also feeds its first", on(second_input_feeds_first))
    t.case("perceptron, with nodes the loss does not need", on(perceptron_with_extras))
    t.case("the loss is a placeholder", on(lambda: tf.placeholder(tf.float64, name="x")))
    t.case("h(k+1) = h(k) + h(k), 24 deep, within 2 s", on(lambda: doubling_chain(24)[1]), seconds=2.0)

    def two_calls():
        for build in (lesson_chain, breadth_first_trap):
            on(build)()

    def same_graph_twice():
        graph = tf.Graph()
        with graph.as_default():
            loss = perceptron_with_extras()
        scores = loss.inputs[0].inputs[1]
        check_order(fn(scores), scores, backwards=True)
        check_order(fn(loss), loss, backwards=True)
        check_order(fn(loss), loss, backwards=True)

    t.case("two calls in a row", two_calls)
    t.case("two losses in one graph, and the same loss twice", same_graph_twice)


@probe("04-backward-pass")
def _backward_pass(t):
    fn = t.answer["backward_pass"]
    reference = t.reference["backward_pass"]
    rng = np.random.default_rng(45)

    def attempt(build):
        graph = tf.Graph()
        with graph.as_default():
            loss, feed, variables = build()
        order = topological(loss)
        values = forward_values(order, feed)
        ops = [node for node in reversed(order) if isinstance(node, Operation)]
        expected = reference(list(ops), values, loss)
        with graph.as_default():  # our reference agrees with the library's backpropagation
            library = tf.gradients(loss, variables)
        for var, node in zip(variables, library):
            close(expected[var], run(graph, node, feed), f"reference gradient of {var.name} (sanity)")
        snapshot = {node: np.array(value, copy=True) for node, value in values.items()}
        result = fn(list(ops), values, loss)
        for node, value in values.items():
            if not np.array_equal(value, snapshot[node], equal_nan=True):
                raise AssertionError(f"the forward value of {node.name} was changed in place")
        if not isinstance(result, dict):
            raise AssertionError(f"returned a {type(result).__name__}, not a dict")
        if set(result) != set(expected):
            missing = sorted(n.name for n in set(expected) - set(result))
            extra = sorted(n.name for n in set(result) - set(expected))
            raise AssertionError(f"nodes reached: missing {missing}, unexpected {extra}")
        for node, value in expected.items():
            close(result[node], value, f"gradient of {node.name}")

    def lesson_chain():
        x = tf.Variable(np.array([-1.0, 0.5, 2.0]), name="x")
        h = tf.sigmoid(x, name="h")
        loss = tf.reduce_sum(tf.multiply(h, h, name="h_squared") + tf.multiply(2.0, h, name="two_h"), name="L")
        return loss, {}, [x]

    def perceptron():
        points = tf.placeholder(tf.float64, shape=(None, 2), name="points")
        labels = tf.placeholder(tf.float64, shape=(None, 2), name="labels")
        W = tf.Variable(rng.normal(size=(2, 2)), name="W")
        b = tf.Variable(rng.normal(size=2), name="b")
        scores = tf.add(tf.matmul(points, W), b, name="scores")
        losses = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=scores, name="losses")
        feed = {points: rng.normal(size=(6, 2)), labels: np.eye(2)[[0, 1, 1, 0, 1, 0]]}
        return tf.reduce_sum(losses, name="J"), feed, [W, b]

    def share_into_an_add():
        x = tf.Variable(np.array([0.3, -1.2, 2.0]), name="x")
        z = tf.add(x, tf.sigmoid(x, name="s"), name="z")
        return tf.reduce_sum(z, name="L"), {}, [x]

    def argmax_reached():
        x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
        W = tf.Variable(rng.normal(size=(2, 3)), name="W")
        v = tf.Variable(rng.normal(size=4), name="v")
        s = tf.matmul(x, W, name="s")
        k = tf.argmax(s, axis=1, name="k")
        loss = tf.add(tf.reduce_sum(k * v), tf.reduce_sum(s * s), name="loss")
        return loss, {x: rng.normal(size=(4, 2))}, [W, v]

    def cast_returns_none():
        x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
        labels = tf.placeholder(tf.float64, shape=(None, 3), name="labels")
        W = tf.Variable(rng.normal(size=(2, 3)), name="W")
        s = tf.matmul(x, W, name="s")
        correct = tf.cast(tf.equal(tf.argmax(s, axis=1), tf.argmax(labels, axis=1)), tf.float64, name="correct")
        loss = tf.reduce_sum(tf.reduce_sum(s, axis=1) * correct, name="loss")
        data = rng.normal(size=(5, 2))
        guesses = np.argmax(data @ W.initial_value, axis=1)
        guesses[[1, 3]] = (guesses[[1, 3]] + 1) % 3
        return loss, {x: data, labels: np.eye(3)[guesses]}, [W]

    def unreached_op_without_gradient():
        x = tf.Variable(rng.normal(size=(3, 2)), name="x")
        v = tf.Variable(rng.normal(size=3), name="v")
        side = tf.cast(tf.argmax(Unregistered(x, name="unregistered"), axis=1), tf.float64, name="side")
        loss = tf.add(tf.reduce_sum(x * x), tf.reduce_sum(side * v), name="loss")
        return loss, {}, [x, v]

    def unreached_differentiable_ops():
        x = tf.Variable(rng.normal(size=(3, 2)), name="x")
        v = tf.Variable(rng.normal(size=3), name="v")
        scaled = tf.multiply(tf.exp(x, name="exp"), 2.0, name="scaled")  # only feeds an argmax
        side = tf.cast(tf.argmax(scaled, axis=1), tf.float64, name="side")
        loss = tf.add(tf.reduce_sum(x * x), tf.reduce_sum(side * v), name="loss")
        return loss, {}, [x, v]

    t.case("the lesson's graph (h used three times)", lambda: attempt(lesson_chain))
    t.case("differentiable ops that no gradient reaches", lambda: attempt(unreached_differentiable_ops))
    t.case("perceptron with the fused loss", lambda: attempt(perceptron))
    t.case("a second share arrives after an Add's", lambda: attempt(share_into_an_add))
    t.case("an argmax that a gradient reaches, ops after it", lambda: attempt(argmax_reached))
    t.case("a cast whose gradient is None", lambda: attempt(cast_returns_none))
    t.case("an unreached op with no gradient function", lambda: attempt(unreached_op_without_gradient))


@probe("04-softmax-boundary")
def _softmax_boundary(t):
    fn = t.answer["boundary_y"]
    rng = np.random.default_rng(46)
    cases = [
        ("random weights", rng.normal(size=(2, 2)), rng.normal(size=2), np.linspace(-6, 6, 5)),
        (
            "the trained perceptron's kind of W",
            np.array([[-1.3, 1.1], [-0.8, 1.6]]),
            np.array([0.4, -0.2]),
            np.array([-6.0, 6.0]),
        ),
        ("one x", np.array([[0.5, -1.0], [2.0, 0.3]]), np.array([1.0, 2.0]), np.array([0.25])),
        ("W[1, 0] = 0", np.array([[1.0, -2.0], [0.0, 1.5]]), np.array([0.0, 3.0]), np.linspace(-2, 2, 4)),
    ]
    for name, W, b, xs in cases:

        def attempt(W=W, b=b, xs=xs):
            Wc, bc, xc = W.copy(), b.copy(), xs.copy()
            with unchanged(W=Wc, b=bc, xs=xc):
                result = fn(Wc, bc, xc)
            x2 = np.asarray(result, dtype=float)
            if x2.shape != xs.shape:
                raise AssertionError(f"returned shape {x2.shape} for xs of shape {xs.shape}")
            scores = np.column_stack([xs, x2]) @ W + b
            if not np.allclose(scores[:, 0], scores[:, 1], rtol=1e-9, atol=1e-9):
                raise AssertionError(f"the points are not where z0 = z1: z0 - z1 = {scores[:, 0] - scores[:, 1]}")

        t.case(name, attempt)


# === lesson 5 ========================================================================================


@probe("05-hidden-layer")
def _hidden_layer(t):
    fn = t.answer["hidden_layer"]
    rng = np.random.default_rng(51)
    for n, d, m, scale in [(5, 2, 2, 1.0), (4, 3, 4, 1.0), (1, 2, 3, 1.0), (6, 2, 2, 300.0)]:
        t.case(
            f"x ({n}, {d}), W ({d}, {m})" + (", large scores" if scale > 1 else ""),
            lambda n=n, d=d, m=m, scale=scale: graph_answer(
                fn, [(n, d), (d, m), (m,)], rng, lambda x, W, b: sigmoid(x @ W + b), scale=scale
            ),
        )


@probe("05-collapse")
def _collapse(t):
    fn = t.answer["collapse"]
    rng = np.random.default_rng(52)
    for d, m, k in [(2, 2, 2), (3, 4, 2), (2, 3, 5), (1, 1, 1)]:

        def attempt(d=d, m=m, k=k):
            W1, b1, W2, b2 = rng.normal(size=(d, m)), rng.normal(size=m), rng.normal(size=(m, k)), rng.normal(size=k)
            copies = [v.copy() for v in (W1, b1, W2, b2)]
            with unchanged(W1=copies[0], b1=copies[1], W2=copies[2], b2=copies[3]):
                result = fn(*copies)
            if len(result) != 2:
                raise AssertionError(f"returned {len(result)} things, not [W, b]")
            W, b = (np.asarray(r, dtype=float) for r in result)
            if W.shape != (d, k) or b.shape != (k,):
                raise AssertionError(f"shapes W {W.shape}, b {b.shape}; expected ({d}, {k}) and ({k},)")
            x = rng.normal(size=(6, d))
            close(x @ W + b, (x @ W1 + b1) @ W2 + b2, "x @ W + b")

        t.case(f"d={d}, m={m}, k={k}", attempt)


@probe("05-decision-map")
def _decision_map(t):
    fn = t.answer["decision_map"]

    def attempt(xs, ys):
        calls = []

        def predict(points):
            points = np.asarray(points, dtype=float)
            calls.append(points.shape)
            return 3.0 * points[:, 0] + points[:, 1] ** 2 + 0.1 * points[:, 0] * points[:, 1]

        xc, yc = xs.copy(), ys.copy()
        with unchanged(xs=xc, ys=yc):
            P = fn(predict, xc, yc)
        if len(calls) != 1:
            raise AssertionError(f"predict was called {len(calls)} times")
        expected = np.array([[3.0 * x + y**2 + 0.1 * x * y for x in xs] for y in ys])
        is_array(P, "P")
        close(P, expected, "P")

    t.case("3 xs, 5 ys", lambda: attempt(np.linspace(-1, 1, 3), np.linspace(0, 2, 5)))
    t.case("4 xs, 4 ys", lambda: attempt(np.array([-0.6, 0.1, 0.9, 1.6]), np.array([-0.5, 0.0, 0.7, 1.5])))
    t.case("1 x, 2 ys", lambda: attempt(np.array([0.3]), np.array([-1.0, 1.0])))
    t.case("30 xs, 20 ys", lambda: attempt(np.linspace(-0.6, 1.6, 30), np.linspace(-0.6, 1.6, 20)))


class RecordingSession:
    """A session that notes each run's fetches and feed, and otherwise is the session it wraps."""

    def __init__(self, session):
        self._session = session
        self.calls = []

    def run(self, fetches, feed_dict=None, **options):
        self.calls.append((fetches, {k: np.array(v, copy=True) for k, v in (feed_dict or {}).items()}))
        return self._session.run(fetches, feed_dict, **options)

    def __getattr__(self, name):
        return getattr(self._session, name)


@probe("05-train-epoch")
def _train_epoch(t):
    fn = t.answer["train_epoch"]
    reference = t.reference["train_epoch"]

    def attempt(n, batch_size, as_list):
        rng = np.random.default_rng(n * 100 + batch_size)
        graph = tf.Graph()
        with graph.as_default():
            x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
            labels = tf.placeholder(tf.float64, shape=(None, 2), name="labels")
            W = tf.Variable(rng.normal(size=(2, 2)), name="W")
            b = tf.Variable(np.zeros(2), name="b")
            logits = tf.matmul(x, W) + b
            loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
            train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
            init = tf.global_variables_initializer()
        X = rng.normal(size=(n, 2))
        Y = np.eye(2)[rng.integers(0, 2, size=n)]
        order = rng.permutation(n)
        order = [int(i) for i in order] if as_list else order
        n_batches = -(-n // batch_size)

        with tf.Session(graph=graph) as sess:
            sess.run(init)
            expected = reference(sess, train_op, loss, x, labels, X, Y, batch_size, list(order))
            expected_weights = sess.run([W, b])

        with tf.Session(graph=graph) as sess:
            sess.run(init)
            recorder = RecordingSession(sess)
            Xc, Yc = X.copy(), Y.copy()
            order_copy = list(order) if as_list else order.copy()
            with unchanged(X=Xc, Y=Yc, order=np.array(order_copy)):
                result = fn(recorder, train_op, loss, x, labels, Xc, Yc, batch_size, order_copy)
            if list(order_copy) != list(order):
                raise AssertionError("the answer changed `order` in place")
            weights = sess.run([W, b])
        if len(recorder.calls) != n_batches:
            raise AssertionError(f"{len(recorder.calls)} sess.run calls for {n_batches} batches")
        batches = [np.asarray(order)[start : start + batch_size] for start in range(0, n, batch_size)]
        for (fetches, feed), rows in zip(recorder.calls, batches):
            if isinstance(fetches, dict):
                fetched = list(fetches.values())
            else:
                fetched = fetches if isinstance(fetches, (list, tuple)) else [fetches]
            if not any(f is train_op for f in fetched) or not any(f is loss for f in fetched):
                raise AssertionError("a sess.run call did not fetch both the train op and the loss")
            if set(feed) != {x, labels}:
                raise AssertionError("a sess.run call fed something other than exactly x and labels")
            if feed[x].shape != X[rows].shape or not np.allclose(feed[x], X[rows]):
                raise AssertionError(f"a batch fed the rows of shape {feed[x].shape}, not X[order[...]]")
            if feed[labels].shape != Y[rows].shape or not np.allclose(feed[labels], Y[rows]):
                raise AssertionError("a batch fed labels that are not the rows of Y for its points")
        if not isinstance(result, (list, tuple, np.ndarray)) or len(result) != n_batches:
            raise AssertionError(f"returned {type(result).__name__} {result!r:.80}, not {n_batches} batch losses")
        close([float(v) for v in result], expected, "batch losses")
        close(weights[0], expected_weights[0], "W after the epoch")
        close(weights[1], expected_weights[1], "b after the epoch")

    t.case("10 rows in batches of 4", lambda: attempt(10, 4, as_list=True))
    t.case("12 rows in batches of 3 (order an array)", lambda: attempt(12, 3, as_list=False))
    t.case("5 rows, batch larger than the data", lambda: attempt(5, 8, as_list=True))
    t.case("7 rows in batches of 2", lambda: attempt(7, 2, as_list=False))


# === lesson 6 ========================================================================================


@probe("06-tape-gradients")
def _tape_gradients(t):
    fn = t.answer["tape_gradients"]
    reference = t.reference["tape_gradients"]
    ns = t.reference  # the notebook's Tensor, Tape and ops (the same objects in every namespace)
    Tensor, Tape = ns["Tensor"], ns["Tape"]
    add, multiply, sigmoid_op, reduce_sum = ns["add"], ns["multiply"], ns["sigmoid"], ns["reduce_sum"]

    def attempt(leaf_arrays, compute):
        with Tape() as tape:
            leaves = [Tensor(a) for a in leaf_arrays]
            output = compute(*leaves)
        records = list(tape.records)
        expected = reference(list(records), output)
        for i, leaf in enumerate(leaves):  # our reference agrees with central differences
            numeric = _central_difference(lambda arrays: float(compute(*map(Tensor, arrays)).data), leaf_arrays, i)
            close(expected[leaf], numeric, "reference (sanity)", rtol=1e-5, atol=1e-8)
        result = fn(tape.records, output)
        if len(tape.records) != len(records) or any(a is not b for a, b in zip(tape.records, records)):
            raise AssertionError("the answer changed the tape")
        if not isinstance(result, dict):
            raise AssertionError(f"returned a {type(result).__name__}, not a dict")
        missing = [e for e in expected if e not in result]
        extra = [r for r in result if r not in expected]
        if missing or extra:
            raise AssertionError(f"{len(missing)} tensors missing, {len(extra)} tensors that output does not need")
        for tensor, value in expected.items():
            close(result[tensor], value, "a gradient", rtol=1e-9)
        again = fn(tape.records, output)
        for tensor, value in expected.items():
            close(again[tensor], value, "a gradient on a second call", rtol=1e-9)

    def unrelated_records(x, y):
        sigmoid_op(y)  # recorded before the output, not used by it
        out = reduce_sum(add(multiply(x, y), x))
        add(out, out)  # recorded after the output
        sigmoid_op(x)
        return out

    def shrink(x):
        y = x
        while np.max(y.data) > 0.6:
            y = sigmoid_op(y) * y
        return reduce_sum(y)

    def lesson(x, w):
        return reduce_sum(sigmoid_op(x * w) + x)

    t.case("the lesson's example", lambda: attempt([[0.5, -1.0, 2.0], [1.5, 0.3, -0.4]], lesson))
    t.case("a tensor times itself", lambda: attempt([[1.0, -2.0, 0.5]], lambda x: reduce_sum(x * x)))
    t.case(
        "x + sigmoid(x): a share after an add's",
        lambda: attempt([[0.3, -1.2, 2.0]], lambda x: reduce_sum(x + sigmoid_op(x))),
    )
    t.case("records the output does not depend on", lambda: attempt([[0.2, 0.4], [1.0, -1.0]], unrelated_records))
    t.case("the lesson's shrink loop", lambda: attempt([[2.0, 3.0]], shrink))
    t.case("a single op", lambda: attempt([[1.0, 2.0, 3.0]], reduce_sum))


def _central_difference(f, arrays, i, eps=1e-6):
    """d f(arrays) / d arrays[i], by central differences, entry by entry."""
    arrays = [np.array(a, dtype=float) for a in arrays]
    gradient = np.zeros_like(arrays[i])
    for index in np.ndindex(arrays[i].shape):
        values = []
        for sign in (1, -1):
            nudged = [a.copy() for a in arrays]
            nudged[i][index] += sign * eps
            values.append(f(nudged))
        gradient[index] = (values[0] - values[1]) / (2 * eps)
    return gradient


@probe("06-torch-layout")
def _torch_layout(t):
    fn = t.answer["torch_linear_params"]
    rng = np.random.default_rng(62)
    for inputs, outputs in [(2, 2), (3, 2), (2, 5), (1, 4)]:

        def attempt(inputs=inputs, outputs=outputs):
            W, b = rng.normal(size=(inputs, outputs)), rng.normal(size=outputs)
            Wc, bc = W.copy(), b.copy()
            with unchanged(W=Wc, b=bc):
                result = fn(Wc, bc)
            if len(result) != 2:
                raise AssertionError(f"returned {len(result)} things, not [weight, bias]")
            weight, bias = result
            is_array(weight, "weight")
            is_array(bias, "bias")
            if weight.shape != (outputs, inputs) or bias.shape != (outputs,):
                raise AssertionError(f"shapes weight {weight.shape}, bias {bias.shape}")
            x = rng.normal(size=(5, inputs))
            close(x @ weight.T + bias, x @ W + b, "x @ weight.T + bias")

        t.case(f"{inputs} inputs, {outputs} outputs", attempt)


@probe("06-adam-torch")
def _adam_torch(t):
    fn = t.answer["adam_step_torch"]
    rng = np.random.default_rng(63)

    def torch_adam(w, g, m, v, t_, lr, beta1, beta2, eps):
        """PyTorch's documented order of operations (torch.optim.Adam, single tensor, no weight decay)."""
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        bias_correction1, bias_correction2 = 1 - beta1**t_, 1 - beta2**t_
        denom = np.sqrt(v) / math.sqrt(bias_correction2) + eps
        return [w - (lr / bias_correction1) * m / denom, m, v]

    def attempt(w, g, m, v, t_, lr, beta1=0.9, beta2=0.999, eps=1e-8, aliased=False):
        if aliased:
            m = v = w
        expected = torch_adam(np.copy(w), np.copy(g), np.copy(m), np.copy(v), t_, lr, beta1, beta2, eps)
        if aliased:
            args = (w, g, w, w)  # the lesson's cell passes one zeros array as w, m and v
        else:
            args = tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in (w, g, m, v))
        guarded = {f"arg{i}": a for i, a in enumerate(args) if isinstance(a, np.ndarray)}
        with unchanged(**guarded):
            result = fn(*args, t_, lr, beta1, beta2, eps)
        if len(result) != 3:
            raise AssertionError(f"returned {len(result)} things, not [w, m, v]")
        for name, got, want in zip(("w", "m", "v"), result, expected):
            close(got, want, f"new {name}", rtol=1e-9, atol=1e-15)

    g_sizes = np.array([1.0, 1e-4, 1e-6, 1e-7, 1e-8])
    zeros = np.zeros(5)
    t.case("first step, gradients from 1 to 1e-8", lambda: attempt(zeros, g_sizes, zeros, zeros, 1, 1.0))
    t.case(
        "step 3, a matrix",
        lambda: attempt(
            rng.normal(size=(2, 3)),
            rng.normal(size=(2, 3)),
            rng.normal(size=(2, 3)) * 0.1,
            rng.random(size=(2, 3)) * 0.01,
            3,
            0.01,
        ),
    )
    t.case("plain numbers, step 10", lambda: attempt(0.5, -0.2, 0.01, 0.001, 10, 0.1))
    t.case(
        "other betas and a large eps",
        lambda: attempt(
            np.ones(3), np.array([0.5, -2.0, 1e-3]), np.full(3, 0.2), np.full(3, 0.04), 2, 0.05, 0.5, 0.9, 1e-3
        ),
    )
    t.case(
        "w, m and v one zeros array (as the lesson calls it)",
        lambda: attempt(np.zeros(5), g_sizes, None, None, 1, 1.0, aliased=True),
    )


# --- oracles for our own references -----------------------------------------------------------------


def reference_sanity():
    """Independent checks of the helpers above, so that a wrong reference cannot pass unnoticed."""
    values = [-1000.0, -800.0, -30.0, -1.0, 0.0, 0.5, 30.0, 800.0]
    exact = [math.exp(v) / (1 + math.exp(v)) if v < 0 else 1 / (1 + math.exp(-v)) for v in values]
    assert np.allclose(sigmoid(np.array(values)), exact, rtol=1e-14, atol=0)
    z = np.random.default_rng(0).normal(size=(4, 3))
    naive = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    assert np.allclose(softmax_rows(z), naive) and np.allclose(log_softmax_rows(z), np.log(naive))
    assert np.allclose(log_softmax_rows(np.array([[0.0, -800.0]])), [[0.0, -800.0]])
    start = time.perf_counter()
    graph = tf.Graph()
    with graph.as_default():
        _, h = doubling_chain(24)
    assert len(topological(h)) == 25 and time.perf_counter() - start < 1.0
