"""Sessions, graphs, backpropagation and training: the correctness rules of the brief."""

import sys

import numpy as np
import pytest

import deepslow as ds
from deepslow import ops


@pytest.fixture(autouse=True)
def fresh_graph():
    ds.reset_default_graph()


def test_affine_example_from_lesson_one():
    A = ds.Variable([[1, 0], [0, -1]])
    b = ds.Variable([1, 1])
    x = ds.placeholder(ds.float32, shape=(2,))
    y = ds.add(ds.matmul(A, ds.reshape(x, (2, 1))), ds.reshape(b, (2, 1)))
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        np.testing.assert_allclose(sess.run(y, {x: [1, 2]}).ravel(), [2.0, -1.0])


def test_default_graph_and_as_default():
    g = ds.Graph()
    with g.as_default():
        inside = ds.constant(1.0)
        assert ds.get_default_graph() is g
    outside = ds.constant(2.0)
    assert inside.graph is g and outside.graph is ds.get_default_graph() is not g
    before = ds.get_default_graph()
    ds.reset_default_graph()
    assert ds.get_default_graph() is not before and ds.get_default_graph().nodes == []


def test_names_are_unique_like_tf():
    a, b, c = ds.placeholder(), ds.placeholder(), ds.placeholder(name="x")
    assert (a.name, b.name, c.name) == ("Placeholder", "Placeholder_1", "x")
    assert ds.get_default_graph().get_node("x") is c


def test_fetch_structures_match_tf():
    a, b = ds.constant(1.0), ds.constant([2.0, 3.0])
    with ds.Session() as sess:
        assert sess.run(a) == 1.0 and isinstance(sess.run(a), np.float32)
        assert isinstance(sess.run([a, b]), list)
        assert isinstance(sess.run((a, b)), tuple)
        result = sess.run({"a": a, "pair": (a, [b])})
        assert set(result) == {"a", "pair"} and result["pair"][0] == 1.0
        np.testing.assert_allclose(result["pair"][1][0], [2.0, 3.0])
        assert sess.run([]) == []


def test_train_op_fetch_returns_none_and_loss_is_pre_update():
    w = ds.Variable(3.0)
    loss = ds.square(w)
    step = ds.train.GradientDescentOptimizer(0.25).minimize(loss)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        none, value = sess.run([step, loss])
        assert none is None and value == 9.0
        assert sess.run(w) == pytest.approx(3.0 - 0.25 * 6.0)


def test_session_owns_values_two_sessions_never_interfere():
    w = ds.Variable(1.0)
    step = ds.train.GradientDescentOptimizer(0.1).minimize(ds.square(w))
    first, second = ds.Session(), ds.Session()
    for sess in (first, second):
        sess.run(ds.global_variables_initializer())
    for _ in range(5):
        first.run(step)
    assert second.run(w) == 1.0
    assert first.run(w) == pytest.approx(0.8**5)
    assert not hasattr(w, "value") and not hasattr(w, "output")


def test_variables_store_a_float_copy():
    data = np.array([1, 2, 3])  # integers
    w = ds.Variable(data)
    data[0] = 100
    assert w.dtype.kind == "f"
    step = ds.train.GradientDescentOptimizer(0.1).minimize(ds.reduce_sum(w))
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        sess.run(step)
        np.testing.assert_allclose(sess.run(w), [0.9, 1.9, 2.9], rtol=1e-6)  # not truncated to ints
        fetched = sess.run(w)
        fetched[:] = 0  # changing what run() returned must not change the session's variable
        np.testing.assert_allclose(sess.run(w), [0.9, 1.9, 2.9], rtol=1e-6)


def test_dtypes_follow_tensorflow_and_trainable_variables_are_floats():
    assert ds.Variable(np.zeros(2)).dtype == np.float64
    assert ds.Variable([1.0, 2.0]).dtype == np.float32
    assert ds.Variable([1, 2]).dtype == np.float32  # an integer weight would truncate every update
    assert ds.Variable(0, trainable=False).dtype == np.int32  # a step counter stays an integer, as in TF
    assert ds.constant([1, 2]).dtype == np.int32 and ds.constant(2.0).dtype == np.float32
    assert ds.constant(np.arange(3)).dtype == np.int64 and ds.constant([True]).dtype == np.bool_
    assert ds.placeholder("float").dtype == np.float32 and ds.placeholder("double").dtype == np.float64
    x = ds.placeholder(ds.float64, name="x")
    assert (x * 2).inputs[1].dtype == np.float64  # a plain number takes the dtype of the node it meets
    assert (ds.square(x) * 2).inputs[1].dtype == np.float32  # float32 where that is not known before running
    with ds.Session() as sess:
        assert sess.run(x * 2, {x: [1.5]}).dtype == np.float64
        assert sess.run(ds.constant(3) + ds.constant(4)) == 7


def test_shared_node_gradients_are_summed():
    x = ds.Variable(2.0)
    shared = ds.square(x)  # used twice
    loss = shared * shared + shared  # = x^4 + x^2
    (g,) = ds.gradients(loss, [x])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(g) == pytest.approx(4 * 8 + 2 * 2)


def test_unequal_path_lengths():
    x = ds.Variable(1.5)
    long_path = ds.exp(ds.tanh(ds.sigmoid(x)))
    loss = long_path + 3.0 * x  # one path of length 3, one of length 1
    (g,) = ds.gradients(loss, [x])
    s = 1 / (1 + np.exp(-1.5))
    t = np.tanh(s)
    expected = np.exp(t) * (1 - t**2) * s * (1 - s) + 3.0
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(g) == pytest.approx(expected)


def test_residual_connection():
    x = ds.placeholder(ds.float64, (None, 2))
    W = ds.Variable(np.array([[0.5, -1.0], [2.0, 0.1]]))
    h = x + ds.tanh(x @ W)  # residual block
    loss = ds.reduce_sum(ds.square(h))
    report = ds.check_gradients(loss, {x: [[0.3, -0.2], [1.0, 0.5]]})
    assert report.ok, report


def test_extra_consumers_and_rebuilt_losses_are_ignored():
    x = ds.placeholder(ds.float32, (None, 1))
    w = ds.Variable([[2.0]])
    prediction = x @ w
    loss = ds.reduce_mean(ds.square(prediction - 1.0))
    ds.argmax(prediction, 1)  # an accuracy op hanging off the prediction
    ds.reduce_mean(ds.square(prediction - 1.0))  # the loss cell run a second time in a notebook
    step = ds.train.GradientDescentOptimizer(0.1).minimize(loss)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        sess.run(step, {x: [[1.0]]})
        assert sess.run(w)[0, 0] == pytest.approx(2.0 - 0.1 * 2 * (2.0 - 1.0))


def test_train_op_runs_its_own_forward_pass_with_the_feed_given():
    x = ds.placeholder(ds.float32, (1,))
    w = ds.Variable([1.0])
    loss = ds.reduce_sum(w * x)
    step = ds.train.GradientDescentOptimizer(1.0).minimize(loss)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        sess.run(loss, {x: [100.0]})  # an earlier run with a different feed
        sess.run(step, {x: [2.0]})  # must use x = 2, not a stale 100
        np.testing.assert_allclose(sess.run(w), [-1.0])


def test_shared_subgraph_computed_once_per_run():
    calls = []

    class Counted(ds.Operation):
        def compute(self, x):
            calls.append(1)
            return x * 2

    @ds.register_gradient("Counted")
    def _counted_grad(op, grad):
        return [grad * 2]

    w = ds.Variable(1.0)
    node = Counted(w)
    for _ in range(20):  # doubling the consumers each level: naive recursion is 2^20 calls
        node = node + node
    step = ds.train.GradientDescentOptimizer(1e-9).minimize(node)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        sess.run([step, node])
    assert len(calls) == 1


def test_execution_plan_is_cached_per_fetch_set():
    x = ds.placeholder(ds.float32)
    y = x * 2.0
    z = y + 1.0
    with ds.Session() as sess:
        sess.run(y, {x: 1.0})
        sess.run(y, {x: 2.0})
        assert len(sess._plans) == 1
        sess.run([y, z], {x: 1.0})
        assert len(sess._plans) == 2


def test_long_chain_runs_forward_and_backward_without_recursion():
    limit = sys.getrecursionlimit()
    x = ds.Variable(1.0)
    node = x
    for _ in range(100_000):
        node = ops.Add(node, 0.0)
    (g,) = ds.gradients(node, [x])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        value, grad = sess.run([node, g])
    assert value == 1.0 and grad == 1.0
    assert sys.getrecursionlimit() == limit


def test_failed_run_changes_no_variable():
    x = ds.placeholder(ds.float32, (None, 2))
    w = ds.Variable([[1.0], [2.0]])
    loss = ds.reduce_sum(x @ w)
    step = ds.train.AdamOptimizer(0.1).minimize(loss)
    bad = ds.matmul(x, ds.constant([[1.0, 2.0, 3.0]]))  # wrong inner size: fails after the step
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(ds.ShapeError):
            sess.run([step, bad], {x: [[1.0, 1.0]]})
        np.testing.assert_allclose(sess.run(w), [[1.0], [2.0]])
        assert sess._slots == {}  # Adam's moments were not committed either
        with pytest.raises(ds.FeedError):
            sess.run(step)
        np.testing.assert_allclose(sess.run(w), [[1.0], [2.0]])


def test_feeding_an_intermediate_node_overrides_it():
    x = ds.placeholder(ds.float32)
    y = x * 2.0
    z = y + 1.0
    with ds.Session() as sess:
        assert sess.run(z, {y: 10.0}) == 11.0  # x is not needed when y is fed


def test_gradients_of_unconnected_variable_is_none():
    a, b = ds.Variable(1.0), ds.Variable(2.0)
    ga, gb = ds.gradients(ds.square(a), [a, b])
    assert gb is None
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(ga) == 2.0
        with pytest.raises(ds.FetchError, match="does not depend"):
            sess.run(gb)


def test_gradients_with_list_of_ys_and_grad_ys():
    x = ds.Variable(3.0)
    (g,) = ds.gradients([ds.square(x), x * 2.0], [x])
    (weighted,) = ds.gradients(ds.square(x), [x], grad_ys=[ds.constant(0.5)])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(g) == 8.0
        assert sess.run(weighted) == 3.0


def test_minimize_var_list_and_trainable():
    a = ds.Variable(1.0)
    frozen = ds.Variable(1.0, trainable=False)
    loss = ds.square(a) + ds.square(frozen)
    step = ds.train.GradientDescentOptimizer(0.5).minimize(loss)
    only_frozen = ds.train.GradientDescentOptimizer(0.5).minimize(loss, var_list=[frozen])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        sess.run(step)
        assert (sess.run(a), sess.run(frozen)) == (0.0, 1.0)
        sess.run(only_frozen)
        assert sess.run(frozen) == 0.0
    assert ds.trainable_variables() == [a]
    with pytest.raises(ValueError, match="does not depend on any"):
        ds.train.GradientDescentOptimizer(0.1).minimize(ds.constant(1.0) * 2.0)


@pytest.mark.parametrize(
    "optimizer, rule",
    [
        (ds.train.GradientDescentOptimizer(0.1), "sgd"),
        (ds.train.MomentumOptimizer(0.1, 0.9), "momentum"),
        (ds.train.MomentumOptimizer(0.1, 0.9, use_nesterov=True), "nesterov"),
        (ds.train.AdamOptimizer(0.1), "adam"),
    ],
)
def test_optimizer_update_rules(optimizer, rule):
    w = ds.Variable(np.array([1.0, -2.0]))
    loss = ds.reduce_sum(ds.square(w) * np.array([1.0, 3.0]))
    step = optimizer.minimize(loss)
    expected, accum, m, v = np.array([1.0, -2.0]), 0.0, 0.0, 0.0
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        for t in range(1, 6):
            sess.run(step)
            g = 2 * expected * np.array([1.0, 3.0])
            if rule == "sgd":
                expected = expected - 0.1 * g
            elif rule in ("momentum", "nesterov"):
                accum = 0.9 * accum + g
                expected = expected - 0.1 * (g + 0.9 * accum if rule == "nesterov" else accum)
            else:
                m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
                expected = expected - 0.1 * np.sqrt(1 - 0.999**t) / (1 - 0.9**t) * m / (np.sqrt(v) + 1e-8)
            np.testing.assert_allclose(sess.run(w), expected, rtol=1e-10)
        sess.run(ds.global_variables_initializer())  # re-initialising also resets optimizer state
        sess.run(step)
        first = sess.run(w)
    with ds.Session() as fresh:
        fresh.run(ds.global_variables_initializer())
        fresh.run(step)
        np.testing.assert_allclose(first, fresh.run(w))


def test_adam_defaults_are_tf1s():
    adam = ds.train.AdamOptimizer()
    assert (adam.learning_rate, adam.beta1, adam.beta2, adam.epsilon) == (0.001, 0.9, 0.999, 1e-8)


def test_training_a_perceptron_reduces_the_loss():
    X, y = ds.datasets.blobs(100, seed=1)
    T = ds.datasets.one_hot(y)
    x = ds.placeholder(ds.float32, (None, 2))
    t = ds.placeholder(ds.float32, (None, 2))
    W, b = ds.Variable(np.zeros((2, 2))), ds.Variable(np.zeros(2))
    logits = x @ W + b
    loss = ds.reduce_mean(ds.nn.softmax_cross_entropy_with_logits_v2(labels=t, logits=logits))
    accuracy = ds.reduce_mean(ds.cast(ds.equal(ds.argmax(logits, 1), ds.argmax(t, 1)), ds.float32))
    step = ds.train.GradientDescentOptimizer(0.1).minimize(loss)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        first = sess.run(loss, {x: X, t: T})
        for _ in range(100):
            sess.run([step, loss], {x: X, t: T})
        assert sess.run(loss, {x: X, t: T}) < first / 4
        assert sess.run(accuracy, {x: X, t: T}) >= 0.97


def test_learner_defined_op_with_registered_gradient():
    class Cube(ds.Operation):
        def compute(self, x):
            return x**3

    @ds.RegisterGradient("Cube")
    def _cube_grad(op, grad):
        (x,) = op.input_values
        return [grad * 3 * x**2]

    w = ds.Variable(2.0)
    (g,) = ds.gradients(Cube(w), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(g) == 12.0


class Half(ds.Operation):
    """A learner's op that hands on a plain Python float, not a NumPy value."""

    def compute(self, x):
        return float(np.sum(x)) / 2


@ds.register_gradient("Half")
def _half_grad(op, grad):
    (x,) = op.input_values
    return [np.full(np.shape(x), float(grad) / 2)]


def test_built_in_ops_take_plain_floats_and_lists_from_a_learners_op():
    w = ds.Variable([1.0, 2.0])
    half = Half(w)
    mean, plus_one = ds.reduce_mean(half), half + 1.0
    gradients = ds.gradients([mean, plus_one], [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(mean) == pytest.approx(1.5) and sess.run(plus_one) == pytest.approx(2.5)
        np.testing.assert_allclose(sess.run(gradients[0]), [1.0, 1.0])  # 0.5 from each of the two paths


def test_a_float_gradient_from_a_learners_function_flows_on():
    class Scale(ds.Operation):
        def compute(self, x):
            return 3 * x

    @ds.register_gradient("ScaleFloatGrad")
    def _scale_grad(op, grad):
        return [float(np.sum(grad)) * 3]  # a plain float: fine for a scalar input

    Scale.op_type = "ScaleFloatGrad"
    w = ds.Variable(2.0)
    (g,) = ds.gradients(ds.reduce_mean(Scale(w)), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(g) == pytest.approx(3.0)


def test_an_op_with_only_compute_and_save_runs_in_a_hand_written_forward_pass_too():
    class CubeSaving(ds.Operation):
        def compute_and_save(self, x):
            square = x * x
            return square * x, square

    w = ds.Variable(2.0)
    node = CubeSaving(w)
    assert node.compute(np.float64(2.0)) == 8.0  # what lesson 1's forward pass calls
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        assert sess.run(node) == 8.0  # no backprop in this run: plain compute


def test_eval_uses_the_default_session():
    x = ds.placeholder(ds.float32)
    with ds.Session():
        assert (x * 3.0).eval({x: 2.0}) == 6.0
    with pytest.raises(RuntimeError, match="no default session"):
        x.eval({x: 1.0})


def test_compat_v1_spelling():
    tf = ds.compat.v1
    assert tf.placeholder is ds.placeholder and tf.Session is ds.Session


def test_closed_session_refuses_to_run():
    sess = ds.Session()
    sess.close()
    with pytest.raises(RuntimeError, match="closed"):
        sess.run(ds.constant(1.0))


def test_numpy_array_on_the_left_builds_a_node():
    x = ds.placeholder(ds.float32, (2,))
    y = np.array([1.0, 2.0]) + x
    assert isinstance(y, ds.Node)
    with ds.Session() as sess:
        np.testing.assert_allclose(sess.run(y, {x: [1.0, 1.0]}), [2.0, 3.0])


def test_topological_order_is_the_same_on_every_run():
    import subprocess

    code = (
        "import deepslow as ds\n"
        "from deepslow.graph import ancestors, topological_order\n"
        "a, b = ds.placeholder(name='a'), ds.placeholder(name='b')\n"
        "c = ds.add(ds.square(a), ds.exp(b)) * ds.tanh(a)\n"
        "print([n.name for n in topological_order(ancestors([c]))])\n"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONHASHSEED": str(s)}
        ).stdout
        for s in range(4)
    }
    assert runs == {"['a', 'b', 'Square', 'Tanh', 'Exp', 'Add', 'mul']\n"}


def test_fetches_and_feeds_may_name_nodes_as_tf1_does():
    g = ds.Graph()
    with g.as_default():
        x = ds.placeholder(ds.float32, [None], name="x")
        y = ds.multiply(x, 2.0, name="double")
    assert g.get_tensor_by_name("double:0") is y and g.get_tensor_by_name("double") is y
    assert g.get_operation_by_name("x") is x
    with ds.Session(g) as sess:
        assert sess.run("double:0", feed_dict={"x:0": [1.0, 2.0]}).tolist() == [2.0, 4.0]
        assert sess.run({"y": "double:0"}, {x: [3.0]})["y"].tolist() == [6.0]
        with pytest.raises(ds.FetchError, match="no node named 'triple'; its nodes are named 'x', 'Const', 'double'"):
            sess.run("triple:0")
    with pytest.raises(KeyError, match="a deepslow node has one output"):
        g.get_tensor_by_name("double:1")
