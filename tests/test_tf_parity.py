"""TensorFlow parity: the same TF1 programs run under tensorflow.compat.v1 and under deepslow.

Each program below is written once, against a module `tf`, exactly as a TF1 user would write it.
It runs with `tf = tensorflow.compat.v1` and with `tf = deepslow`, and the results are compared
value by value, and structure by structure (what `run` returns for each fetch structure).
"""

import os

import numpy as np
import pytest

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.compat.v1.layers lives in tf_keras (TF 2.16 and later)
tensorflow = pytest.importorskip(
    "tensorflow.compat.v1", reason="TensorFlow is not installed (pip install -e '.[test]' to run the parity tests)"
)
tensorflow.disable_eager_execution()

import deepslow  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:`tf.layers:UserWarning")  # TF's notice that tf.layers is deprecated

RNG = np.random.default_rng(42)
W0 = RNG.normal(0, 0.5, (2, 2)).astype(np.float32)
B0 = RNG.normal(0, 0.1, 2).astype(np.float32)
X_BLOBS, Y_BLOBS = deepslow.datasets.blobs(100, seed=3)
X_BLOBS = X_BLOBS.astype(np.float32)
T_BLOBS = deepslow.datasets.one_hot(Y_BLOBS).astype(np.float32)
X_XOR, Y_XOR = deepslow.datasets.xor(100, seed=5)
X_XOR = X_XOR.astype(np.float32)
T_XOR = deepslow.datasets.one_hot(Y_XOR).astype(np.float32)

PROGRAMS = []


def program(fn):
    PROGRAMS.append(fn)
    return fn


@program
def affine_example(tf):
    A = tf.constant([[1.0, 0.0], [0.0, -1.0]])
    b = tf.constant([[1.0], [1.0]])
    x = tf.placeholder(tf.float32, shape=(2, 1))
    y = tf.add(tf.matmul(A, x), b)
    with tf.Session() as sess:
        return sess.run(y, feed_dict={x: [[1.0], [2.0]]})


@program
def perceptron_forward_dict_fetch(tf):
    x = tf.placeholder(tf.float32, shape=(None, 2))
    W, b = tf.Variable(W0), tf.Variable(B0)
    scores = tf.matmul(x, W) + b
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run({"scores": scores, "p": tf.nn.softmax(scores), "s": tf.sigmoid(scores)}, {x: X_BLOBS[:5]})


@program
def naive_cross_entropy(tf):
    x = tf.placeholder(tf.float32, shape=(None, 2))
    t = tf.placeholder(tf.float32, shape=(None, 2))
    p = tf.nn.softmax(tf.matmul(x, tf.Variable(W0)) + tf.Variable(B0))
    loss = tf.negative(tf.reduce_sum(tf.reduce_sum(tf.multiply(t, tf.log(p)), axis=1)))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(loss, {x: X_BLOBS, t: T_BLOBS})


@program
def fused_cross_entropy_and_gradients(tf):
    logits = tf.Variable(np.array([[2.0, -1.0, 0.5], [1000.0, -1000.0, 0.0]], np.float32))
    labels = tf.constant([[0.0, 1.0, 0.0], [0.2, 0.3, 0.5]])
    xent = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits)
    (grad,) = tf.gradients(tf.reduce_mean(xent), [logits])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([xent, grad])


def _train(tf, optimizer, steps=30, data=(X_BLOBS, T_BLOBS), hidden=None):
    x = tf.placeholder(tf.float32, shape=(None, 2))
    t = tf.placeholder(tf.float32, shape=(None, 2))
    if hidden is None:
        logits = tf.matmul(x, tf.Variable(W0)) + tf.Variable(B0)
    else:
        h = hidden(tf.matmul(x, tf.Variable(W0)) + tf.Variable(B0))
        logits = tf.matmul(h, tf.Variable(W0.T.copy())) + tf.Variable(-B0)
    loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=t, logits=logits))
    train_op = optimizer(tf).minimize(loss)
    losses = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(steps):
            _, value = sess.run([train_op, loss], {x: data[0], t: data[1]})
            losses.append(value)
        return losses, sess.run(tf.trainable_variables())


@program
def training_loop_gradient_descent(tf):
    return _train(tf, lambda tf: tf.train.GradientDescentOptimizer(0.1))


@program
def training_loop_momentum(tf):
    return _train(tf, lambda tf: tf.train.MomentumOptimizer(0.05, 0.9))


@program
def training_loop_nesterov_momentum(tf):
    return _train(tf, lambda tf: tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True))


@program
def training_loop_adam(tf):
    return _train(tf, lambda tf: tf.train.AdamOptimizer(0.05))


@program
def adam_defaults(tf):
    return _train(tf, lambda tf: tf.train.AdamOptimizer(), steps=10)


@program
def mlp_222_on_xor_clusters(tf):
    return _train(tf, lambda tf: tf.train.GradientDescentOptimizer(0.5), 50, (X_XOR, T_XOR), tf.sigmoid)


@program
def mlp_with_relu_and_tanh(tf):
    return _train(tf, lambda tf: tf.train.AdamOptimizer(0.01), 20, (X_XOR, T_XOR), lambda z: tf.tanh(tf.nn.relu(z)))


@program
def broadcasting_forward_and_backward(tf):
    col = tf.Variable(np.array([[1.0], [2.0], [3.0]], np.float32))
    row = tf.Variable(np.array([[0.5, -1.0, 2.0, 4.0]], np.float32))
    vec = tf.Variable(np.array([1.0, 2.0, 3.0, 4.0], np.float32))
    out = (col + row) * vec - col / (row + 3.0)
    grads = tf.gradients(tf.reduce_sum(out * out), [col, row, vec])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([out, grads])


@program
def bias_gradient_is_summed_over_the_batch(tf):
    x = tf.placeholder(tf.float32, shape=(None, 2))
    W, b = tf.Variable(W0), tf.Variable(B0)
    grads = tf.gradients(tf.reduce_sum(tf.square(tf.matmul(x, W) + b)), [W, b])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(grads, {x: X_BLOBS[:7]})


@program
def reductions_axes_and_keepdims(tf):
    v = tf.Variable(np.arange(24, dtype=np.float32).reshape(2, 3, 4))
    outs = [
        tf.reduce_sum(v),
        tf.reduce_sum(v, axis=1),
        tf.reduce_sum(v, axis=-1, keepdims=True),
        tf.reduce_mean(v, axis=[0, 2]),
        tf.reduce_mean(v, axis=(0, 1), keepdims=True),
        tf.reduce_sum(v, reduction_indices=[2]),
    ]
    total = outs[0] + tf.reduce_sum(outs[1] * 2.0) + tf.reduce_sum(outs[3]) + tf.reduce_sum(outs[4])
    grads = tf.gradients(total, [v])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, grads])


@program
def accuracy_with_argmax_equal_cast(tf):
    x = tf.placeholder(tf.float32, shape=(None, 2))
    t = tf.placeholder(tf.float32, shape=(None, 2))
    logits = tf.matmul(x, tf.Variable(W0)) + tf.Variable(B0)
    predicted = tf.argmax(logits, axis=1)
    correct = tf.equal(predicted, tf.argmax(t, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run((predicted, correct, accuracy, tf.argmax(logits)), {x: X_BLOBS, t: T_BLOBS})


@program
def fetch_structures(tf):
    a = tf.constant(1.5)
    b = tf.constant([[1.0, 2.0]])
    with tf.Session() as sess:
        return [
            sess.run(a),
            sess.run([a, b]),
            sess.run((a, b)),
            sess.run({"a": a, "b": b}),
            sess.run({"nested": [a, (b, a)]}),
            sess.run([]),
        ]


@program
def operators_and_elementwise_ops(tf):
    x = tf.Variable(np.array([[0.5, -1.5], [2.0, 0.25]], np.float32))
    y = tf.Variable(np.array([[1.0, 2.0], [-0.5, 3.0]], np.float32))
    z = (x + y) * (x - y) / (y * y + 1.0) + x @ y - (-x)
    w = tf.exp(tf.tanh(z)) + tf.square(tf.sigmoid(z)) + tf.nn.relu(z) + tf.divide(tf.subtract(z, 1.0), 4.0)
    grads = tf.gradients(tf.reduce_sum(w), [x, y])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([z, w, grads])


@program
def transpose_and_reshape(tf):
    v = tf.Variable(np.arange(6, dtype=np.float32).reshape(2, 3))
    t = tf.transpose(v)
    r = tf.reshape(v, (3, -1))
    p = tf.transpose(tf.reshape(v, (1, 2, 3)), perm=[2, 0, 1])
    loss = tf.reduce_sum(t * tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2))) + tf.reduce_sum(r * r)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([t, r, p, tf.gradients(loss + tf.reduce_sum(p), [v])])


@program
def shared_node_and_unequal_paths(tf):
    x = tf.Variable(np.float32(1.3))
    s = tf.sigmoid(x)
    y = s * s + tf.exp(tf.tanh(s)) + 3.0 * x
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([y, tf.gradients(y, [x])])


@program
def gradients_with_grad_ys_and_several_ys(tf):
    x = tf.Variable(np.array([1.0, 2.0], np.float32))
    ys = [tf.square(x), x * 3.0]
    g1 = tf.gradients(ys, [x])
    g2 = tf.gradients(tf.square(x), [x], grad_ys=[tf.constant([0.5, 2.0])])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([g1, g2])


@program
def two_sessions_keep_their_own_variables(tf):
    w = tf.Variable(np.float32(2.0))
    step = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w))
    first, second = tf.Session(), tf.Session()
    first.run(tf.global_variables_initializer())
    second.run(tf.global_variables_initializer())
    for _ in range(3):
        first.run(step)
    result = [first.run(w), second.run(w)]
    first.close()
    second.close()
    return result


@program
def matmul_with_transpose_flags(tf):
    a = tf.Variable(np.arange(6, dtype=np.float32).reshape(3, 2))
    b = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10)
    c = tf.matmul(a, b, transpose_a=True, transpose_b=True)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([c, tf.gradients(tf.reduce_sum(c * c), [a, b])])


# --- the TF1 surface beyond the core (deepslow/tf1/): every op, forward and gradient ----------

A23 = np.array([[0.5, -1.5, 2.0], [2.0, 0.25, -0.75]], np.float32)
B23 = np.array([[1.0, 2.0, 2.0], [-0.5, 0.25, 3.0]], np.float32)  # ties with A23 at two places


@program
def elementwise_math_and_its_gradients(tf):
    x, y = tf.Variable(A23), tf.Variable(B23)
    outs = [
        tf.abs(x),
        tf.sqrt(tf.abs(x) + 0.5),
        tf.maximum(x, y),
        tf.minimum(x, y),
        tf.maximum(x, 0.0),
        tf.clip_by_value(x, -1.0, 0.25),  # one element sits exactly on the upper bound
        tf.squared_difference(x, y),
        tf.add_n([x, y, x]),
        tf.pow(tf.abs(x) + 0.5, y),
        tf.pow(x, 3.0),
    ]
    grads = tf.gradients(tf.add_n([tf.reduce_sum(o * (i + 1.0)) for i, o in enumerate(outs)]), [x, y])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, grads])


@program
def integer_pow(tf):
    with tf.Session() as sess:
        return sess.run([tf.pow(2, 3), tf.pow(tf.constant([2, 3]), 2)])


@program
def max_min_prod_reductions_with_ties_and_zeros(tf):
    v = tf.Variable(np.array([[[1.0, 3.0, 3.0], [0.0, 2.0, -1.0]], [[4.0, 4.0, 4.0], [2.0, 0.0, 0.0]]], np.float32))
    outs = [
        tf.reduce_max(v),
        tf.reduce_max(v, axis=2),
        tf.reduce_min(v, axis=[0, 2], keepdims=True),
        tf.reduce_min(v, reduction_indices=1),
        tf.reduce_prod(v, axis=-1),
        tf.reduce_prod(v, axis=(0, 1)),
        tf.reduce_prod(v + 1.0),
    ]
    total = tf.add_n([tf.reduce_sum(o) * (i + 1.0) for i, o in enumerate(outs)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, tf.gradients(total, [v])])


@program
def comparisons_logic_and_where(tf):
    x = tf.Variable(A23)
    y = tf.constant(B23)
    gt, ge, lt, le, ne = (
        tf.greater(x, y),
        tf.greater_equal(x, y),
        tf.less(x, y),
        tf.less_equal(x, y),
        tf.not_equal(x, y),
    )
    logic = [tf.logical_and(gt, ne), tf.logical_or(lt, gt), tf.logical_not(ge), tf.logical_xor(ge, le)]
    chosen = tf.where(gt, x * 2.0, y - x)
    rows = tf.where(tf.constant([True, False]), x, -x)
    anys = [tf.reduce_any(gt), tf.reduce_all(le, axis=1), tf.reduce_any(ne, axis=0, keepdims=True)]
    grads = tf.gradients(tf.reduce_sum(chosen * chosen) + tf.reduce_sum(rows), [x])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([[gt, ge, lt, le, ne], logic, chosen, rows, anys, tf.where(gt), grads])


@program
def making_arrays(tf):
    x = tf.placeholder(tf.float32, shape=(None, 3))
    made = [
        tf.zeros([2, 3]),
        tf.ones([4]),
        tf.zeros([2], dtype=tf.int32),
        tf.fill([2, 2], 9),
        tf.fill([3], 0.5),
        tf.zeros_like(x),
        tf.ones_like(x),
        tf.zeros(tf.shape(x)),
        tf.range(5),
        tf.range(1, 4, 0.5),
        tf.one_hot([0, 2, 5], 3),
        tf.one_hot(tf.constant([1, 0]), 4, on_value=5.0, off_value=-1.0),
    ]
    with tf.Session() as sess:
        return sess.run(made, {x: A23})


@program
def shape_ops_and_their_gradients(tf):
    x, y = tf.Variable(A23), tf.Variable(B23)
    outs = [
        tf.concat([x, y], 0),
        tf.concat([x, y, x], axis=1),
        tf.stack([x, y]),
        tf.stack([x, y], axis=2),
        tf.expand_dims(x, 1),
        tf.squeeze(tf.expand_dims(x, 0)),
        tf.squeeze(tf.reshape(x, (1, 2, 1, 3)), axis=[2]),
        tf.identity(x),
        tf.slice(x, [0, 1], [2, 2]),
        tf.slice(y, [1, 0], [-1, -1]),
    ]
    blocked = tf.stop_gradient(y) * x
    total = tf.add_n([tf.reduce_sum(o * o) * (i + 1.0) for i, o in enumerate(outs)]) + tf.reduce_sum(blocked)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, tf.gradients(total, [x, y])])


@program
def shape_size_rank_and_casts(tf):
    x = tf.placeholder(tf.float32, shape=(None, 3))
    n = tf.placeholder(tf.int32)
    fetched = [tf.shape(x), tf.size(x), tf.rank(x), tf.to_float(n), tf.to_int32(x), tf.to_int64(x), tf.to_double(x)]
    fetched += [
        tf.cast(x, "float"),
        tf.cast(x, tf.int16),
        tf.cast(x > 0.0 if False else tf.greater(x, 0.0), tf.float32),
    ]
    with tf.Session() as sess:
        return sess.run(fetched, {x: A23, n: [1, 2, 3]})


@program
def nn_activations_and_their_gradients(tf):
    z = tf.Variable(np.array([[-2.0, -0.5, 0.0, 0.5, 3.0, 7.0]], np.float32))
    acts = [
        tf.nn.leaky_relu(z),
        tf.nn.leaky_relu(z, alpha=0.1),
        tf.nn.elu(z),
        tf.nn.softplus(z),
        tf.nn.relu6(z),
        tf.nn.log_softmax(z),
        tf.nn.bias_add(z, tf.constant([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])),
    ]
    total = tf.add_n([tf.reduce_sum(a * (i + 1.0)) for i, a in enumerate(acts)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([acts, tf.gradients(total, [z])])


@program
def nn_losses_and_their_gradients(tf):
    logits = tf.Variable(np.array([[2.0, -1.0, 0.5], [30.0, -40.0, 0.0], [0.1, 0.2, 0.3]], np.float32))
    targets = tf.constant(np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 1.0], [0.2, 0.7, 0.1]], np.float32))
    labels = tf.constant(np.array([0, 1, 2], np.int32))
    losses = [
        tf.nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits),
        tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits),
        tf.nn.l2_loss(logits),
        tf.nn.xw_plus_b(logits, tf.constant(np.eye(3, dtype=np.float32)), tf.constant([0.5, 0.0, -0.5])),
    ]
    total = tf.add_n([tf.reduce_sum(v) for v in losses])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([losses, tf.gradients(total, [logits])])


@program
def clipping_by_norm_and_global_norm(tf):
    a, b = tf.Variable(A23), tf.Variable(B23)
    zero = tf.Variable(np.zeros(3, np.float32))
    clipped, norm = tf.clip_by_global_norm([a * 3.0, None, b], 2.0)
    outs = [
        tf.clip_by_norm(a, 1.0),
        tf.clip_by_norm(b, 100.0),
        tf.clip_by_norm(a, 1.0, axes=[1]),
        tf.global_norm([a, b]),
    ]
    outs += [tf.clip_by_norm(zero, 1.0), clipped[0], clipped[2], norm]
    total = tf.add_n([tf.reduce_sum(o) for o in outs])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, tf.gradients(total, [a, b, zero])]) + [clipped[1] is None]


@program
def training_loop_rmsprop(tf):
    return _train(tf, lambda tf: tf.train.RMSPropOptimizer(0.01))


@program
def training_loop_rmsprop_momentum_centered(tf):
    return _train(tf, lambda tf: tf.train.RMSPropOptimizer(0.01, decay=0.8, momentum=0.5, epsilon=1e-6, centered=True))


@program
def training_loop_adagrad(tf):
    return _train(tf, lambda tf: tf.train.AdagradOptimizer(0.3))


@program
def training_loop_adagrad_initial_accumulator(tf):
    return _train(tf, lambda tf: tf.train.AdagradOptimizer(0.1, initial_accumulator_value=1.0))


@program
def training_loop_adadelta(tf):
    return _train(tf, lambda tf: tf.train.AdadeltaOptimizer(1.0, rho=0.9), steps=20)


@program
def dtypes_by_name(tf):
    dtypes = [tf.placeholder("float").dtype, tf.placeholder("double").dtype, tf.placeholder(tf.int16).dtype]
    dtypes += [tf.placeholder(tf.uint8).dtype, tf.placeholder(float).dtype, tf.as_dtype("half")]
    return [np.dtype(d.as_numpy_dtype if hasattr(d, "as_numpy_dtype") else d).name for d in dtypes]


@program
def tf_losses_with_weights_and_smoothing(tf):
    labels = tf.constant(np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], np.float32))
    logits = tf.Variable(np.array([[2.0, -1.0, 0.5], [0.3, 0.2, 0.1], [-1.0, 0.0, 4.0]], np.float32))
    probabilities = tf.sigmoid(logits)
    weights = np.array([[1.0], [0.0], [2.0]], np.float32)
    losses = [
        tf.losses.mean_squared_error(labels, logits),
        tf.losses.mean_squared_error(labels, logits, weights=weights),
        tf.losses.absolute_difference(labels, logits, weights=2.0),
        tf.losses.log_loss(labels, probabilities),
        tf.losses.sigmoid_cross_entropy(labels, logits, label_smoothing=0.2),
        tf.losses.softmax_cross_entropy(labels, logits),
        tf.losses.softmax_cross_entropy(labels, logits, weights=[1.0, 0.5, 0.0], label_smoothing=0.1),
        tf.losses.sparse_softmax_cross_entropy(np.array([1, 0, 2], np.int32), logits),
        tf.losses.mean_squared_error(labels, logits, reduction=tf.losses.Reduction.SUM),
        tf.losses.mean_squared_error(labels, logits, weights=weights, reduction=tf.losses.Reduction.MEAN),
        tf.losses.absolute_difference(labels, logits, reduction=tf.losses.Reduction.NONE, loss_collection=None),
    ]
    total = tf.losses.get_total_loss()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([losses, total, tf.gradients(total, [logits])])


@program
def names_under_name_and_variable_scopes(tf):
    with tf.name_scope("input"):
        x = tf.placeholder(tf.float32, [None, 2], name="x")
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [2, 2], initializer=tf.constant_initializer(0.5))
        with tf.name_scope("inner"):
            h = tf.matmul(x, w)
            r = tf.nn.relu(h)
    with tf.variable_scope("model", reuse=True):
        w_again = tf.get_variable("w")
        mean = tf.reduce_mean(r)
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    with tf.name_scope("plain"):
        v = tf.Variable(1.0, name="v")
        c = tf.constant(2.0)
        s = tf.multiply(v, c)
    with tf.name_scope("plain"):
        again = tf.constant(1.0)
    with tf.variable_scope("model"):
        later = tf.constant(3.0)
    nodes = [x, w, h, r, mean, b, v, c, s, again, later]
    return [n.op.name for n in nodes] + [w_again is w, tf.get_variable_scope().name]


@program
def assign_ops_and_a_counter(tf):
    counter = tf.Variable(0.0)
    v = tf.Variable(np.array([1.0, 2.0], np.float32))
    steps = [tf.assign_add(counter, 1.0), tf.assign(v, v * 3.0), tf.assign_sub(v, [0.5, 0.5]), v.assign(v + 1.0)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = [sess.run(step) for step in steps for _ in range(2)]
        return values + [sess.run([counter, v])]


@program
def random_ops_shapes_and_dtypes(tf):
    tf.set_random_seed(1)
    x = tf.placeholder(tf.float32, [None, 3])
    ops = [
        tf.random_normal([2, 3]),
        tf.random_uniform([4], dtype=tf.float64),
        tf.truncated_normal([3, 1], stddev=0.1),
        tf.random_uniform([5], 0, 10, dtype=tf.int32),
        tf.random_normal(tf.shape(x)),
        tf.nn.dropout(x, 0.5),
        tf.nn.dropout(x, rate=0.2),
    ]
    with tf.Session() as sess:
        values = sess.run(ops, {x: np.ones((4, 3), np.float32)})
    return [(v.shape, v.dtype.name) for v in values] + [set(np.unique(values[5])) <= {0.0, 2.0}]


@program
def initializers_through_get_variable(tf):
    made = [
        tf.get_variable("zeros", [2, 3], initializer=tf.zeros_initializer()),
        tf.get_variable("ones", [3], initializer=tf.ones_initializer()),
        tf.get_variable("const", [2, 2], initializer=tf.constant_initializer([[1.0, 2.0], [3.0, 4.0]])),
        tf.get_variable("scalar_const", [3], initializer=tf.constant_initializer(0.25)),
        tf.get_variable("from_tensor", initializer=tf.constant([1.0, 2.0])),
        tf.get_variable("ints", [2], dtype=tf.int32, initializer=tf.zeros_initializer()),
    ]
    shaped = [tf.get_variable(name, [20, 30], initializer=init) for name, init in [
        ("glorot", tf.glorot_uniform_initializer()),
        ("default", None),
        ("scaled", tf.variance_scaling_initializer()),
        ("uniform", tf.random_uniform_initializer(-1.0, 1.0)),
    ]]  # fmt: skip
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(made)
        randoms = sess.run(shaped)
    glorot_limit = np.sqrt(6.0 / 50)
    return values + [[(r.shape, r.dtype.name) for r in randoms], bool(np.abs(randoms[0]).max() <= glorot_limit)]


@program
def layers_flatten_and_the_losses_collection(tf):
    images = tf.placeholder(tf.float32, [None, 2, 3])
    flat = tf.layers.flatten(images)
    out = tf.layers.dense(flat, 2, kernel_initializer=tf.constant_initializer(np.arange(12.0) / 10.0))
    with tf.variable_scope("decayed"):
        w = tf.get_variable("w", initializer=tf.constant([1.0, -2.0]), regularizer=lambda t: 0.1 * tf.nn.l2_loss(t))
    per_row = tf.reduce_sum(tf.square(out), axis=1)
    weighted = tf.losses.compute_weighted_loss(per_row, weights=[[0.5], [1.0]][0])
    tf.losses.add_loss(tf.reduce_sum(w))
    total = tf.losses.get_total_loss()
    counts = [len(tf.losses.get_losses()), len(tf.losses.get_regularization_losses())]
    data = np.arange(12, dtype=np.float32).reshape(2, 2, 3) / 5.0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run([flat, out, weighted, tf.losses.get_regularization_loss(), total], {images: data})
        return values + counts + [sess.run(tf.gradients(total, [w]), {images: data})]


@program
def rounding_ops_and_devices(tf):
    with tf.device("/cpu:0"):
        x = tf.Variable(np.array([-2.5, -1.5, -0.4, 0.0, 0.5, 1.5, 2.6], np.float32))
        rounded = [tf.round(x), tf.floor(x), tf.ceil(x), tf.sign(x)]
    loss = tf.reduce_sum(x * tf.stop_gradient(tf.sign(x))) + tf.reduce_sum(tf.floor(x))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([rounded, tf.gradients(loss, [x])])


@program
def divisions_argmin_log1p_and_counting(tf):
    x = tf.Variable(np.array([[1.5, -2.0, 0.0], [0.25, 3.0, -0.5]], np.float32))
    outs = [
        tf.div(x, 2.0),
        tf.truediv(x, 4.0),
        tf.floordiv(x, 0.75),
        tf.log1p(tf.abs(x)),
        tf.math.log1p(x * 0.25),
        tf.reduce_logsumexp(x),
        tf.reduce_logsumexp(x * 100.0, axis=1),  # large entries: computed without overflow
        tf.reduce_logsumexp(x, reduction_indices=0, keepdims=True),
    ]
    loss = tf.add_n([tf.reduce_sum(o) * (i + 1.0) for i, o in enumerate(outs)])
    integers = [tf.div(7, 2), tf.div(-7, 2), tf.truediv(7, 2), tf.floordiv(tf.constant([7, -7]), 2)]
    indexes = [tf.argmin(x), tf.argmin(x, axis=1), tf.arg_min(x, 1), tf.arg_max(x, 0), tf.math.argmin(x, 1)]
    counts = [tf.count_nonzero(x), tf.count_nonzero(x, axis=1), tf.count_nonzero(x > 0.5, 0, keepdims=True)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, integers, indexes, counts, tf.gradients(loss, [x])])


@program
def moments_and_l2_normalize(tf):
    x = tf.Variable(np.array([[1.0, -2.0, 0.5], [3.0, 0.25, -1.0], [0.0, 0.0, 0.0]], np.float32))
    mean, variance = tf.nn.moments(x, axes=[0])
    row_mean, row_variance = tf.nn.moments(x, [1], keep_dims=True)
    normalized = (x - mean) / tf.sqrt(variance + 1e-3)  # what a batch-normalisation layer computes
    unit_rows = tf.nn.l2_normalize(x, axis=1)  # the zero row stays zero (epsilon)
    unit_all = tf.nn.l2_normalize(x, dim=0)
    outs = [mean, variance, row_mean, row_variance, normalized, unit_rows, unit_all]
    loss = tf.add_n([tf.reduce_sum(o * o) * (i + 1.0) for i, o in enumerate(outs)])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, tf.gradients(loss, [x])])


@program
def hello_strings_group_and_no_op(tf):
    hello = tf.constant("Hello, TensorFlow!")
    words = tf.constant(["deep", "slow"])
    a, b = tf.Variable(1.0), tf.Variable(10.0)
    both = tf.group(tf.assign_add(a, 1.0), [tf.assign_sub(b, 2.0)])
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):  # empty, as without batch norm
        step = tf.train.GradientDescentOptimizer(0.5).minimize(tf.square(a - b))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        ran = [sess.run(both), sess.run(tf.no_op()), sess.run(both)]
        sess.run(step)
        return [sess.run(hello), sess.run(words).tolist(), ran, sess.run([a, b])]


@program
def gather_embeddings_tile_split_unstack_cumsum(tf):
    table = tf.Variable(np.arange(15, dtype=np.float32).reshape(5, 3) / 7.0)
    ids = tf.placeholder(tf.int32, [None])
    looked_up = tf.nn.embedding_lookup(table, ids)  # rows picked twice get two shares of the gradient
    columns = tf.gather(table, [[2, 0], [1, 1]], axis=1)
    last_axis = tf.gather(table, [[2, 2], [0, 1]], axis=-1)
    tiled = tf.tile(table[:2], [2, 3])
    first, rest = tf.split(table, [1, -1], axis=1)
    halves = tf.split(table[:4], 2)
    rows = tf.unstack(table)
    sums = [tf.cumsum(table), tf.cumsum(table, axis=1, exclusive=True), tf.math.cumsum(table, reverse=True)]
    sums.append(tf.cumsum(table, 0, exclusive=True, reverse=True))
    outs = [looked_up, columns, last_axis, tiled, first, rest, halves[1], rows[3]] + sums
    loss = tf.add_n([tf.reduce_sum(o * o) * (i + 1.0) for i, o in enumerate(outs)])
    feed = {ids: [4, 0, 4, 2]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run([outs, tf.gradients(loss, [table])], feed) + [len(rows)]


def run_program(module, fn):
    module.reset_default_graph()
    return fn(module)


def assert_same(theirs, ours, where="result"):
    assert type(ours) is type(theirs) or (
        isinstance(theirs, (np.ndarray, np.generic)) and isinstance(ours, (np.ndarray, np.generic))
    ), f"{where}: TensorFlow gave {type(theirs).__name__}, deepslow gave {type(ours).__name__}"
    if isinstance(theirs, dict):
        assert ours.keys() == theirs.keys(), where
        for key in theirs:
            assert_same(theirs[key], ours[key], f"{where}[{key!r}]")
    elif isinstance(theirs, (list, tuple)):
        assert len(ours) == len(theirs), where
        for i, (a, b) in enumerate(zip(theirs, ours)):
            assert_same(a, b, f"{where}[{i}]")
    elif theirs is None:
        assert ours is None, where
    elif isinstance(theirs, (str, bytes, bool)):
        assert ours == theirs, f"{where}: deepslow {ours!r}, TensorFlow {theirs!r}"
    else:
        theirs, ours = np.asarray(theirs), np.asarray(ours)
        assert ours.shape == theirs.shape, f"{where}: shape {ours.shape}, TensorFlow {theirs.shape}"
        assert ours.dtype.kind == theirs.dtype.kind, f"{where}: dtype {ours.dtype}, TensorFlow {theirs.dtype}"
        if theirs.dtype.kind in "biu":
            np.testing.assert_array_equal(ours, theirs, err_msg=where)
        else:
            np.testing.assert_allclose(ours, theirs, rtol=2e-4, atol=2e-5, err_msg=where)


@pytest.mark.parametrize("fn", PROGRAMS, ids=[fn.__name__ for fn in PROGRAMS])
def test_same_numbers_as_tensorflow(fn):
    assert_same(run_program(tensorflow, fn), run_program(deepslow, fn))


def test_there_are_enough_programs():
    assert len(PROGRAMS) >= 15
