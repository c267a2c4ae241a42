"""Property tests: every differentiable op's gradient against central differences, over random
shapes (with broadcasting and every axis form), and random graphs with shared nodes against a
plain NumPy evaluation."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deepslow as ds

SETTINGS = settings(max_examples=30, deadline=None)


def numerical_gradient(loss, variable, value, eps=1e-6):
    """Central differences of sum(loss) with respect to `variable`, fed as `value`."""
    grad = np.zeros_like(value)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        for index in np.ndindex(value.shape):
            shifted = value.copy()
            shifted[index] += eps
            up = np.sum(sess.run(loss, {variable: shifted}))
            shifted[index] -= 2 * eps
            down = np.sum(sess.run(loss, {variable: shifted}))
            grad[index] = (up - down) / (2 * eps)
    return grad


def assert_gradients_match(build, arrays, seed=0):
    """Build out = build(*variables); compare d sum(out * R)/d variable with central differences."""
    ds.reset_default_graph()
    variables = [ds.Variable(a) for a in arrays]
    out = build(*variables)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        shape = np.shape(sess.run(out))
    weights = np.random.default_rng(seed).uniform(0.5, 1.5, shape)
    loss = ds.reduce_sum(out * weights)
    analytic = ds.gradients(loss, variables)
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        got = sess.run(analytic)
    for variable, value, g in zip(variables, arrays, got):
        assert g.shape == value.shape, f"gradient of {variable.name} has shape {g.shape}, not {value.shape}"
        np.testing.assert_allclose(g, numerical_gradient(loss, variable, value), rtol=1e-5, atol=1e-6)


shapes = st.lists(st.integers(1, 3), min_size=0, max_size=3).map(tuple)


@st.composite
def broadcast_pair(draw):
    """Two shapes that broadcast together: drop leading axes and squash some axes to 1."""
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple))
    keep = draw(st.integers(0, len(shape)))
    other = list(shape[len(shape) - keep :])
    for i in range(len(other)):
        if draw(st.booleans()):
            other[i] = 1
    if draw(st.booleans()):
        return shape, tuple(other)
    return tuple(other), shape


def array(shape, seed, low=-2.0, high=2.0):
    return np.asarray(np.random.default_rng(seed).uniform(low, high, shape))


def away_from_zero(shape, seed):
    a = array(shape, seed, 0.5, 2.0)
    return np.asarray(a * np.random.default_rng(seed + 1).choice([-1.0, 1.0], shape))


def positive(shape, seed):
    return array(shape, seed, 0.3, 3.0)


BINARY = {
    "add": (ds.add, array),
    "subtract": (ds.subtract, array),
    "multiply": (ds.multiply, array),
    "divide": (ds.divide, away_from_zero),
    # the TF1 surface (deepslow/tf1/): the second operand is shifted so that no element ties
    "maximum": (lambda x, y: ds.maximum(x, y + 0.01), array),
    "minimum": (lambda x, y: ds.minimum(x, y + 0.01), array),
    "squared_difference": (ds.squared_difference, array),
    "pow_node_exponent": (lambda x, y: ds.pow(ds.abs(x) + 0.5, y), array),
    "where": (lambda x, y: ds.where(ds.greater(x, 0.0), x * 2.0, y), array),
}


@pytest.mark.parametrize("op", list(BINARY))
@SETTINGS
@given(pair=broadcast_pair(), seed=st.integers(0, 1000))
def test_binary_ops_broadcast_backward(op, pair, seed):
    build, maker = BINARY[op]
    assert_gradients_match(build, [array(pair[0], seed), maker(pair[1], seed + 7)], seed)


UNARY = {
    "negative": (ds.negative, array),
    "square": (ds.square, array),
    "exp": (ds.exp, array),
    "log": (ds.log, lambda shape, seed: array(shape, seed, 0.3, 3.0)),
    "sigmoid": (ds.sigmoid, array),
    "tanh": (ds.tanh, array),
    "relu": (ds.nn.relu, away_from_zero),
    "pow": (lambda x: x**3, array),
    "cast": (lambda x: ds.cast(x, ds.float64), array),
    # the TF1 surface (deepslow/tf1/); kinks are kept away from by the arrays' makers
    "abs": (ds.abs, away_from_zero),
    "sqrt": (ds.sqrt, positive),
    "clip_by_value": (lambda x: ds.clip_by_value(x, -1.0, 1.0), lambda shape, seed: away_from_one(shape, seed)),
    "leaky_relu": (ds.nn.leaky_relu, away_from_zero),
    "elu": (ds.nn.elu, array),
    "softplus": (ds.nn.softplus, array),
    "relu6": (lambda x: ds.nn.relu6(x * 4.0), away_from_zero),
    "l2_loss": (ds.nn.l2_loss, array),
    "identity": (ds.identity, array),
    "expand_dims": (lambda x: ds.expand_dims(x, 0), array),
    "squeeze": (lambda x: ds.squeeze(ds.expand_dims(x, -1)), array),
    "clip_by_norm": (lambda x: ds.clip_by_norm(x, 1.0), array),
    "add_n": (lambda x: ds.add_n([x, ds.square(x), x]), array),
    "bias_add": (lambda x: ds.nn.bias_add(ds.expand_dims(x, 0), ds.ones_like(x)), array),
    "log1p": (ds.log1p, positive),
    "reduce_logsumexp": (lambda x: ds.reduce_logsumexp(x * 3.0, axis=-1 if x.shape else None), array),
    "l2_normalize": (lambda x: ds.nn.l2_normalize(x, axis=-1 if x.shape else None), away_from_zero),
    "moments": (lambda x: ds.add_n(list(ds.nn.moments(x * 2.0, axes=list(range(len(x.shape)))))), array),
    "gather": (lambda x: ds.gather(ds.reshape(x, (-1,)), [0, 0, -1]) if x.shape else x * 1.0, array),
    "tile": (lambda x: ds.tile(x, [2] * len(x.shape)) if x.shape else x * 1.0, array),
    "cumsum": (lambda x: ds.cumsum(x * x, axis=-1, exclusive=True) if x.shape else x * 1.0, array),
    "unstack": (
        lambda x: ds.add_n([r * (i + 1.0) for i, r in enumerate(ds.unstack(x))]) if x.shape else x * 1.0,
        array,
    ),
}


def away_from_one(shape, seed):
    """Values whose distance from ±1 (clip_by_value's bounds, where it has kinks) is at least 0.1."""
    a = array(shape, seed)
    return np.where(np.abs(np.abs(a) - 1) < 0.1, a * 1.3, a)


@pytest.mark.parametrize("op", list(UNARY))
@SETTINGS
@given(shape=shapes, seed=st.integers(0, 1000))
def test_unary_ops(op, shape, seed):
    build, maker = UNARY[op]
    assert_gradients_match(build, [maker(shape, seed)], seed)


@st.composite
def shape_and_axis(draw):
    """A shape with an axis argument in every form: None, int, negative int, tuple."""
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple))
    ndim = len(shape)
    axis = draw(
        st.one_of(
            st.none(),
            st.integers(-ndim, ndim - 1),
            st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(tuple),
        )
    )
    return shape, axis


@pytest.mark.parametrize("reduce", [ds.reduce_sum, ds.reduce_mean])
@SETTINGS
@given(shape_axis=shape_and_axis(), keepdims=st.booleans(), seed=st.integers(0, 1000))
def test_reductions_every_axis_form(reduce, shape_axis, keepdims, seed):
    shape, axis = shape_axis
    assert_gradients_match(lambda x: reduce(x, axis=axis, keepdims=keepdims), [array(shape, seed)], seed)


@pytest.mark.parametrize("reduce", [ds.reduce_max, ds.reduce_min, ds.reduce_prod])
@SETTINGS
@given(shape_axis=shape_and_axis(), keepdims=st.booleans(), seed=st.integers(0, 1000))
def test_tf1_reductions_every_axis_form(reduce, shape_axis, keepdims, seed):
    shape, axis = shape_axis
    assert_gradients_match(lambda x: reduce(x, axis=axis, keepdims=keepdims), [array(shape, seed)], seed)


@SETTINGS
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple), seed=st.integers(0, 1000))
def test_reduce_prod_through_a_zero(shape, seed):
    """The product's gradient at a zero element is the product of the others (never 0/0)."""
    x = array(shape, seed)
    x.flat[seed % x.size] = 0.0
    assert_gradients_match(lambda v: ds.reduce_prod(v, axis=-1), [x], seed)


@SETTINGS
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple), seed=st.integers(0, 1000))
def test_joining_and_slicing(shape, seed):
    axis = seed % len(shape)
    a, b = array(shape, seed), array(shape, seed + 1)
    assert_gradients_match(lambda x, y: ds.concat([x, y, x], axis), [a, b], seed)
    assert_gradients_match(lambda x, y: ds.stack([x, y], axis=axis), [a, b], seed)
    size = [-1] * len(shape)
    size[axis] = max(shape[axis] - 1, 1)  # all but the last element along axis (when there is more than one)
    assert_gradients_match(lambda x: ds.slice(x, [0] * len(shape), size), [a], seed)


@SETTINGS
@given(shape_axis=shape_and_axis(), seed=st.integers(0, 1000))
def test_log_softmax_any_axis(shape_axis, seed):
    shape, axis = shape_axis
    axis = -1 if axis is None or isinstance(axis, tuple) else axis
    assert_gradients_match(lambda z: ds.nn.log_softmax(z, axis=axis), [array(shape, seed)], seed)


@SETTINGS
@given(rows=st.integers(1, 4), classes=st.integers(2, 4), seed=st.integers(0, 1000))
def test_sigmoid_and_sparse_cross_entropy(rows, classes, seed):
    rng = np.random.default_rng(seed)
    targets = rng.uniform(0, 1, (rows, classes))
    logits = array((rows, classes), seed, -3, 3)
    assert_gradients_match(lambda z, x: ds.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=x), [targets, logits])
    labels = rng.integers(0, classes, rows)
    assert_gradients_match(
        lambda x: ds.nn.sparse_softmax_cross_entropy_with_logits(labels=ds.constant(labels, ds.int64), logits=x),
        [logits],
    )


@SETTINGS
@given(shape_axis=shape_and_axis(), seed=st.integers(0, 1000))
def test_softmax_any_axis(shape_axis, seed):
    shape, axis = shape_axis
    axis = -1 if axis is None or isinstance(axis, tuple) else axis
    assert_gradients_match(lambda z: ds.softmax(z, axis=axis), [array(shape, seed)], seed)


@SETTINGS
@given(rows=st.integers(1, 4), classes=st.integers(2, 4), seed=st.integers(0, 1000))
def test_fused_cross_entropy(rows, classes, seed):
    rng = np.random.default_rng(seed)
    labels = rng.dirichlet(np.ones(classes), size=rows)  # rows of probabilities, as TF requires
    logits = array((rows, classes), seed, -3, 3)
    assert_gradients_match(
        lambda l, z: ds.nn.softmax_cross_entropy_with_logits_v2(labels=l, logits=z), [labels, logits]
    )


@SETTINGS
@given(m=st.integers(1, 4), n=st.integers(1, 4), k=st.integers(1, 4), seed=st.integers(0, 1000))
def test_matmul(m, n, k, seed):
    assert_gradients_match(ds.matmul, [array((m, n), seed), array((n, k), seed + 1)], seed)


@SETTINGS
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3).map(tuple), seed=st.integers(0, 1000))
def test_transpose_and_reshape(shape, seed):
    perm = np.random.default_rng(seed).permutation(len(shape))
    assert_gradients_match(lambda x: ds.transpose(x, perm=perm), [array(shape, seed)], seed)
    assert_gradients_match(lambda x: ds.transpose(x), [array(shape, seed)], seed)
    assert_gradients_match(lambda x: ds.reshape(x, (-1,)), [array(shape, seed)], seed)


NUMPY_OPS = {
    "add": (ds.add, np.add, 2),
    "multiply": (ds.multiply, np.multiply, 2),
    "subtract": (ds.subtract, np.subtract, 2),
    "tanh": (ds.tanh, np.tanh, 1),
    "sigmoid": (ds.sigmoid, lambda x: 1 / (1 + np.exp(-x)), 1),
    "square": (ds.square, np.square, 1),
    # the TF1 surface (deepslow/tf1/). maximum(x, x) ties, and TF's rule (the tie goes to x)
    # still gives the right total, since both inputs are the same node.
    "maximum": (ds.maximum, np.maximum, 2),
    "minimum": (ds.minimum, np.minimum, 2),
    "squared_difference": (ds.squared_difference, lambda x, y: (x - y) ** 2, 2),
    "softplus": (ds.nn.softplus, lambda x: np.log1p(np.exp(x)), 1),
    "elu": (ds.nn.elu, lambda x: np.where(x > 0, x, np.exp(np.minimum(x, 0)) - 1), 1),
}


# Random graphs: each step names an op and two numbers that pick its inputs among earlier nodes.
GRAPH_STEPS = st.lists(
    st.tuples(st.sampled_from(sorted(NUMPY_OPS)), st.integers(0, 10**6), st.integers(0, 10**6)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(steps=GRAPH_STEPS, seed=st.integers(0, 1000))
def test_random_graphs_with_shared_nodes_match_numpy(steps, seed):
    """Each step applies an op to earlier nodes chosen at random, so nodes get shared."""
    ds.reset_default_graph()
    leaves = [array((2, 3), seed + i, -1, 1) for i in range(3)]
    variables = [ds.Variable(a) for a in leaves]
    nodes, values = list(variables), list(leaves)
    for name, i, j in steps:
        build, numpy_fn, arity = NUMPY_OPS[name]
        picks = [i % len(nodes), j % len(nodes)][:arity]
        nodes.append(build(*[nodes[p] for p in picks]))
        values.append(numpy_fn(*[values[p] for p in picks]))
    loss = ds.reduce_sum(nodes[-1])
    with ds.Session() as sess:
        sess.run(ds.global_variables_initializer())
        np.testing.assert_allclose(sess.run(nodes[-1]), values[-1], rtol=1e-10, atol=1e-12)
        grads = ds.gradients(loss, variables)
        for variable, leaf, g in zip(variables, leaves, grads):
            if g is None:  # the output does not depend on this leaf
                continue
            np.testing.assert_allclose(sess.run(g), numerical_gradient(loss, variable, leaf), rtol=1e-5, atol=1e-6)
