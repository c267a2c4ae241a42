"""Errors that teach: each names the node (name and op type) and says what to do."""

import numpy as np
import pytest

import deepslow as ds


@pytest.fixture(autouse=True)
def fresh_graph():
    ds.reset_default_graph()


def test_missing_placeholder_is_named():
    x = ds.placeholder(ds.float32, (None, 2), name="inputs")
    y = ds.reduce_sum(x)
    with ds.Session() as sess, pytest.raises(ds.FeedError) as info:
        sess.run(y)
    message = str(info.value)
    assert "'inputs' (Placeholder)" in message and "feed_dict" in message


def test_feed_shape_contradicting_the_placeholder():
    x = ds.placeholder(ds.float32, (None, 2), name="points")
    with ds.Session() as sess, pytest.raises(ds.FeedError) as info:
        sess.run(x * 2.0, {x: np.zeros((5, 3))})
    message = str(info.value)
    assert "'points'" in message and "(None, 2)" in message and "(5, 3)" in message
    with ds.Session() as sess, pytest.raises(ds.FeedError, match="shape"):
        sess.run(x, {x: np.zeros(2)})  # wrong rank


def test_none_dimension_accepts_any_size():
    x = ds.placeholder(ds.float32, (None, 2))
    with ds.Session() as sess:
        assert sess.run(x, {x: np.zeros((7, 2))}).shape == (7, 2)


def test_matmul_mismatch_names_both_nodes_and_shapes():
    x = ds.placeholder(ds.float32, (None, 3), name="x")
    W = ds.Variable(np.zeros((2, 4)), name="W")
    y = ds.matmul(x, W, name="scores")
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(ds.ShapeError) as info:
            sess.run(y, {x: np.zeros((5, 3))})
    message = str(info.value)
    for part in ("'scores' (MatMul)", "'x' (Placeholder)", "(5, 3)", "'W' (Variable)", "(2, 4)", "transpose"):
        assert part in message


def test_other_numpy_failures_name_the_op_and_input_shapes():
    a = ds.placeholder(ds.float32, name="a")
    b = ds.placeholder(ds.float32, name="b")
    with ds.Session() as sess, pytest.raises(ds.OpError) as info:
        sess.run(ds.add(a, b, name="total"), {a: np.zeros((3, 2)), b: np.zeros(3)})
    message = str(info.value)
    assert "'total' (Add)" in message and "(3, 2)" in message and "(3,)" in message


@pytest.mark.parametrize("bad", ["a string", 3, None, [ds.constant(1.0), "oops"]])
def test_fetch_that_is_not_a_node(bad):
    with ds.Session() as sess, pytest.raises(ds.FetchError, match="fetches nodes"):
        sess.run(bad)


def test_feed_key_that_is_not_a_node():
    with ds.Session() as sess, pytest.raises(ds.FeedError, match="keys must be nodes"):
        sess.run(ds.constant(1.0), {"x": 1.0})


@pytest.mark.parametrize("value", ["abc", [[1.0, 2.0], [3.0]], {"a": 1}, object()])
def test_non_numeric_feed(value):
    x = ds.placeholder(ds.float32, name="data")
    with ds.Session() as sess, pytest.raises(ds.FeedError) as info:
        sess.run(x, {x: value})
    assert "'data' (Placeholder)" in str(info.value) and "not numeric" in str(info.value)


def test_op_without_gradient_names_the_op_and_shows_how_to_register():
    class Wobble(ds.Operation):
        def compute(self, x):
            return np.sin(x)

    w = ds.Variable(1.0)
    with pytest.raises(ds.NoGradientError) as info:
        ds.gradients(Wobble(w, name="wobble"), [w])
    message = str(info.value)
    assert "'wobble' (Wobble)" in message and "register_gradient('Wobble')" in message


def test_wrong_gradient_shape_from_a_learner_gradient_is_caught_at_that_op():
    class Double(ds.Operation):
        def compute(self, x):
            return 2 * x

    @ds.register_gradient("Double")
    def _bad_grad(op, grad):
        return [np.sum(grad) * 2]  # forgot to keep the shape

    w = ds.Variable([1.0, 2.0])
    (g,) = ds.gradients(ds.reduce_sum(Double(w, name="dbl")), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(ds.ShapeError) as info:
            sess.run(g)
    assert "'dbl' (Double)" in str(info.value) and "shape ()" in str(info.value) and "(2,)" in str(info.value)


def test_wrong_number_of_gradients_is_caught():
    class Pair(ds.Operation):
        def compute(self, x, y):
            return x + y

    @ds.register_gradient("Pair")
    def _pair_grad(op, grad):
        return [grad]

    a, b = ds.Variable(1.0), ds.Variable(2.0)
    (g,) = ds.gradients(Pair(a, b), [a])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(ds.ShapeError, match="returned 1 gradients, but the op has 2 inputs"):
            sess.run(g)


def test_uninitialized_variable_says_to_run_the_initializer():
    w = ds.Variable(1.0, name="weights")
    with ds.Session() as sess, pytest.raises(ds.UninitializedVariableError) as info:
        sess.run(w)
    assert "'weights' (Variable)" in str(info.value) and "global_variables_initializer" in str(info.value)


def test_printing_a_node_says_it_is_symbolic():
    x = ds.placeholder(ds.float32, (None, 2), name="x")
    y = ds.sigmoid(x, name="activation")
    assert repr(x) == "<deepslow Placeholder 'x' shape=(?, 2) dtype=float32>"
    assert "Sigmoid 'activation'" in repr(y) and "unknown until run" in repr(y)
    text = str(y)
    assert "symbolic" in text and "sess.run(activation" in text


def test_truth_value_and_numpy_conversion_of_a_node_explain_themselves():
    x = ds.placeholder(ds.float32, name="x")
    with pytest.raises(TypeError, match="Run it in a Session"):
        bool(x)
    with pytest.raises(TypeError, match="symbolic"):
        np.asarray(x, dtype=float)
    with pytest.raises(TypeError, match="Compare the NumPy values after sess.run"):
        x > 0.6  # noqa: B015 - the comparison itself is what raises


def test_nodes_from_different_graphs_cannot_be_mixed():
    a = ds.constant(1.0, name="a")
    other = ds.Graph()
    with other.as_default():
        b = ds.constant(2.0, name="b")
    with pytest.raises(ValueError, match="different graphs"):
        ds.add(a, b)
    with ds.Session(graph=other) as sess, pytest.raises(ds.FetchError, match="different graph"):
        sess.run(a)


def test_variable_needs_a_concrete_value():
    with pytest.raises(TypeError, match="concrete initial value"):
        ds.Variable(ds.constant(1.0))
    with pytest.raises(TypeError, match="numeric"):
        ds.Variable("weights")


def test_check_numerics_names_the_op_that_made_nan():
    x = ds.placeholder(ds.float32, name="x")
    y = ds.log(x, name="log_of_x")
    z = y * 2.0
    with ds.Session() as sess:
        assert np.isnan(sess.run(z, {x: -1.0}))  # by default NaN flows through, as in TF
    with ds.Session(check_numerics=True) as sess, pytest.raises(ds.NumericsError) as info:
        sess.run(z, {x: -1.0})
    assert "'log_of_x' (Log)" in str(info.value) and "inputs were all finite" in str(info.value)


def test_reshape_error_names_sizes():
    x = ds.constant(np.zeros(6), name="six")
    with ds.Session() as sess, pytest.raises(ds.ShapeError, match=r"'six' \(Const\) of shape \(6,\) \(6 elements\)"):
        sess.run(ds.reshape(x, (4, 2)))
