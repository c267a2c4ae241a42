"""Compiled plans (deepslow/compiled.py): a plan that has run twice runs as straight-line Python.

Both back-ends call the same step functions, so every test compares a compiling session with
one made with compile_plans=False: the same values bit for bit, the same errors, the same commits."""

import traceback

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_properties import GRAPH_STEPS, NUMPY_OPS, array

import deepslow as ds
from deepslow import compiled, registry


@pytest.fixture(autouse=True)
def fresh_graph():
    ds.reset_default_graph()


def two_sessions():
    """A compiling session and an interpreting one, both initialized."""
    sessions = ds.Session(), ds.Session(compile_plans=False)
    for sess in sessions:
        sess.run(ds.global_variables_initializer())
    return sessions


def assert_same(a, b):
    """Equal structure and bit-for-bit equal arrays (None where the other is None)."""
    if isinstance(a, (list, tuple)):
        assert type(a) is type(b) and len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    elif a is None or b is None:
        assert a is None and b is None
    else:
        assert np.asarray(a).dtype == np.asarray(b).dtype
        np.testing.assert_array_equal(a, b)


def mlp(optimizer):
    x = ds.placeholder(ds.float32, (None, 2), name="x")
    labels = ds.placeholder(ds.float32, (None, 2), name="labels")
    rng = np.random.default_rng(0)
    hidden = ds.sigmoid(x @ ds.Variable(rng.normal(size=(2, 3)), name="W1") + ds.Variable(np.zeros(3), name="b1"))
    logits = hidden @ ds.Variable(rng.normal(size=(3, 2)), name="W2") + ds.Variable(np.zeros(2), name="b2")
    loss = ds.reduce_mean(ds.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits), name="loss")
    X, y = ds.datasets.xor(40, seed=1)
    return x, labels, loss, optimizer.minimize(loss), {x: X, labels: ds.datasets.one_hot(y, 2)}


def test_a_plan_is_compiled_once_it_has_run_twice_and_its_source_can_be_read():
    x, labels, loss, train, feed = mlp(ds.train.GradientDescentOptimizer(0.5))
    sess = ds.Session()
    sess.run(ds.global_variables_initializer())
    assert sess.compiled_source([train, loss], feed).startswith("# not compiled yet")
    sess.run([train, loss], feed)
    assert sess.compiled_source([train, loss], feed).startswith("# not compiled yet")
    sess.run([train, loss], feed)
    source = sess.compiled_source([train, loss], feed)
    assert source.startswith("def run(feeds, session, updates):")
    assert "# MatMul 'matmul'" in source and "# backward through Sigmoid 'Sigmoid'" in source
    assert f"train(n{train.index}, updates, " in source
    assert f"v{x.index} = feed(n{x.index}, " in source
    assert sess.compiled_source(ds.global_variables_initializer()).startswith("# not compiled yet")


@pytest.mark.parametrize(
    "optimizer",
    [
        ds.train.GradientDescentOptimizer(0.5),
        ds.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True),
        ds.train.AdamOptimizer(0.05),
    ],
    ids=["sgd", "nesterov", "adam"],
)
def test_training_matches_the_interpreter_bit_for_bit(optimizer):
    x, labels, loss, train, feed = mlp(optimizer)
    variables = ds.trainable_variables()
    grads = ds.gradients(loss, variables)
    fast, slow = two_sessions()
    for step in range(8):  # two fetch structures, each compiled on its second run
        if step % 2:
            assert_same(fast.run([train, loss, grads], feed), slow.run([train, loss, grads], feed))
        else:
            a, b = (sess.run({"loss": loss, "train": train}, feed) for sess in (fast, slow))
            assert a.keys() == b.keys() and a["train"] is None and b["train"] is None
            assert_same(a["loss"], b["loss"])
        assert_same(fast.run(variables), slow.run(variables))
    assert fast.compiled_source([train, loss, grads], feed).startswith("def run")
    assert slow.compiled_source([train, loss, grads], feed).startswith("# interpreted")


@settings(max_examples=25, deadline=None)
@given(steps=GRAPH_STEPS, seed=st.integers(0, 1000))
def test_random_graphs_with_shared_nodes_match_the_interpreter(steps, seed):
    """Shared nodes, unequal paths, unconnected variables (None gradients), and a train op."""
    ds.reset_default_graph()
    variables = [ds.Variable(array((2, 3), seed + i, -1, 1)) for i in range(3)]
    nodes = list(variables)
    for name, i, j in steps:
        build, _, arity = NUMPY_OPS[name]
        nodes.append(build(*[nodes[p] for p in [i % len(nodes), j % len(nodes)][:arity]]))
    loss = ds.reduce_sum(nodes[-1])
    grads = ds.gradients(loss, variables)
    connected = [v for v, g in zip(variables, grads) if g is not None]
    train = ds.train.GradientDescentOptimizer(0.01).minimize(loss, var_list=connected) if connected else loss
    fetches = [train, loss, nodes[-1], [g for g in grads if g is not None]]
    fast, slow = two_sessions()
    for _ in range(4):
        assert_same(fast.run(fetches), slow.run(fetches))
    assert fast.compiled_source(fetches).startswith("def run")


def test_feeds_fetched_placeholders_and_fed_intermediate_nodes_match_the_interpreter():
    x = ds.placeholder(ds.float32, (None, 3), name="x")
    w = ds.Variable(np.arange(3.0), name="w")
    hidden = ds.tanh(x * w, name="hidden")
    out = ds.reduce_sum(ds.square(hidden), axis=1)
    fast, slow = two_sessions()
    for feed in ([[1, 2, 3]], np.ones((4, 3), np.float64), [[0.5, -1, 2], [1, 1, 1]]):
        for _ in range(3):
            assert_same(*[s.run([out, x], {x: feed}) for s in (fast, slow)])
            assert_same(*[s.run(out, {hidden: np.ones((2, 3))}) for s in (fast, slow)])
    assert f"feed(n{hidden.index}, feeds[n{hidden.index}]" in fast.compiled_source(out, {hidden: 0})


class Twice(ds.Operation):
    """A learner's op: 2x, refusing negative inputs."""

    def compute(self, x):
        if np.any(x < 0):
            raise ValueError("Twice takes no negative numbers")
        return [list(row) for row in 2 * x]  # plain lists: the session makes them NumPy values


@ds.register_gradient("Twice")
def _twice_grad(op, grad):
    return [2 * grad]


def test_errors_after_compiling_are_the_interpreters_and_commit_nothing():
    x = ds.placeholder(ds.float32, (None, 2), name="x")
    w = ds.Variable([[1.0], [2.0]], name="w")
    loss = ds.reduce_sum(Twice(x @ w, name="twice"))
    train = ds.train.AdamOptimizer(0.1).minimize(loss)
    fast, slow = two_sessions()
    good = {x: [[1.0, 1.0]]}
    for _ in range(3):
        assert_same(fast.run([train, loss], good), slow.run([train, loss], good))
    assert fast.compiled_source([train, loss], good).startswith("def run")
    bad_feeds = [[[1.0, 1.0, 1.0]], [1.0, 1.0], "text", [[-5.0, -5.0]]]  # shape, one example, not numeric, op error
    for bad in bad_feeds:
        errors = []
        for sess in (fast, slow):
            before = sess.run(w), dict(sess._slots)
            with pytest.raises(ds.DeepslowError) as caught:
                sess.run([train, loss], {x: bad})
            errors.append((type(caught.value), str(caught.value)))
            shown = "".join(traceback.format_exception(caught.value))
            assert "During handling" not in shown  # one traceback, raised where the step failed
            assert_same(sess.run(w), before[0])  # nothing committed
            assert sess._slots.keys() == before[1].keys()
        assert errors[0] == errors[1]
    assert "'twice'" in errors[1][1] and "negative" in errors[1][1]
    assert_same(fast.run([train, loss], good), slow.run([train, loss], good))
    assert fast.compiled_source([train, loss], good).startswith("def run")  # a real error keeps the compiled form


def test_a_gradient_registered_again_after_compiling_is_used():
    class Cube(ds.Operation):
        op_type = "CubeForCompiledTest"

        def compute(self, x):
            return x**3

    ds.register_gradient("CubeForCompiledTest")(lambda op, grad: [grad * 0.0])  # a wrong first attempt
    w = ds.Variable([1.0, 2.0])
    (grad,) = ds.gradients(ds.reduce_sum(Cube(w)), [w])
    sess = ds.Session()
    sess.run(ds.global_variables_initializer())
    for _ in range(3):
        np.testing.assert_array_equal(sess.run(grad), [0.0, 0.0])
    ds.register_gradient("CubeForCompiledTest")(lambda op, grad: [grad * 3 * op.input_values[0] ** 2])  # fixed
    np.testing.assert_array_equal(sess.run(grad), [3.0, 12.0])
    assert sess.compiled_source(grad).startswith("def run")


def test_a_traceback_through_a_compiled_plan_shows_the_generated_line():
    x = ds.placeholder(ds.float32, (None, 2), name="x")
    out = ds.reduce_sum(ds.matmul(x, ds.constant([[1.0], [2.0]])))
    sess = ds.Session()
    for _ in range(3):
        sess.run(out, {x: [[1.0, 2.0]]})
    with pytest.raises(ds.FeedError) as caught:
        sess.run(out, {x: [[1.0, 2.0, 3.0]]})
    shown = "".join(traceback.format_exception(caught.value))
    assert f"v{x.index} = feed(n{x.index}, feeds[n{x.index}], n{x.index}.dtype)  # Placeholder 'x'" in shown


def test_a_gradient_declared_not_differentiable_after_compiling_passes_nothing_back():
    class Halve(ds.Operation):
        op_type = "HalveForCompiledTest"

        def compute(self, x):
            return x / 2

    ds.register_gradient("HalveForCompiledTest")(lambda op, grad: [grad / 2])
    w = ds.Variable([4.0])
    loss = ds.reduce_sum(Halve(w) + w)
    (grad,) = ds.gradients(loss, [w])
    fast, slow = two_sessions()
    for _ in range(3):
        assert_same(fast.run(grad), slow.run(grad))
    np.testing.assert_array_equal(fast.run(grad), [1.5])
    try:
        ds.NotDifferentiable("HalveForCompiledTest")  # both back-ends look the gradient up when they run
        for _ in range(2):
            assert_same(fast.run(grad), slow.run(grad))
            np.testing.assert_array_equal(fast.run(grad), [1.0])
    finally:
        registry.GRADIENTS.pop("HalveForCompiledTest")
    assert fast.compiled_source(grad).startswith("def run")


def test_what_is_always_interpreted_says_why(monkeypatch):
    w = ds.Variable([1.0, -2.0])
    out = ds.reduce_sum(ds.square(w))
    with ds.Session(check_numerics=True) as sess:
        sess.run(ds.global_variables_initializer())
        for _ in range(3):
            sess.run(out)
        assert sess.compiled_source(out).startswith("# interpreted: check_numerics")
        sess.check_numerics = False  # switched off: the plan is compiled on its next run
        sess.run(out)
        assert sess.compiled_source(out).startswith("def run")
        sess.check_numerics = True  # and on again: the compiled form is not used (it checks nothing)
        with pytest.raises(ds.NumericsError):
            sess.run(ds.log(-ds.square(w)))
    with ds.Session(precision="float64") as sess:
        sess.run(ds.global_variables_initializer())
        for _ in range(3):
            sess.run(out)
        assert sess.compiled_source(out).startswith("# interpreted: this session has precision=")
    init = ds.global_variables_initializer()
    with ds.Session() as sess:
        for _ in range(3):
            sess.run(init)
        assert "initialize(n" in sess.compiled_source(init)  # training machinery compiles like any node
    with ds.Session(compile_plans=False) as sess:
        for _ in range(3):
            sess.run(init)
        assert sess.compiled_source(init).startswith("# interpreted: this session has precision= or compile_plans")
    monkeypatch.setattr(compiled, "LARGEST", 2)
    with ds.Session() as sess:
        sess.run(init)
        for _ in range(3):
            assert sess.run(out) == 5.0
        assert sess.compiled_source(out) == "# interpreted: more than 2 nodes\n"


def test_two_train_ops_on_one_variable_match_the_interpreter():
    w = ds.Variable([1.0, 2.0], name="w")
    loss = ds.reduce_sum(ds.square(w - 3.0))
    sgd = ds.train.GradientDescentOptimizer(0.1).minimize(loss)
    momentum = ds.train.MomentumOptimizer(0.1, 0.5).minimize(loss)
    fast, slow = two_sessions()
    for _ in range(5):
        assert_same(fast.run([sgd, momentum, loss]), slow.run([sgd, momentum, loss]))
        assert_same(fast.run(w), slow.run(w))
        assert fast._slots.keys() == slow._slots.keys()


def test_every_feed_is_checked_even_one_the_fetches_do_not_need():
    x = ds.placeholder(ds.float32, (None, 2), name="x")
    labels = ds.placeholder(ds.float32, (None, 3), name="labels")
    w = ds.Variable(np.ones((2, 3)), name="w")
    predictions = x @ w
    fast, slow = two_sessions()
    good = {x: np.ones((4, 2)), labels: np.zeros((4, 3))}
    for _ in range(3):
        assert_same(fast.run(predictions, good), slow.run(predictions, good))
    for bad in (np.zeros((4, 7)), "hello"):
        messages = []
        for sess in (fast, slow):
            with pytest.raises(ds.FeedError) as caught:
                sess.run(predictions, {x: np.ones((4, 2)), labels: bad})
            messages.append(str(caught.value))
        assert messages[0] == messages[1] and "'labels'" in messages[0]


class Counted(ds.Operation):
    """A learner's op counting its runs; it returns a masked array (an ndarray subclass)."""

    calls = 0

    def compute(self, x):
        Counted.calls += 1
        return np.ma.masked_less(x, 2)


@ds.register_gradient("Counted")
def _counted_grad(op, grad):
    g = grad.copy()
    g[op.input_values[0] < 2] = 0  # writes into the gradient: it must be an array, even for a scalar loss
    return [g]


def test_learners_ops_see_what_the_interpreter_gives_them_and_a_failing_feed_runs_no_op():
    x = ds.placeholder(ds.float32, (None, 3), name="x")
    w = ds.Variable([1.0, 2.0, 3.0], name="w")
    counted = Counted(x * w)
    mean = ds.reduce_mean(counted)
    (grad,) = ds.gradients(ds.reduce_sum(Counted(w)), [w])  # a scalar loss whose last op is the learner's
    fast, slow = two_sessions()
    feed = {x: [[1.0, 1.0, 1.0]]}
    for _ in range(3):
        assert_same(fast.run([mean, grad], feed), slow.run([mean, grad], feed))
    assert_same(fast.run(grad), np.array([0.0, 1.0, 1.0], np.float32))
    before = Counted.calls
    for sess in (fast, slow):
        with pytest.raises(ds.FeedError):
            sess.run(mean, {x: [[1.0, 1.0]]})
    assert Counted.calls == before


def test_a_cast_warning_while_feeding_is_shown_as_the_interpreter_shows_it():
    n = ds.placeholder(ds.int32, (None,), name="n")
    doubled = n * 2
    fast, slow = two_sessions()
    for _ in range(3):
        assert_same(fast.run(doubled, {n: [1, 2]}), slow.run(doubled, {n: [1, 2]}))
    for sess in (fast, slow):
        with pytest.warns(RuntimeWarning, match="invalid value"):
            sess.run(doubled, {n: np.array([np.nan, 1.0])})


def test_odd_names_and_nodes_of_another_graph_leave_the_run_as_the_interpreter_does():
    class Odd(ds.Operation):
        op_type = "Odd\nop"

        def compute(self, x):
            return x + 1

    ds.register_gradient("Odd\nop")(lambda op, grad: [grad])
    w = ds.Variable([1.0, 2.0], name="w\nsecond line")
    other = ds.Graph()
    with other.as_default():
        stranger = ds.Variable([5.0, 6.0])
    loss = ds.reduce_sum(Odd(w) * w)
    grads = ds.gradients(loss, [w, stranger])  # the stranger's gradient is None
    train = ds.train.GradientDescentOptimizer(0.1).minimize(loss)
    fast, slow = two_sessions()
    for _ in range(4):
        assert_same(fast.run([train, loss]), slow.run([train, loss]))
        assert_same(fast.run(grads[0]), slow.run(grads[0]))
    assert grads[1] is None
    assert fast.compiled_source([train, loss]).startswith("def run")
    assert fast.compiled_source(grads[0]) == "# interpreted: 'Variable' belongs to another graph\n"


def test_a_compiled_run_lets_each_value_go_after_its_last_use():
    import weakref

    seen = {}

    class Remember(ds.Operation):
        def compute(self, x):
            seen["input"] = weakref.ref(x)
            return x + 1

    class Look(ds.Operation):
        def compute(self, x):
            seen["alive"] = seen["input"]() is not None
            return x * 2

    w = ds.Variable(np.ones(1000), name="w")
    first = ds.square(w)  # its value is read only by Remember
    out = Look(Remember(first))
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        for run in range(3):
            assert_same(sess.run(out), np.full(1000, 4.0))
            assert seen["alive"] == (run < 2)  # the interpreter keeps a table of every value; compiled code does not
        assert "del " in sess.compiled_source(out)


def test_a_value_whose_consumers_gradients_do_not_read_it_goes_before_the_backward_pass():
    """add's gradient reads its inputs' shapes alone (registry.reads_of): a compiled run lets the value
    of add's input go once add has used it, instead of holding it until the backward pass."""
    import weakref

    seen = {}

    class Keep(ds.Operation):
        def compute(self, x):
            out = x * 1.0
            seen["value"] = weakref.ref(out)
            return out

    class Look(ds.Operation):
        op_type = "LookForCompiledTest"

        def compute(self, x):
            seen["alive"] = seen["value"]() is not None
            return x * 2

    ds.register_gradient("LookForCompiledTest")(lambda op, grad: [grad * 2])
    x = ds.placeholder(ds.float64, (None,), name="x")  # data: no gradient goes to Keep
    w = ds.Variable(np.ones(1000), name="w")
    (grad,) = ds.gradients(ds.reduce_sum(Look(Keep(x) + w)), [w])
    fast, slow = two_sessions()
    feed = {x: np.arange(1000.0)}
    for run in range(3):
        assert_same(fast.run(grad, feed), np.full(1000, 2.0))
        assert seen["alive"] == (run < 2)  # the interpreter keeps a table of every value
    slow.run(grad, feed)
    assert seen["alive"]  # (and never compiles)
    assert f"o{grad.inputs[0].index}_" in fast.compiled_source(
        grad, feed
    ) and ".input_shapes = [s" in fast.compiled_source(grad, feed)


def test_what_a_gradient_reads_is_declared_by_deepslows_own_gradients_only():
    with pytest.raises(ValueError, match="some of 'inputs', 'input shapes' and 'output'"):
        ds.register_gradient("CubeForCompiledTest", reads={"outputs"})
    with pytest.raises(ValueError, match="reads= is for deepslow's own gradients"):
        ds.register_gradient("CubeForCompiledTest", reads={"output"})
    assert registry.reads_of("Add") == {"input shapes"} and registry.reads_of("Sigmoid") == {"output"}
    assert registry.reads_of("CubeForCompiledTest") == {"inputs", "output"}  # anyone else's: everything


def test_a_gradient_put_in_the_registry_by_hand_is_given_every_value():
    """Whatever puts a function in the registry (a probe, an old notebook writing GRADIENTS), it
    was not declared to read less, so it is given everything."""

    def by_hand(op, grad):
        (a,) = op.input_values
        s = 1 / (1 + np.exp(-a))
        return [grad * s * (1 - s)]

    registry.GRADIENTS["Sigmoid"] = by_hand  # (the autouse fixture puts deepslow's own back)
    w = ds.Variable([0.5, -1.0])
    (grad,) = ds.gradients(ds.reduce_sum(ds.sigmoid(w)), [w])
    with ds.Session(compile_plans=False) as sess:
        sess.run(ds.global_variables_initializer())
        s = 1 / (1 + np.exp(-np.array([0.5, -1.0])))
        np.testing.assert_allclose(sess.run(grad), s * (1 - s), rtol=1e-6)


def test_a_learners_gradient_registered_for_a_library_op_after_compiling_gets_every_value():
    """The plan was written when σ's gradient read its output alone; a learner's own σ gradient,
    registered later, reads op.input_values: the plan is written anew, not run with None there."""
    w = ds.Variable([0.5, -1.0])
    (grad,) = ds.gradients(ds.reduce_sum(ds.sigmoid(w * 3.0)), [w])
    fast, slow = two_sessions()
    for _ in range(3):
        assert_same(fast.run(grad), slow.run(grad))

    def learners_sigmoid_grad(op, grad):
        (a,) = op.input_values
        s = 1 / (1 + np.exp(-a))
        return [grad * s * (1 - s)]

    ds.register_gradient("Sigmoid")(learners_sigmoid_grad)
    for _ in range(3):
        np.testing.assert_allclose(fast.run(grad), slow.run(grad), rtol=1e-6)
    sigmoid = next(n for n in grad.inputs[0].backward_order if n.op_type == "Sigmoid")
    given = next(
        line
        for line in fast.compiled_source(grad).splitlines()
        if f"o{grad.inputs[0].index}_{sigmoid.index}.input_values" in line
    )
    assert f"= [v{sigmoid.inputs[0].index}], v{sigmoid.index}" in given, (
        given
    )  # everything, as for any learner's gradient
