"""The TF1 surface beyond the core (deepslow/tf1/): behaviours and errors. The numbers are
compared with TensorFlow in test_tf_parity.py and test_tf1_programs.py."""

import numpy as np
import pytest

import deepslow as tf
from deepslow.tf1 import missing


@pytest.fixture(autouse=True)
def fresh_graph():
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()


def run(fetches, feed_dict=None):
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(fetches, feed_dict)


# --- names outside the subset -------------------------------------------------------------------


@pytest.mark.parametrize(
    "namespace, name, closest",
    [
        (tf, "image", None),
        (tf.nn, "conv2d", "tf.layers.dense"),
        (tf.train, "polynomial_decay", "tf.train.exponential_decay"),
        (tf.layers, "conv2d", "tf.layers.dense"),
        (tf.losses, "huber_loss", "mean_squared_error"),
        (tf.summary, "image", "tf.summary.scalar"),
        (tf.initializers, "orthogonal", "glorot_uniform"),
        (tf, "Print", "print what sess.run returns"),
        (tf.math, "cumprod", None),
        (tf.random, "shuffle", None),
        (tf.logging, "log_every_n", None),
    ],
)
def test_a_tf1_name_outside_the_subset_says_so(namespace, name, closest):
    with pytest.raises(missing.NotInSubsetError) as error:
        getattr(namespace, name)
    message = str(error.value)
    assert "is part of TensorFlow 1 but not of deepslow's subset" in message and f"{name}`" in message
    if closest:
        assert "The closest deepslow has" in message and closest in message
    else:
        assert "closest" not in message
    assert isinstance(error.value, AttributeError) and not hasattr(namespace, name)


def test_a_typo_gets_pythons_own_error_with_its_suggestion():
    with pytest.raises(AttributeError) as error:
        tf.placeholdr  # noqa: B018 - the attribute access is what raises
    assert not isinstance(error.value, missing.NotInSubsetError)
    assert str(error.value) == "module 'deepslow' has no attribute 'placeholdr'"
    assert error.value.name == "placeholdr" and error.value.obj is tf  # what Python's "Did you mean" reads


def test_no_misleading_suggestion_for_a_tf1_name():
    """A TF1 name gets no name=/obj= on its error, so Python adds no "Did you mean" to it."""
    import traceback

    with pytest.raises(AttributeError) as error:
        tf.rsqrt  # noqa: B018
    text = "".join(traceback.format_exception(error.value))
    assert "Did you mean" not in text and "1.0 / tf.sqrt(x)" in text


def test_contrib_names_the_replacements():
    with pytest.raises(missing.NotInSubsetError, match="contrib is not supported|not supported by deepslow") as error:
        tf.contrib.layers.xavier_initializer()
    assert "xavier_initializer -> tf.glorot_uniform_initializer" in str(error.value)
    assert "fully_connected -> tf.layers.dense" in str(error.value)


def test_names_renamed_in_tf_1_0_name_their_new_spelling():
    with pytest.raises(missing.NotInSubsetError, match=r"TensorFlow 1.0 renamed it tf.multiply"):
        tf.mul  # noqa: B018
    with pytest.raises(missing.NotInSubsetError, match=r"tf.summary.FileWriter"):
        tf.train.SummaryWriter  # noqa: B018


def test_private_and_dunder_names_stay_ordinary():
    assert not hasattr(tf, "__wrapped__") and not hasattr(tf.nn, "_something")
    import importlib

    assert importlib.import_module("deepslow.cli").main  # a submodule still imports past the package's __getattr__


# --- dtypes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [("float", np.float32), ("double", np.float64), ("half", np.float16), ("float32", np.float32), (float, np.float32)],
)
def test_tf_dtype_names(name, expected):
    assert tf.as_dtype(name) == np.dtype(expected)
    assert tf.placeholder(name).dtype == np.dtype(expected)


def test_every_tf1_integer_dtype_is_there():
    for name in ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool"]:
        assert getattr(tf, name) == np.dtype(name)


def test_a_dtype_deepslow_does_not_know_says_which_it_knows():
    with pytest.raises(TypeError, match="tf.float32"):
        tf.placeholder("complex64")


def test_text_constants_hold_utf8_bytes_and_print_as_tf_strings():
    hello, words = tf.constant("Hello, TensorFlow!"), tf.constant(["naïve", "deep"])
    assert str(hello) == 'Tensor("Const:0", shape=(), dtype=string)' and tf.as_dtype("string") == tf.string
    with tf.Session() as sess:
        assert sess.run(hello) == b"Hello, TensorFlow!" and type(sess.run(hello)) is bytes
        assert sess.run(words).tolist() == ["naïve".encode(), b"deep"]
    with pytest.raises(TypeError, match="numeric or text"):
        tf.constant({"a": 1})


# --- operators --------------------------------------------------------------------------------


def test_comparison_and_logic_operators_build_ops():
    x = tf.placeholder(tf.float32, [3])
    ops = [
        x > 1.0,
        x < 1.0,
        x >= 1.0,
        x <= 1.0,
        (x > 0.0) & (x < 2.0),
        (x < 0.0) | (x > 2.0),
        (x > 1.0) ^ True,
        ~(x > 1.0),
    ]
    assert [op.op_type for op in ops] == [
        "Greater", "Less", "GreaterEqual", "LessEqual", "LogicalAnd", "LogicalOr", "LogicalXor", "LogicalNot",
    ]  # fmt: skip
    values = run(ops, {x: [0.0, 1.0, 3.0]})
    expected = [[0, 0, 1], [1, 0, 0], [0, 1, 1], [1, 1, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 1, 0]]
    assert [v.tolist() for v in values] == [[bool(b) for b in row] for row in expected]


def test_abs_rpow_and_slicing_operators():
    x = tf.Variable([[-1.0, 2.0], [3.0, -4.0]])
    values = run([abs(x), 2.0**x, x[0], x[:, 1], x[1, ::-1], x[None, 0]])
    np.testing.assert_allclose(values[0], [[1, 2], [3, 4]])
    np.testing.assert_allclose(values[1], 2.0 ** np.array([[-1.0, 2.0], [3.0, -4.0]]))
    assert values[2].tolist() == [-1, 2] and values[3].tolist() == [2, -4] and values[4].tolist() == [-4, 3]
    assert values[5].shape == (1, 2)


def test_a_node_cannot_be_iterated_or_tested_for_truth():
    x = tf.placeholder(tf.float32, [3])
    with pytest.raises(TypeError, match="cannot be iterated"):
        list(x)
    with pytest.raises(TypeError, match="cannot be iterated"):
        a, b, c = x
    with pytest.raises(TypeError, match="Run it in a Session"):
        if x > 0:
            pass


def test_slicing_with_a_node_or_a_list_is_refused_clearly():
    x = tf.placeholder(tf.float32, [3])
    with pytest.raises(TypeError, match="slices nodes with numbers only"):
        x[[0, 2]]  # noqa: B018
    with pytest.raises(TypeError, match="slices nodes with numbers only"):
        x[tf.constant(1)]  # noqa: B018


def test_node_op_is_the_node():
    w = tf.Variable([1.0], name="w")
    assert w.op is w and w.op.name == "w"


# --- random ops -------------------------------------------------------------------------------


def test_random_ops_draw_anew_each_run_and_restart_in_a_new_session():
    tf.set_random_seed(3)
    r = tf.random_normal([5])
    with tf.Session() as sess:
        first, second = sess.run(r), sess.run(r)
    with tf.Session() as sess:
        again = sess.run(r)
    assert not np.array_equal(first, second)
    np.testing.assert_array_equal(first, again)


def test_the_same_program_draws_the_same_numbers():
    def program():
        tf.reset_default_graph()
        tf.set_random_seed(11)
        ops = [tf.random_uniform([3]), tf.random_normal([2, 2], seed=4), tf.truncated_normal([4])]
        with tf.Session() as sess:
            return sess.run(ops)

    for a, b in zip(program(), program()):
        np.testing.assert_array_equal(a, b)


def test_an_op_seed_alone_fixes_the_op():
    a = tf.random_normal([3], seed=5)
    b = tf.random_normal([3], seed=5)
    c = tf.random_normal([3], seed=6)
    va, vb, vc = run([a, b, c])
    np.testing.assert_array_equal(va, vb)
    assert not np.array_equal(va, vc)


def test_random_op_distributions_shapes_and_dtypes():
    tf.set_random_seed(0)
    normal = tf.random_normal([20000], mean=1.0, stddev=2.0)
    uniform = tf.random_uniform([20000], -2.0, 4.0, dtype=tf.float64)
    truncated = tf.truncated_normal([20000], mean=5.0, stddev=0.5)
    integers = tf.random_uniform([20000], minval=3, maxval=6, dtype=tf.int32)
    n, u, t, i = run([normal, uniform, truncated, integers])
    assert n.dtype == np.float32 and abs(n.mean() - 1.0) < 0.05 and abs(n.std() - 2.0) < 0.05
    assert u.dtype == np.float64 and u.min() >= -2.0 and u.max() < 4.0 and abs(u.mean() - 1.0) < 0.05
    assert t.min() >= 4.0 and t.max() <= 6.0 and abs(t.mean() - 5.0) < 0.01
    assert i.dtype == np.int32 and set(np.unique(i)) == {3, 4, 5}
    assert normal.shape == (20000,) and normal.dtype == np.float32


def test_random_op_shape_from_a_node():
    x = tf.placeholder(tf.float32, [None, 3])
    noise = tf.random_normal(tf.shape(x))
    assert run(noise, {x: np.zeros((7, 3))}).shape == (7, 3)


def test_integer_random_uniform_needs_maxval():
    with pytest.raises(ValueError, match="needs maxval"):
        tf.random_uniform([2], dtype=tf.int32)


def test_a_random_initial_value_is_drawn_once_per_initialization():
    w = tf.Variable(tf.random_normal([3], seed=1))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        first = sess.run(w)
        np.testing.assert_array_equal(first, sess.run(w))  # reading the variable draws nothing


def test_dropout_keeps_the_expected_value_and_passes_gradients_only_where_kept():
    tf.set_random_seed(2)
    x = tf.Variable(np.ones((200, 50), np.float32))
    keep = tf.placeholder(tf.float32)
    out = tf.nn.dropout(x, keep)
    (grad,) = tf.gradients(tf.reduce_sum(out), [x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        value, g = sess.run([out, grad], {keep: 0.25})
        assert set(np.unique(value)) == {0.0, 4.0} and abs(value.mean() - 1.0) < 0.05
        np.testing.assert_array_equal(g, value)  # d(x·mask)/dx = mask
        np.testing.assert_array_equal(sess.run(out, {keep: 1.0}), np.ones((200, 50)))
        with pytest.raises(tf.OpError, match="keep_prob must be in"):
            sess.run(out, {keep: 0.0})


def test_dropout_rate_and_noise_shape():
    tf.set_random_seed(1)
    x = tf.ones([100, 4])
    rows = run(tf.nn.dropout(x, rate=0.5, noise_shape=[100, 1]))
    assert all(len(set(row)) == 1 for row in rows)  # one draw per row, broadcast along it
    with pytest.raises(ValueError, match="exactly one of keep_prob"):
        tf.nn.dropout(x)


# --- assign -----------------------------------------------------------------------------------


def test_assign_ops_and_methods():
    v = tf.Variable([1.0, 2.0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(tf.assign_add(v, [1.0, 1.0])).tolist() == [2.0, 3.0]
        assert sess.run(v.assign_sub([0.5, 0.5])).tolist() == [1.5, 2.5]
        assert sess.run(v.assign(v * 2)).tolist() == [3.0, 5.0]
        assert sess.run(v).tolist() == [3.0, 5.0]


def test_assign_needs_a_variable_and_keeps_its_shape():
    v = tf.Variable([1.0, 2.0])
    with pytest.raises(TypeError, match="tf.assign_add writes a Variable"):
        tf.assign_add(tf.constant([1.0]), 1.0)
    bad = tf.assign(v, [1.0, 2.0, 3.0])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(tf.ShapeError):
            sess.run(bad)
        assert sess.run(v).tolist() == [1.0, 2.0]  # a failed run changed nothing


def test_a_failing_run_commits_no_assignment():
    v = tf.Variable(1.0)
    x = tf.placeholder(tf.float32)
    step = tf.assign_add(v, 1.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        with pytest.raises(tf.DeepslowError):
            sess.run([step, tf.log(x) + tf.matmul(tf.ones([2, 3]), tf.ones([2, 3]))], {x: 1.0})
        assert sess.run(v) == 1.0


# --- scopes and get_variable ------------------------------------------------------------------


def test_name_scopes_name_nodes_as_tf_does():
    with tf.name_scope("loss") as scope:
        a = tf.constant(1.0)
        with tf.name_scope("inner"):
            b = tf.add(a, a)
    with tf.name_scope("loss") as second:
        c = tf.constant(2.0)
    with tf.name_scope(None, "fallback") as third:
        d = tf.constant(3.0)
    assert scope == "loss/" and second == "loss_1/" and third == "fallback/"
    assert [a.name, b.name, c.name, d.name] == ["loss/Const", "loss/inner/Add", "loss_1/Const", "fallback/Const"]


def test_get_variable_reuse_modes():
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [2, 3], initializer=tf.zeros_initializer())
    with tf.variable_scope("model", reuse=True):
        assert tf.get_variable("w") is w
        with tf.variable_scope("inner"):  # reuse is inherited
            with pytest.raises(ValueError, match="Variable model/inner/v does not exist"):
                tf.get_variable("v", [1])
    with tf.variable_scope("model"):
        with pytest.raises(ValueError, match="Variable model/w already exists, disallowed"):
            tf.get_variable("w", [2, 3])
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        assert tf.get_variable("w", [2, 3]) is w
        fresh = tf.get_variable("fresh", [1])
    with tf.variable_scope("model", reuse=True):
        with pytest.raises(ValueError, match=r"specified shape \(3, 3\) and found shape \(2, 3\)"):
            tf.get_variable("w", [3, 3])
    assert w.name == "model/w" and fresh.name == "model/fresh"


def test_variable_scope_object_reuse_variables_and_default_names():
    with tf.variable_scope("net") as scope:
        a = tf.get_variable("a", [1])
        scope.reuse_variables()
        assert tf.get_variable("a") is a
    with tf.variable_scope(scope, reuse=True):
        assert tf.get_variable("a") is a
    with tf.variable_scope(None, default_name="block") as b1:
        pass
    with tf.variable_scope(None, default_name="block") as b2:
        pass
    assert (b1.name, b2.name) == ("block", "block_1")


def test_get_variable_ignores_name_scopes_and_its_initializers():
    with tf.name_scope("outer"):
        v = tf.get_variable("v", [3], initializer=tf.constant_initializer(2.5))
        c = tf.get_variable("c", initializer=tf.constant([1.0, 2.0]))
        n = tf.get_variable("n", [2, 2], initializer=tf.random_normal_initializer(seed=1))
    assert (v.name, c.name, n.name) == ("v", "c", "n")
    values = run([v, c, n])
    assert values[0].tolist() == [2.5] * 3 and values[1].tolist() == [1.0, 2.0] and values[2].shape == (2, 2)
    with pytest.raises(ValueError, match="needs a shape"):
        tf.get_variable("no_shape", initializer=tf.zeros_initializer())


def test_get_variable_regularizer_feeds_the_regularization_loss():
    w = tf.get_variable("w", initializer=tf.constant([3.0, 4.0]), regularizer=lambda t: 0.5 * tf.nn.l2_loss(t))
    assert run(tf.losses.get_regularization_loss()) == pytest.approx(0.5 * 12.5)
    assert tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES) == [w]


def test_get_collection_scope_filters_by_name():
    with tf.variable_scope("gen"):
        g = tf.get_variable("w", [1])
    with tf.variable_scope("disc"):
        d = tf.get_variable("w", [1])
    assert tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="gen") == [g]
    assert tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, "disc") == [d]
    tf.add_to_collection("mine", g)
    assert tf.get_collection("mine") == [g] and tf.get_collection("nothing") == []


# --- initializers -----------------------------------------------------------------------------


def test_initializers_follow_tf1s_formulas():
    tf.set_random_seed(5)
    shape = [400, 600]
    made = {
        "glorot_uniform": tf.glorot_uniform_initializer()(shape),
        "glorot_normal": tf.glorot_normal_initializer()(shape),
        "he_normal": tf.initializers.he_normal()(shape),
        "scaling_uniform": tf.variance_scaling_initializer(2.0, "fan_out", "uniform")(shape),
        "truncated": tf.truncated_normal_initializer(stddev=0.1)(shape),
        "uniform": tf.random_uniform_initializer(-0.5, 0.5)(shape),
        "normal": tf.random_normal_initializer(1.0, 0.2)(shape),
    }
    v = run(made)
    limit = np.sqrt(6 / 1000)
    assert np.abs(v["glorot_uniform"]).max() <= limit and np.abs(v["glorot_uniform"]).max() > 0.99 * limit
    assert v["glorot_normal"].std() == pytest.approx(np.sqrt(2 / 1000), rel=0.02)
    assert v["he_normal"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert np.abs(v["scaling_uniform"]).max() <= np.sqrt(3 * 2 / 600)
    assert np.abs(v["truncated"]).max() <= 0.2 and v["uniform"].min() >= -0.5
    assert v["normal"].mean() == pytest.approx(1.0, abs=0.01)


def test_constant_initializers():
    values = run(
        [
            tf.zeros_initializer()([2]),
            tf.ones_initializer(dtype=tf.int32)([2]),
            tf.constant_initializer([1, 2, 3, 4])([2, 2]),
        ]
    )
    assert values[0].tolist() == [0, 0] and values[1].dtype == np.int32 and values[2].tolist() == [[1, 2], [3, 4]]
    with pytest.raises(ValueError, match="has 3 values"):
        tf.constant_initializer([1, 2, 3])([2, 2])


# --- layers -----------------------------------------------------------------------------------


def test_dense_names_shapes_and_reuse():
    x = tf.placeholder(tf.float32, [None, 3])
    h = tf.layers.dense(x, 4, activation=tf.nn.relu)
    out = tf.layers.dense(h, 2, name="out")
    again = tf.layers.dense(tf.nn.dropout(h, 0.5), 2, name="out", reuse=True)
    names = [v.name for v in tf.trainable_variables()]
    assert names == ["dense/kernel", "dense/bias", "out/kernel", "out/bias"]
    assert h.name == "dense/Relu" and out.name == "out/BiasAdd" and again.name == "out_1/BiasAdd"
    assert run(out, {x: np.ones((5, 3))}).shape == (5, 2)


def test_dense_says_when_it_cannot_tell_the_input_size():
    x = tf.placeholder(tf.float32)
    with pytest.raises(ValueError, match="needs the size of the last dimension"):
        tf.layers.dense(x, 3)


def test_layers_dropout_training_flag_and_flatten():
    x = tf.ones([50, 20])
    training = tf.placeholder(tf.bool)
    out = tf.layers.dropout(x, rate=0.5, training=training)
    flat = tf.layers.flatten(tf.zeros([4, 2, 3]))
    with tf.Session() as sess:
        assert np.all(sess.run(out, {training: False}) == 1.0)
        assert set(np.unique(sess.run(out, {training: True}))) == {0.0, 2.0}
        assert sess.run(flat).shape == (4, 6)
    assert run(tf.layers.dropout(x, training=False)).tolist() == np.ones((50, 20)).tolist()


# --- losses and the global step ---------------------------------------------------------------


def test_losses_go_to_the_losses_collection_and_total():
    a = tf.losses.mean_squared_error(tf.constant([1.0, 2.0]), tf.constant([1.5, 2.0]))
    b = tf.losses.absolute_difference(tf.constant([1.0]), tf.constant([3.0]), weights=2.0)
    assert tf.losses.get_losses() == [a, b]
    assert run(tf.losses.get_total_loss()) == pytest.approx(0.125 + 4.0)


def test_weighted_loss_counts_only_nonzero_weights():
    loss = tf.losses.mean_squared_error([[1.0], [2.0], [3.0]], [[2.0], [2.0], [5.0]], weights=[[1.0], [0.0], [2.0]])
    assert run(loss) == pytest.approx((1.0 + 0.0 + 8.0) / 2)
    none = tf.losses.absolute_difference([1.0, 2.0], [2.0, 4.0], reduction=tf.losses.Reduction.NONE)
    assert run(none).tolist() == [1.0, 2.0]


def test_global_step_is_created_once_and_counts_training_steps():
    step = tf.train.get_or_create_global_step()
    assert tf.train.get_or_create_global_step() is step and tf.train.get_global_step() is step
    with pytest.raises(ValueError, match="already exists"):
        tf.train.create_global_step()
    w = tf.Variable(1.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w), global_step=step)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(train)
        assert sess.run(step) == 3 and step.name == "global_step" and not step.trainable


# --- odds and ends ----------------------------------------------------------------------------


def test_logging_calls_are_harmless():
    tf.logging.set_verbosity(tf.logging.ERROR)
    assert tf.logging.get_verbosity() == tf.logging.ERROR
    tf.logging.info("not shown")
    tf.logging.set_verbosity(tf.logging.WARN)


def test_old_initializer_names_and_local_variables():
    w = tf.Variable(2.0)
    with tf.Session() as sess:
        sess.run(tf.initialize_all_variables())
        sess.run(tf.local_variables_initializer())
        assert sess.run(w) == 2.0
    assert tf.all_variables() == [w] and tf.local_variables() == []


def test_init_run_and_eval_in_an_interactive_session():
    w = tf.Variable([1.0, 2.0])
    init = tf.global_variables_initializer()
    sess = tf.InteractiveSession()
    try:
        init.run()
        assert (w * 2.0).eval().tolist() == [2.0, 4.0]
    finally:
        sess.close()


def test_sparse_softmax_cross_entropy_rejects_float_or_out_of_range_labels():
    logits = tf.constant([[1.0, 2.0, 3.0]])
    with tf.Session() as sess:
        with pytest.raises(tf.OpError, match="labels must be class indices"):
            sess.run(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([1.0]), logits=logits))
        with pytest.raises(tf.OpError, match=r"outside \[0, 3\)"):
            sess.run(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([3]), logits=logits))


def test_every_tf1_op_function_is_in_a_parity_test():
    """Each public function of the TF1 op modules is used by a TF-parity program (in-process in
    test_tf_parity.py, or a corpus program in tf1_programs/), so TF checks its numbers."""
    import importlib
    import inspect
    import pathlib

    tests = pathlib.Path(__file__).parent
    text = (tests / "test_tf_parity.py").read_text() + "".join(
        p.read_text() for p in (tests / "tf1_programs").glob("*.py")
    )
    untested = []
    themes = "array_ops clip_ops control_ops index_ops layers logic_ops losses math_ops nn_ops random_ops state_ops"
    for module in [importlib.import_module(f"deepslow.tf1.{theme}") for theme in themes.split()]:
        for name, value in vars(module).items():
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_"):
                if f".{name}(" not in text and name not in ("strided_slice_of",):  # (x[...] builds that one)
                    untested.append(f"{module.__name__}.{name}")
    assert not untested, f"no parity test uses {untested}"


def test_control_dependencies_on_ops_says_what_to_do_instead():
    """An empty list (no UPDATE_OPS) is fine; ops to order first are refused, not silently unordered."""
    counter = tf.Variable(0.0, name="counter")
    with tf.control_dependencies(None), tf.control_dependencies([]):
        doubled = counter * 2.0
    bump = tf.assign_add(counter, 1.0, name="bump")
    with pytest.raises(missing.NotInSubsetError, match=r"control_dependencies\(\[bump\]\).*tf.group\(train_op"):
        with tf.control_dependencies([bump]):
            pass
    assert run(doubled) == 0.0


def test_group_runs_every_op_and_refuses_what_is_not_one():
    a, b = tf.Variable(1.0), tf.Variable(5.0)
    both = tf.group([tf.assign_add(a, 1.0)], tf.assign_sub(b, 1.0), name="both")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(both) is None and sess.run(tf.no_op()) is None
        assert sess.run([a, b]) == [2.0, 4.0]
    with pytest.raises(TypeError, match="tf.group takes ops or tensors; got int"):
        tf.group(a, 3)


def test_truncated_normal_redraws_a_single_number_too():
    tf.set_random_seed(0)
    scalar = tf.truncated_normal([], stddev=1.0)
    with tf.Session() as sess:
        draws = [sess.run(scalar) for _ in range(300)]
    assert max(abs(d) for d in draws) <= 2.0 and np.shape(draws[0]) == ()


def test_cast_of_a_node_whose_dtype_is_not_known_yet_is_a_real_cast():
    x = tf.placeholder(tf.float64, shape=(None, 2))
    same = tf.equal(tf.argmax(x, axis=1), tf.argmax(x, axis=1))  # a bool, known only once it runs
    correct = tf.cast(same, tf.float64)
    assert correct is not same and correct.op_type == "Cast"
    with tf.Session() as sess:
        assert sess.run(correct, {x: [[1.0, 2.0]]}).dtype == np.float64


def test_get_shape_reads_as_in_tf1():
    x = tf.placeholder(tf.float32, [None, 3])
    shape = x.get_shape()
    assert shape.as_list() == [None, 3] and shape.ndims == 2 and str(shape) == "(?, 3)"
    assert shape[1].value == 3 and int(shape[1]) == 3 and shape[1] == 3 and shape[0].value is None
    assert tf.zeros([shape[1], 2]).shape == (3, 2)  # a Dimension works as a size
    assert (shape[1] * 2).value == 6 and (shape[0] * 2).value is None
    unknown = tf.placeholder(tf.float32).get_shape()
    assert str(unknown) == "<unknown>" and unknown.ndims is None
    with pytest.raises(ValueError, match="unknown"):
        unknown.as_list()
    with pytest.raises(ValueError, match="unknown"):
        int(shape[0])


def test_session_config_is_accepted_and_changes_nothing():
    config = tf.ConfigProto(log_device_placement=True)
    config.gpu_options.allow_growth = True
    assert config.allow_soft_placement is False and "log_device_placement=True" in repr(config)
    with tf.Session(config=config) as sess:
        assert sess.run(tf.constant(2) + 3) == 5
    with tf.Session("", config=tf.ConfigProto(gpu_options=tf.GPUOptions(per_process_gpu_memory_fraction=0.5))) as sess:
        assert sess.graph is tf.get_default_graph()


@pytest.mark.parametrize("compile_plans", [True, False])
def test_a_learning_rate_can_be_a_node(compile_plans):
    w = tf.Variable([4.0], name="w")
    loss = tf.reduce_sum(tf.square(w))
    rate = tf.placeholder(tf.float32, [], name="rate")
    step = tf.Variable(0, trainable=False, name="step")
    train = tf.train.GradientDescentOptimizer(rate, name="SGD").minimize(loss, global_step=step)
    decayed = tf.train.exponential_decay(0.1, step, 2, 0.5, staircase=True)
    assert train.name == "SGD"
    with tf.Session(compile_plans=compile_plans) as sess:
        sess.run(tf.global_variables_initializer())
        values = []
        for r in (0.25, 0.25, 0.125):
            sess.run(train, {rate: r})
            values.append(float(sess.run(w)[0]))
        np.testing.assert_allclose(values, [2.0, 1.0, 0.75])  # w <- w - r * 2w
        assert sess.run(step) == 3 and np.isclose(sess.run(decayed), 0.1 * 0.5)


def test_cutting_and_picking_say_what_they_need():
    batch = tf.placeholder(tf.float32, (None, 3), name="batch")
    with pytest.raises(ValueError, match=r"unstack needs the size of axis 0 of 'batch'.*not known yet"):
        tf.unstack(batch)
    assert len(tf.unstack(batch, axis=1)) == 3  # that axis has a known size
    table = tf.Variable(np.zeros((4, 3), np.float32))
    with pytest.raises(ValueError, match=r"do not add up to axis 1's size 3"):
        tf.split(table, [1, 1], axis=1)
    with pytest.raises(ValueError, match="cannot cut axis 0 of size 4 into 3 equal pieces"):
        tf.split(table, 3)
    with pytest.raises(TypeError, match="one embedding matrix.*tf.concat"):
        tf.nn.embedding_lookup([table, table], [0])
    with pytest.raises(TypeError, match="multiples as numbers"):
        tf.tile(table, tf.constant([1, 2]))
    assert len(tf.split(table, [1, -1], axis=1)) == 2 and tf.gather(table, [[0, 1]]).get_shape().as_list() == [1, 2, 3]
