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
    with ds.Session() as sess, pytest.raises(ds.ShapeError) as info:
        sess.run(ds.add(a, b, name="total"), {a: np.zeros((3, 2)), b: np.zeros(3)})
    message = str(info.value)
    assert "'total' (Add)" in message and "(3, 2)" in message and "(3,)" in message and "equal or one" in message
    with ds.Session() as sess, pytest.raises(ds.OpError) as info:
        sess.run(ds.transpose(a, perm=[0, 1, 2], name="flip"), {a: np.zeros(4)})  # any other NumPy failure
    assert "'flip' (Transpose) failed" in str(info.value) and "'a' (Placeholder) shape (4,)" in str(info.value)


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


def test_a_fed_but_uninitialized_variable_under_a_train_op_says_to_run_the_initializer():
    x = ds.placeholder(ds.float32, name="x")
    w = ds.Variable([1.0, 2.0], name="weights")
    train = ds.train.GradientDescentOptimizer(0.1).minimize(ds.reduce_sum(w * x))
    with ds.Session() as sess, pytest.raises(ds.UninitializedVariableError) as info:
        sess.run(train, {x: 1.0, w: [3.0, 3.0]})  # the feed overrides its value, but there is nothing to update
    assert "'weights' (Variable)" in str(info.value) and "global_variables_initializer" in str(info.value)


def test_compute_and_save_must_return_a_pair():
    class Twice(ds.Operation):
        def compute_and_save(self, x):
            return 2 * x  # forgot the saved part

    @ds.register_gradient("TwiceForgetful")
    def _twice_grad(op, grad):
        return [2 * grad]

    Twice.op_type = "TwiceForgetful"
    w = ds.Variable([[1.0, 2.0], [3.0, 4.0]])
    out = Twice(w, name="twice")
    (g,) = ds.gradients(ds.reduce_sum(out), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(ds.OpError, match=r"'twice' \(TwiceForgetful\)'s compute_and_save must return a pair"):
            sess.run(g)


def test_printing_a_node_shows_what_tf1_shows_and_no_value():
    x = ds.placeholder(ds.float32, (None, 2), name="x")
    y = ds.sigmoid(x, name="activation")
    assert repr(x) == "<deepslow Placeholder 'x' shape=(?, 2) dtype=float32>"
    assert "Sigmoid 'activation'" in repr(y) and "unknown until run" in repr(y)
    assert str(y) == 'Tensor("activation:0", shape=(?, 2), dtype=float32)'  # what TF1 prints: no value
    assert x.get_shape().as_list() == [None, 2] and x.get_shape()[1].value == 2
    assert y.get_shape().as_list() == [None, 2]  # worked out through the op, before it runs


def test_truth_value_and_numpy_conversion_of_a_node_explain_themselves():
    x = ds.placeholder(ds.float32, name="x")
    with pytest.raises(TypeError, match="Run it in a Session"):
        bool(x)
    with pytest.raises(TypeError, match="symbolic"):
        np.asarray(x, dtype=float)
    with pytest.raises(TypeError, match="Run it in a Session"):
        if x > 0.6:  # `>` builds a comparison op (tf1/logic_ops.py); only `if` needs a truth value
            pass


def test_nodes_from_different_graphs_cannot_be_mixed():
    a = ds.constant(1.0, name="a")
    other = ds.Graph()
    with other.as_default():
        b = ds.constant(2.0, name="b")
    with pytest.raises(ValueError, match="different graphs"):
        ds.add(a, b)
    with ds.Session(graph=other) as sess, pytest.raises(ds.FetchError, match="different graph"):
        sess.run(a)


def test_variable_needs_a_numeric_value_and_keeps_its_shape():
    with pytest.raises(TypeError, match="numeric"):
        ds.Variable("weights")
    w = ds.Variable(ds.constant([1.0, 2.0]) * 3.0, name="w")  # a node as initial value: computed when initialized
    v = ds.Variable(np.zeros(2), name="v")
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        np.testing.assert_array_equal(sess.run(w), [3.0, 6.0])
        with pytest.raises(ds.ShapeError, match=r"variable 'v' \(Variable\) has shape \(2,\), but the value loaded"):
            sess.load_variables({v: np.zeros(3)})


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


def test_feed_shape_hints_fit_the_mistake():
    x = ds.placeholder(ds.float32, (None, 2), name="x")
    fixed = ds.placeholder(ds.float32, (3, 2), name="fixed")
    with ds.Session() as sess:
        with pytest.raises(ds.FeedError, match=r"one example: a batch of one is data.reshape\(1, -1\)"):
            sess.run(x, {x: [1.0, 2.0]})
        with pytest.raises(ds.FeedError, match="expects 2 dimensions, got 3"):
            sess.run(x, {x: np.zeros((1, 2, 2))})
        with pytest.raises(ds.FeedError, match="Dimension 0 must be 3. If that size should vary, declare it as None"):
            sess.run(fixed, {fixed: np.zeros((4, 2))})


def test_nan_fed_to_an_integer_placeholder_says_why():
    i = ds.placeholder(ds.int32, name="count")
    with ds.Session() as sess, pytest.raises(ds.FeedError, match="does not convert to int32"):
        sess.run(i, {i: float("nan")})


def test_numpy_functions_on_nodes_explain_themselves_and_arithmetic_works():
    x = ds.placeholder(ds.float32, name="x")
    with pytest.raises(TypeError, match=r"np.exp cannot compute on node 'x'.*tf.exp"):
        np.exp(x)
    with pytest.raises(TypeError, match="write a new deepslow Operation"):
        np.sin(x)
    assert (2**x).op_type == "TensorPow"  # `number ** node` builds tf.pow (tf1/math_ops.py)
    y = np.array([1.0, 2.0]) * x - np.array([1.0, 1.0])
    with ds.Session() as sess:
        np.testing.assert_allclose(sess.run(y, {x: 3.0}), [2.0, 5.0])


def test_numbers_join_the_graph_of_the_node_they_are_combined_with():
    g = ds.Graph()
    with g.as_default():
        p = ds.placeholder(ds.float32, name="p")
    q = p + 1.0  # outside the block, as in a later notebook cell
    assert q.graph is g and q.inputs[1].graph is g


def test_integer_variables_are_refused():
    with pytest.raises(TypeError, match="fractional steps"):
        ds.Variable([1, 2], dtype=ds.int64)


def test_minimize_refuses_non_variables():
    x = ds.placeholder(ds.float32, name="q")
    with pytest.raises(TypeError, match="takes Variables"):
        ds.train.GradientDescentOptimizer(0.1).minimize(ds.square(x), var_list=[x])


def test_exception_in_a_gradient_function_names_its_op():
    class Cube(ds.Operation):
        def compute(self, x):
            return x**3

    @ds.register_gradient("Cube")
    def _broken(op, grad):
        raise ValueError("oops")

    w = ds.Variable([1.0, 2.0])
    (g,) = ds.gradients(ds.reduce_sum(Cube(w, name="cube")), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(ds.OpError, match=r"registered for 'cube' \(Cube\) raised ValueError: oops"):
            sess.run(g)


def test_a_bare_array_for_a_two_input_op_asks_for_a_list():
    class Both(ds.Operation):
        def compute(self, x, y):
            return x * y

    @ds.register_gradient("Both")
    def _bare(op, grad):
        return grad * op.input_values[1]

    a, b = ds.Variable([1.0, 2.0]), ds.Variable([3.0, 4.0])
    (g,) = ds.gradients(ds.reduce_sum(Both(a, b)), [a])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(ds.ShapeError, match="return a list with one gradient per input"):
            sess.run(g)


def test_check_numerics_reports_sizes_and_suggests_a_fix():
    x = ds.placeholder(ds.float32, name="x")
    y = ds.exp(x, name="grow")
    with ds.Session(check_numerics=True) as sess, pytest.raises(ds.NumericsError) as info:
        sess.run(y, {x: 1000.0})
    assert "'x' (Placeholder) up to 1e+03" in str(info.value) and "smaller learning rate" in str(info.value)


def test_a_gradient_stub_still_raising_not_implemented_passes_through_unwrapped():
    class Todo(ds.Operation):
        def compute(self, x):
            return x

    @ds.register_gradient("Todo")
    def _todo_grad(op, grad):
        raise NotImplementedError("write me")

    w = ds.Variable(1.0)
    (g,) = ds.gradients(Todo(w), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        with pytest.raises(NotImplementedError, match="write me"):
            sess.run(g)


def test_a_gradient_function_reads_values_by_their_own_names_and_attributes_as_compute_does():
    class Scale(ds.Operation):
        def __init__(self, x, factor, name=None):
            super().__init__(x, name=name)
            self.factor = factor

        def compute(self, x):
            return self.factor * x

    @ds.register_gradient("Scale")
    def _scale_grad(op, grad):
        assert op.node.inputs[0].op_type == "Variable"  # nodes, under the node's name for them
        return [grad * op.factor * np.ones_like(op.input_values[0])]  # op.factor: the node's attribute

    @ds.register_gradient("ScaleOld")
    def _old_style(op, grad):
        return [grad * op.inputs[0]]  # the name a node uses for its input *nodes*

    class ScaleOld(Scale):
        pass

    w = ds.Variable([1.0, 2.0], name="w")
    (good,) = ds.gradients(ds.reduce_sum(Scale(w, 3.0)), [w])
    (bad,) = ds.gradients(ds.reduce_sum(ScaleOld(w, 3.0, name="old")), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        np.testing.assert_allclose(sess.run(good), [3.0, 3.0])
        with pytest.raises(ds.OpError, match=r"'old' \(ScaleOld\).*use op.input_values"):
            sess.run(bad)
