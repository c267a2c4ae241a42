"""Every op's forward value and gradient, on small hand-checkable inputs."""

import numpy as np
import pytest

import deepslow as ds


@pytest.fixture(autouse=True)
def fresh_graph():
    ds.reset_default_graph()


def run(node, feed=None):
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        return sess.run(node, feed)


def grad_of(build, *arrays):
    """Gradient of sum(build(*vars)) with respect to each input, in float64."""
    variables = [ds.Variable(np.asarray(a, dtype=np.float64)) for a in arrays]
    out = build(*variables)
    return run(ds.gradients(ds.reduce_sum(out), variables)), out


A = np.array([[1.0, -2.0], [3.0, 0.5]])
B = np.array([[0.5, 2.0], [-1.0, 4.0]])
V = np.array([2.0, -3.0])


@pytest.mark.parametrize(
    "build, expected",
    [
        (lambda a, b: ds.add(a, b), A + B),
        (lambda a, b: ds.subtract(a, b), A - B),
        (lambda a, b: ds.multiply(a, b), A * B),
        (lambda a, b: ds.divide(a, b), A / B),
        (lambda a, b: ds.matmul(a, b), A @ B),
        (lambda a, b: a + b, A + B),
        (lambda a, b: a - b, A - B),
        (lambda a, b: a * b, A * B),
        (lambda a, b: a / b, A / B),
        (lambda a, b: a @ b, A @ B),
    ],
)
def test_binary_forward(build, expected):
    np.testing.assert_allclose(run(build(ds.constant(A), ds.constant(B))), expected, rtol=1e-6)


def test_binary_gradients():
    (ga, gb), _ = grad_of(ds.multiply, A, B)
    np.testing.assert_allclose(ga, B)
    np.testing.assert_allclose(gb, A)
    (ga, gb), _ = grad_of(ds.divide, A, B)
    np.testing.assert_allclose(ga, 1 / B)
    np.testing.assert_allclose(gb, -A / B**2)
    (ga, gb), _ = grad_of(ds.subtract, A, B)
    np.testing.assert_allclose(gb, -np.ones_like(B))
    (ga, gb), _ = grad_of(ds.matmul, A, B)
    np.testing.assert_allclose(ga, np.ones((2, 2)) @ B.T)
    np.testing.assert_allclose(gb, A.T @ np.ones((2, 2)))


def test_broadcast_gradients_are_summed_back_to_each_shape():
    (ga, gv), out = grad_of(ds.add, A, V)
    assert ga.shape == (2, 2) and gv.shape == (2,)
    np.testing.assert_allclose(gv, [2.0, 2.0])  # each bias entry was used by both rows
    (ga, gv), _ = grad_of(ds.multiply, A, V)
    np.testing.assert_allclose(gv, A.sum(axis=0))
    (gcol, grow), _ = grad_of(ds.add, np.ones((3, 1)), np.ones((1, 4)))
    np.testing.assert_allclose(gcol, np.full((3, 1), 4.0))
    np.testing.assert_allclose(grow, np.full((1, 4), 3.0))


def test_unbroadcast_rule():
    g = np.arange(12.0).reshape(2, 2, 3)
    np.testing.assert_allclose(ds.unbroadcast(g, (3,)), g.sum(axis=(0, 1)))
    np.testing.assert_allclose(ds.unbroadcast(g, (2, 1, 3)), g.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(ds.unbroadcast(g, ()), g.sum())
    assert ds.unbroadcast(g, (2, 2, 3)) is g


@pytest.mark.parametrize(
    "build, forward, local_derivative",
    [
        (ds.negative, lambda x: -x, lambda x: -np.ones_like(x)),
        (ds.square, lambda x: x**2, lambda x: 2 * x),
        (ds.exp, np.exp, np.exp),
        (ds.tanh, np.tanh, lambda x: 1 - np.tanh(x) ** 2),
        (ds.sigmoid, lambda x: 1 / (1 + np.exp(-x)), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
        (ds.nn.sigmoid, lambda x: 1 / (1 + np.exp(-x)), lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
        (ds.nn.relu, lambda x: np.maximum(x, 0), lambda x: (x > 0) * 1.0),
        (lambda x: -x, lambda x: -x, lambda x: -np.ones_like(x)),
        (lambda x: x**3, lambda x: x**3, lambda x: 3 * x**2),
    ],
)
def test_unary_ops(build, forward, local_derivative):
    x = np.array([[-2.0, -0.5], [0.25, 3.0]])
    (g,), out = grad_of(build, x)
    np.testing.assert_allclose(run(out), forward(x), rtol=1e-12)
    np.testing.assert_allclose(g, local_derivative(x), rtol=1e-12)


def test_log_forward_and_gradient():
    x = np.array([0.5, 1.0, 4.0])
    (g,), out = grad_of(ds.log, x)
    np.testing.assert_allclose(run(out), np.log(x))
    np.testing.assert_allclose(g, 1 / x)


def test_sigmoid_does_not_overflow():
    out = run(ds.sigmoid(ds.constant([-1000.0, 0.0, 1000.0])))
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0])
    assert np.all(np.isfinite(out))


def test_softmax_forward_is_stable_and_rows_sum_to_one():
    z = np.array([[1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]])
    p = run(ds.softmax(ds.constant(z, dtype=np.float64)))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    np.testing.assert_allclose(p, e / e.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


def test_softmax_gradient_matches_jacobian():
    z = np.array([0.2, -1.0, 0.7])
    weights = np.array([1.0, 2.0, -3.0])
    variable = ds.Variable(z)
    (g,) = run(ds.gradients(ds.reduce_sum(ds.softmax(variable) * weights), [variable]))
    p = np.exp(z) / np.exp(z).sum()
    jacobian = np.diag(p) - np.outer(p, p)
    np.testing.assert_allclose(g, jacobian @ weights)


def test_softmax_along_other_axis():
    z = np.array([[1.0, 2.0], [3.0, 5.0]])
    p = run(ds.softmax(ds.constant(z), axis=0))
    np.testing.assert_allclose(p.sum(axis=0), 1.0, rtol=1e-6)


def test_fused_cross_entropy_is_stable_and_correct():
    labels = np.array([[0.0, 1.0], [1.0, 0.0]])
    logits = np.array([[2.0, -1.0], [1000.0, -1000.0]])
    (g_logits,), out = grad_of(
        lambda z: ds.nn.softmax_cross_entropy_with_logits_v2(labels=ds.constant(labels), logits=z), logits
    )
    loss = run(out)
    np.testing.assert_allclose(loss, [3.0 + np.log(1 + np.exp(-3.0)), 0.0], rtol=1e-6)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(g_logits, p - labels)


def test_fused_cross_entropy_gradient_reuses_the_saved_softmax_and_recomputes_without_it():
    labels = np.array([[0.0, 1.0], [0.2, 0.8]])
    logits = np.array([[2.0, -1.0], [0.5, 3.0]])
    op = ds.nn.softmax_cross_entropy_with_logits_v2(labels=ds.constant(labels), logits=ds.constant(logits))
    loss, saved = op.compute_and_save(labels, logits)
    np.testing.assert_allclose(loss, op.compute(labels, logits))
    np.testing.assert_allclose(saved, np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True))
    grad_fn = ds.registry.get_gradient(op)
    grad = np.array([1.0, 2.0])
    # With a planted "saved" softmax the gradient must use it, not recompute it ...
    planted = np.full_like(saved, 0.5)
    uses = grad_fn(ds.registry.OpValues(op, [labels, logits], loss, (False, True), planted), grad)
    np.testing.assert_allclose(uses[1], grad[:, None] * (planted - labels))
    # ... and a hand-written backward pass that kept nothing (lesson 4's) gets the same as the session.
    fresh = grad_fn(ds.registry.OpValues(op, [labels, logits], loss, (True, True)), grad)
    np.testing.assert_allclose(fresh[1], grad[:, None] * (saved - labels))
    np.testing.assert_allclose(fresh[0], -grad[:, None] * np.log(saved))


def test_a_learners_op_can_save_work_for_its_gradient():
    seen = []

    class SavingCube(ds.Operation):
        def compute_and_save(self, x):
            square = x * x
            return square * x, square

    @ds.register_gradient("SavingCube")
    def _cube_grad(op, grad):
        seen.append(op.saved)
        (x,) = op.input_values
        square = x * x if op.saved is None else op.saved
        return [grad * 3 * square]

    w = ds.Variable(np.array([1.0, 2.0]))
    (g,) = ds.gradients(ds.reduce_sum(SavingCube(w)), [w])
    np.testing.assert_allclose(run(g), [3.0, 12.0])
    np.testing.assert_allclose(seen[-1], [1.0, 4.0])  # the session handed over what compute_and_save kept


def test_naive_log_softmax_overflows_where_fused_op_does_not():
    labels = ds.constant([[1.0, 0.0]])
    logits = ds.constant([[-1000.0, 1000.0]])
    naive = -ds.reduce_sum(labels * ds.log(ds.softmax(logits)))
    fused = ds.reduce_sum(ds.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))
    assert not np.isfinite(run(naive))
    assert run(fused) == pytest.approx(2000.0)


def test_cross_entropy_needs_keywords():
    with pytest.raises(TypeError, match="labels=.*logits="):
        ds.nn.softmax_cross_entropy_with_logits_v2(None, ds.constant([1.0]))


@pytest.mark.parametrize(
    "axis, keepdims",
    [(None, False), (0, False), (1, False), (-1, False), ((0, 1), False), (1, True), ((0, 2), True), (None, True)],
)
@pytest.mark.parametrize("reduce, np_reduce", [(ds.reduce_sum, np.sum), (ds.reduce_mean, np.mean)])
def test_reductions(reduce, np_reduce, axis, keepdims):
    x = np.arange(24.0).reshape(2, 3, 4)
    variable = ds.Variable(x)
    out = reduce(variable, axis=axis, keepdims=keepdims)
    value = run(out)
    np.testing.assert_allclose(value, np_reduce(x, axis=axis, keepdims=keepdims))
    (g,) = run(ds.gradients(ds.reduce_sum(out * 2.0), [variable]))
    count = x.size // np.size(value) if np_reduce is np.mean else 1
    np.testing.assert_allclose(g, np.full(x.shape, 2.0 / count))


def test_reduction_tf1_spellings():
    x = ds.constant([[1.0, 2.0], [3.0, 4.0]])
    np.testing.assert_allclose(run(ds.reduce_sum(x, reduction_indices=[1])), [3.0, 7.0])
    assert run(ds.reduce_mean(x, 0, keep_dims=True)).shape == (1, 2)


def test_transpose_and_reshape():
    x = np.arange(6.0).reshape(2, 3)
    (g,), out = grad_of(lambda v: ds.transpose(v) * np.arange(6.0).reshape(3, 2), x)
    np.testing.assert_allclose(run(out), x.T * np.arange(6.0).reshape(3, 2))
    np.testing.assert_allclose(g, np.arange(6.0).reshape(3, 2).T)
    y = np.arange(24.0).reshape(2, 3, 4)
    (g,), out = grad_of(lambda v: ds.transpose(v, perm=[2, 0, 1]) * 2.0, y)
    assert run(out).shape == (4, 2, 3)
    np.testing.assert_allclose(g, np.full(y.shape, 2.0))
    (g,), out = grad_of(lambda v: ds.reshape(v, (3, -1)) * np.arange(6.0).reshape(3, 2), x)
    assert run(out).shape == (3, 2)
    np.testing.assert_allclose(g, np.arange(6.0).reshape(2, 3))


def test_argmax_equal_cast_values_match_tf():
    scores = ds.constant([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    labels = ds.constant([[0.0, 1.0], [0.0, 1.0], [0.0, 1.0]])
    predicted = ds.argmax(scores, axis=1)
    correct = ds.equal(predicted, ds.argmax(labels, 1))
    accuracy = ds.reduce_mean(ds.cast(correct, ds.float32))
    assert run(predicted).dtype == np.int64
    np.testing.assert_array_equal(run(predicted), [1, 0, 1])
    np.testing.assert_array_equal(run(correct), [True, False, True])
    assert run(accuracy) == pytest.approx(2 / 3)
    assert run(accuracy).dtype == np.float32
    np.testing.assert_array_equal(run(ds.argmax(scores)), [1, 0])  # TF1: axis 0 when omitted


def test_cast_passes_gradient_between_floats_only():
    x = ds.Variable([1.5, 2.5])
    (g,) = run(ds.gradients(ds.reduce_sum(ds.cast(x, ds.float64) * 3.0), [x]))
    np.testing.assert_allclose(g, [3.0, 3.0])
    as_int = ds.cast(x, ds.int32)
    assert run(as_int).dtype == np.int32
    assert ds.gradients(ds.reduce_sum(ds.cast(as_int, ds.float32)), [x]) == [None]


def test_accuracy_ops_have_no_gradient_but_do_not_break_backprop():
    w = ds.Variable([[1.0, -1.0]])
    scores = w * ds.constant([[2.0, 1.0]])
    loss = ds.reduce_sum(ds.square(scores))
    ds.argmax(scores, 1)  # an extra consumer of scores, off the path to the loss
    (g,) = run(ds.gradients(loss, [w]))
    np.testing.assert_allclose(g, [[8.0, -2.0]])


def test_pow_requires_a_number():
    # the core's Pow (what the lessons read) takes a fixed power; tf.pow also takes nodes (tf1/math_ops.py)
    with pytest.raises(TypeError, match="fixed number"):
        ds.ops.pow(ds.constant(2.0), ds.constant(3.0))


@pytest.mark.parametrize("ta, tb", [(False, True), (True, False), (True, True)])
def test_matmul_transpose_flags(ta, tb):
    a = np.arange(6.0).reshape(3, 2) if ta else np.arange(6.0).reshape(2, 3)
    b = np.arange(12.0).reshape(4, 3) if tb else np.arange(12.0).reshape(3, 4)
    (ga, gb), out = grad_of(lambda x, y: ds.matmul(x, y, transpose_a=ta, transpose_b=tb), a, b)
    A, B = (a.T if ta else a), (b.T if tb else b)
    np.testing.assert_allclose(run(out), A @ B)
    dA, dB = np.ones((2, 4)) @ B.T, A.T @ np.ones((2, 4))
    np.testing.assert_allclose(ga, dA.T if ta else dA)
    np.testing.assert_allclose(gb, dB.T if tb else dB)


def test_gradient_functions_learn_which_inputs_need_a_gradient():
    seen = []

    class Scale(ds.Operation):
        def compute(self, x, w):
            return x * w

    @ds.register_gradient("Scale")
    def _scale_grad(op, grad):
        seen.append(op.needs_grad)
        x, w = op.input_values
        return [grad * w if op.needs_grad[0] else None, ds.unbroadcast(grad * x, np.shape(w))]

    data = ds.placeholder(ds.float64, (None, 2))
    w = ds.Variable(np.array([1.0, 2.0]))
    (g,) = ds.gradients(ds.reduce_sum(Scale(data, w)), [w])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        np.testing.assert_allclose(sess.run(g, {data: [[1.0, 3.0], [2.0, 5.0]]}), [3.0, 8.0])
    assert seen == [(False, True)]  # the data placeholder leads to no variable


def test_an_opvalues_made_by_hand_from_values_serves_every_library_gradient():
    """Lesson 4's backward pass builds OpValues(node, input values, output value) itself; gradients
    that read only their inputs' shapes (add, subtract) read them off the values given."""
    from deepslow.registry import OpValues, get_gradient, reads_of

    x = ds.placeholder(ds.float64, (2, 3))
    b = ds.placeholder(ds.float64, (3,))
    for node in (x + b, x - b):
        assert reads_of(node.op_type) == {"input shapes"}
        op = OpValues(node, [np.ones((2, 3)), np.ones(3)], np.ones((2, 3)))
        grad_x, grad_b = get_gradient(node)(op, np.full((2, 3), 2.0))
        assert grad_x.shape == (2, 3) and grad_b.shape == (3,) and abs(grad_b[0]) == 4.0
