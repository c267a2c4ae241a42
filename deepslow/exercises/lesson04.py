"""Lesson 4 (gradient descent and backpropagation): exercises and the mistakes learners make."""

import numpy as np

import deepslow as tf
from deepslow.registry import OpValues, get_gradient

from .kinds import BackwardPassExercise, FunctionExercise, GradientExercise

_rng = np.random.default_rng(4)

# --- 04-sigmoid-grad ------------------------------------------------------------------------

sigmoid_grad_exercise = GradientExercise(
    "04-sigmoid-grad",
    "The gradient of sigmoid",
    op=tf.sigmoid,
    cases={
        "five values from -2 to 2": (np.linspace(-2.0, 2.0, 5),),
        "a batch 2×3": (_rng.normal(size=(2, 3)),),
    },
    hints=[
        "σ'(a) = σ(a)·(1 − σ(a)). You do not need to compute σ again: it is the op's output, op.output_value.",
        "Multiply by the incoming gradient `grad` (the chain rule), and return a list: one gradient per input.",
    ],
)


@sigmoid_grad_exercise.reference
def sigmoid_grad(op, grad):
    s = op.output_value
    return [grad * s * (1 - s)]


@sigmoid_grad_exercise.mistake(
    "σ(1 − a) instead of σ(1 − σ): the derivative is σ(a)·(1 − σ(a)); use op.output_value in both places, "
    "not the input a."
)
def _sigmoid_grad_input_in_second(op, grad):
    (a,) = op.input_values
    return [grad * op.output_value * (1 - a)]


@sigmoid_grad_exercise.mistake(
    "you used the input a where σ(a) belongs: a·(1 − a) is not the derivative; σ(a) is op.output_value."
)
def _sigmoid_grad_input(op, grad):
    (a,) = op.input_values
    return [grad * a * (1 - a)]


@sigmoid_grad_exercise.mistake(
    "you forgot to multiply by the incoming gradient `grad` (the chain rule): return [grad * σ'(a)]."
)
def _sigmoid_grad_no_chain(op, grad):
    s = op.output_value
    return [s * (1 - s)]


# --- 04-matmul-grad -------------------------------------------------------------------------

matmul_grad_exercise = GradientExercise(
    "04-matmul-grad",
    "The gradients of C = A @ B",
    op=tf.matmul,
    inputs=["A", "B"],
    output="C",
    cases={
        "A 2×3, B 3×4": (_rng.normal(size=(2, 3)), _rng.normal(size=(3, 4))),
        "square A 3×3, B 3×3": (_rng.normal(size=(3, 3)), _rng.normal(size=(3, 3))),
    },
    hints=[
        "A gradient has the shape of what it is the gradient of: dA is (m, n) like A, dB is (n, k) like B.",
        "grad has the shape of C, (m, k). Which products of grad, A and B (transposed or not) give (m, n) and (n, k)?",
        "dA = grad @ B.T and dB = A.T @ grad.",
    ],
)


@matmul_grad_exercise.reference
def matmul_grad(op, grad):
    a, b = op.input_values
    return [grad @ b.T, a.T @ grad]


@matmul_grad_exercise.mistake(
    "a missing transpose: dA = grad @ B.T and dB = A.T @ grad. Without the .T the shapes only fit when the matrices "
    "are square, and the values are wrong even then."
)
def _matmul_grad_no_transpose(op, grad):
    a, b = op.input_values
    return [grad @ b, a @ grad]


@matmul_grad_exercise.mistake(
    "the factors are in the wrong order: dA = grad @ B.T (grad on the left) and dB = A.T @ grad (grad on the right)."
)
def _matmul_grad_order(op, grad):
    a, b = op.input_values
    return [b.T @ grad, grad @ a.T]  # the shapes fit only when the matrices are square


# --- 04-backward-pass -------------------------------------------------------------------------


def _shared_graph():
    x = tf.placeholder(tf.float64, shape=(3,), name="x")
    h = tf.sigmoid(x, name="h")
    loss = tf.reduce_sum(h * h + 2.0 * h, name="loss")  # h feeds two ops: its gradient is a sum
    return loss, {x: np.array([-1.0, 0.5, 2.0])}


def _chain_graph():
    x = tf.placeholder(tf.float64, shape=(2, 2), name="x")
    W = tf.placeholder(tf.float64, shape=(2, 1), name="W")
    loss = tf.reduce_sum(tf.sigmoid(tf.matmul(x, W, name="z"), name="p"), name="loss")
    return loss, {x: np.array([[1.0, 2.0], [-1.0, 0.5]]), W: np.array([[0.3], [-0.2]])}


def _masked_graph():
    x = tf.placeholder(tf.float64, shape=(4, 2), name="x")
    W = tf.placeholder(tf.float64, shape=(2, 2), name="W")
    labels = tf.placeholder(tf.float64, shape=(4, 2), name="labels")
    scores = tf.matmul(x, W, name="scores")
    p = tf.nn.softmax(scores, name="p")  # used only by argmax: no gradient ever reaches it
    right = tf.equal(tf.argmax(p, axis=1, name="predicted"), tf.argmax(labels, axis=1, name="target"), name="right")
    margin = tf.reduce_sum(scores, axis=1, name="margin")
    loss = tf.reduce_sum(margin * right, name="loss")  # right (booleans) gets a gradient, but passes none on
    feed = {
        x: np.array([[1.0, 2.0], [-1.0, 0.5], [0.3, -2.0], [2.0, 1.0]]),
        W: np.array([[0.5, -1.0], [1.5, 0.2]]),
        labels: np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 0.0]]),
    }
    return loss, feed


backward_pass_exercise = BackwardPassExercise(
    "04-backward-pass",
    "Backpropagation: gradients of every node",
    cases={
        "a node used twice": _shared_graph,
        "a chain x → matmul → sigmoid → sum": _chain_graph,
        "argmax and equal on the way (ops that pass no gradient)": _masked_graph,
    },
    hints=[
        "Start with {loss: ones}. Visit the ops in the order given (reverse topological): when you reach a "
        "node, every op that uses it has already passed its gradient back.",
        "For each op: grad_fn = get_gradient(node); input_grads = grad_fn(OpValues(node, input values, output "
        "value), grads[node]).",
        "A node used by two ops receives a gradient from each: add them (+=), do not overwrite (=).",
        "Some ops pass no gradient (argmax, equal): get_gradient returns None for them, so skip those; and an op "
        "that no gradient reached (it is not in your dict) has nothing to pass on: skip it too.",
    ],
)


@backward_pass_exercise.reference
def backward_pass(order, values, loss):
    grads = {loss: np.ones_like(values[loss])}
    for node in order:
        if node not in grads:
            continue
        grad_fn = get_gradient(node)
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=True):
            if g is not None:
                grads[inp] = grads[inp] + g if inp in grads else g
    return grads


@backward_pass_exercise.mistake(
    "at a node used more than once you overwrote its gradient (=) instead of adding to it (+=): the gradient of a "
    "shared node is the sum over every path to the loss."
)
def _backward_pass_overwrite(order, values, loss):
    grads = {loss: np.ones_like(values[loss])}
    for node in order:
        grad_fn = get_gradient(node) if node in grads else None
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=True):
            if g is not None:
                grads[inp] = g
    return grads


@backward_pass_exercise.mistake(
    "the loss's own gradient must start at 1 (dL/dL = 1): starting from 0 makes every gradient 0."
)
def _backward_pass_zero_seed(order, values, loss):
    grads = {loss: np.zeros_like(values[loss])}
    for node in order:
        grad_fn = get_gradient(node) if node in grads else None
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=True):
            if g is not None:
                grads[inp] = grads[inp] + g if inp in grads else g
    return grads


@backward_pass_exercise.mistake(
    "get_gradient(node) is None for ops that pass no gradient, such as equal and argmax: calling it raises "
    "\"'NoneType' object is not callable\". Check first: if grad_fn is None: continue."
)
def _backward_pass_no_none_check(order, values, loss):
    grads = {loss: np.ones_like(values[loss])}
    for node in order:
        if node not in grads:
            continue
        grad_fn = get_gradient(node)
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=True):
            if g is not None:
                grads[inp] = grads[inp] + g if inp in grads else g
    return grads


@backward_pass_exercise.mistake(
    "an op that no gradient reached has no entry in your dict (here an op whose output only argmax uses: argmax "
    "passes nothing back). There is nothing to pass on from it: skip it, if node not in grads: continue."
)
def _backward_pass_unreached(order, values, loss):
    grads = {loss: np.ones_like(values[loss])}
    for node in order:
        grad_fn = get_gradient(node)
        if grad_fn is None:
            continue
        input_grads = grad_fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
        for inp, g in zip(node.inputs, input_grads, strict=True):
            if g is not None:
                grads[inp] = grads[inp] + g if inp in grads else g
    return grads


# --- 04-gd-step -------------------------------------------------------------------------------

gd_step_exercise = FunctionExercise(
    "04-gd-step",
    "One step of gradient descent",
    cases={
        "a vector": (np.array([1.0, -2.0, 0.5]), np.array([0.2, -0.4, 1.0]), 0.1),
        "a matrix, lr 0.5": (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, -1.0], [0.5, 0.0]]), 0.5),
    },
    hints=["The gradient points uphill. To go down, step against it, by lr times the gradient."],
)


@gd_step_exercise.reference
def gd_step(w, grad, lr):
    return w - lr * grad


@gd_step_exercise.mistake(
    "wrong sign: w + lr·grad climbs the loss. Gradient descent steps against the gradient: w − lr·grad."
)
def _gd_step_ascent(w, grad, lr):
    return w + lr * grad


@gd_step_exercise.mistake("you forgot the learning rate: the step is lr·grad, not the whole gradient.")
def _gd_step_no_lr(w, grad, lr):
    return w - grad


# =============================================================================================
# Added with the full lesson 4 notebook: registering a new op's gradient, the order of the
# backward pass, and the softmax decision boundary. (The exercises above are unchanged.)
# =============================================================================================

from ..backprop import ancestors  # noqa: E402 - kept next to the exercises that use it
from ..graph import Graph, Node, Operation  # noqa: E402
from .core import Exercise  # noqa: E402


class Softplus(Operation):
    """softplus(a) = log(1 + e^a). The notebook defines the same op; its gradient is the exercise.
    No gradient is registered here: the learner registers it with @register_gradient("Softplus")."""

    def compute(self, a):
        return np.logaddexp(0.0, a)


def _stable_sigmoid(a):
    return 0.5 * (1 + np.tanh(0.5 * a))


# --- 04-softplus-grad -------------------------------------------------------------------------

softplus_grad_exercise = GradientExercise(
    "04-softplus-grad",
    "Register the gradient of a new op, softplus",
    op=Softplus,
    cases={
        "five values from -3 to 3": (np.linspace(-3.0, 3.0, 5),),
        "a batch 2×3": (_rng.normal(size=(2, 3)),),
        "very large and very small inputs": (np.array([-800.0, -30.0, 0.0, 30.0, 800.0]),),
    },
    hints=[
        "Differentiate log(1 + e^a) with the chain rule: the outer log gives 1/(1 + e^a), the inner part e^a.",
        "e^a / (1 + e^a) is σ(a), the sigmoid. Then multiply by the incoming gradient `grad`.",
        "e^a overflows for a = 800 (inf / inf is NaN). Write σ(a) as 1 / (1 + e^(−a)), or as 0.5·(1 + tanh(a/2)).",
    ],
)


@softplus_grad_exercise.reference
def softplus_grad(op, grad):
    (a,) = op.input_values
    return [grad * 0.5 * (1 + np.tanh(0.5 * a))]


@softplus_grad_exercise.mistake(
    "you returned softplus itself (op.output_value): that is the op's value, not its derivative. "
    "d/da log(1 + e^a) = e^a / (1 + e^a) = σ(a)."
)
def _softplus_grad_value(op, grad):
    return [grad * op.output_value]


@softplus_grad_exercise.mistake(
    "a sign slipped: 1 / (1 + e^a) is σ(−a). The derivative is e^a / (1 + e^a) = 1 / (1 + e^(−a)) = σ(a)."
)
def _softplus_grad_sign(op, grad):
    (a,) = op.input_values
    return [grad * _stable_sigmoid(-a)]


@softplus_grad_exercise.mistake(
    "the formula is right, but e^a / (1 + e^a) overflows for large a (e^800 is inf, and inf / inf is NaN). "
    "Use the equal form 1 / (1 + e^(−a)), or 0.5·(1 + tanh(a/2)), which never divides inf by inf."
)
def _softplus_grad_overflow(op, grad):
    (a,) = op.input_values
    return [grad * np.exp(a) / (1 + np.exp(a))]


@softplus_grad_exercise.mistake(
    "you forgot to multiply by the incoming gradient `grad` (the chain rule): return [grad * σ(a)]."
)
def _softplus_grad_no_chain(op, grad):
    (a,) = op.input_values
    return [_stable_sigmoid(a)]


# --- 04-backprop-order ------------------------------------------------------------------------

ORDER_OK = "every node comes after all the nodes that use it"
FORWARD_ORDER = "the forward order: every node comes before the nodes that use it, the loss last"


class BackpropOrderExercise(Exercise):
    """The answer is `order(loss) -> [nodes]`: every node the loss depends on, the loss first, each
    node after all of its consumers (a reverse topological order). Many orders are right, so the
    answer is not compared with one list: each case reports the set of nodes visited and the first
    node that comes too early (or that none does)."""

    kind = "backprop order"

    def run(self, answer, build):
        graph = Graph()
        with graph.as_default():
            loss = build()
        order = answer(loss)
        if type(order) not in (list, tuple) or not all(isinstance(n, Node) for n in order):
            return order  # reported as "expected a dict, got ..." by the comparison
        verdict = _first_too_early(order, loss)
        if verdict != ORDER_OK and len(set(order)) == len(order) and _first_too_early(order[::-1], loss) == ORDER_OK:
            verdict = FORWARD_ORDER  # every node before the nodes that use it: the right order, backwards
        return {"nodes visited": sorted(n.name for n in order), "order": verdict}

    def where_text(self, where):
        return {"'nodes visited'": "the nodes visited", "'order'": "the order"}.get(where, where)


def _first_too_early(order, loss):
    """`ORDER_OK`, or which node is visited before one of the nodes that use it."""
    needed = ancestors([loss])
    consumers = {node: [] for node in needed}
    for node in loss.graph.nodes:
        if node in needed:
            for inp in node.inputs:
                consumers[inp].append(node)
    seen = set()
    for node in order:
        waiting = [c for c in consumers.get(node, []) if c not in seen]
        if waiting:
            return (
                f"{node.name!r} comes before {waiting[0].name!r}, which uses it: when {node.name!r} passes its "
                f"gradient on, the share from {waiting[0].name!r} has not arrived yet"
            )
        seen.add(node)
    return ORDER_OK


def _chain_for_order():
    x = tf.placeholder(tf.float64, shape=(2, 2), name="x")
    W = tf.Variable(np.array([[0.5], [-1.0]]), name="W")
    z = tf.matmul(x, W, name="z")
    p = tf.sigmoid(z, name="p")
    return tf.reduce_sum(p, name="loss")


def _shortcut_for_order():
    x = tf.placeholder(tf.float64, shape=(3,), name="x")
    h = tf.sigmoid(x, name="h")
    s = tf.tanh(h, name="s")  # h reaches the loss directly (through t) and through s: paths of different length
    t = tf.add(h, s, name="t")
    return tf.reduce_sum(t, name="loss")


def _perceptron_for_order():
    x = tf.placeholder(tf.float64, shape=(None, 2), name="x")
    labels = tf.placeholder(tf.float64, shape=(None, 2), name="labels")
    W = tf.Variable(np.array([[1.0, -1.0], [0.5, 0.5]]), name="W")
    b = tf.Variable(np.zeros(2), name="b")
    logits = tf.add(tf.matmul(x, W, name="xW"), b, name="logits")
    losses = tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, name="xent")
    return tf.reduce_mean(losses, name="loss")


backprop_order_exercise = BackpropOrderExercise(
    "04-backprop-order",
    "The order of the backward pass",
    cases={
        "a chain x → matmul → sigmoid → sum": _chain_for_order,
        "a node used twice, at different depths": _shortcut_for_order,
        "the softmax perceptron's loss": _perceptron_for_order,
    },
    hints=[
        "First find a topological order: every node after its inputs. A depth-first search does it: put a node "
        "in the list only after all its inputs are in it (and keep a set of the nodes already placed).",
        "Backpropagation needs the reverse: reverse the topological order, and the loss comes first.",
        "Visiting nodes breadth-first from the loss looks right but is not: a node reached by a short path is "
        "visited before the consumers on a longer path have passed their gradient back.",
    ],
)


@backprop_order_exercise.reference
def backprop_order(loss):
    topological, placed = [], set()
    stack = [(loss, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            if node not in placed:
                placed.add(node)
                topological.append(node)  # all of its inputs are already in the list
        elif node not in placed:
            stack.append((node, True))
            stack.extend((inp, False) for inp in node.inputs)
    return topological[::-1]


@backprop_order_exercise.mistake(
    "this is the forward (topological) order: inputs first, the loss last. The backward pass needs it "
    "reversed (order[::-1]), so that the loss comes first and each node comes after every node that uses it."
)
def _order_forward(loss):
    return backprop_order(loss)[::-1]


@backprop_order_exercise.mistake(
    "a breadth-first walk from the loss visits a node as soon as one consumer reaches it. A node used on two "
    "paths of different length (a shortcut) is then visited before its other consumer has passed its share "
    "back. Sort topologically (depth-first, a node placed after its inputs) and reverse."
)
def _order_breadth_first(loss):
    order, seen, queue = [], {loss}, [loss]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for inp in node.inputs:
            if inp not in seen:
                seen.add(inp)
                queue.append(inp)
    return order


@backprop_order_exercise.mistake(
    "a node used by two ops appears twice in your order: keep a set of the nodes already placed, so each node "
    "is visited exactly once (its gradient is the sum of both shares, computed in one visit)."
)
def _order_duplicates(loss):
    topological = []

    def visit(node):
        for inp in node.inputs:
            visit(inp)
        topological.append(node)

    visit(loss)
    return topological[::-1]


# --- 04-softmax-boundary ----------------------------------------------------------------------

boundary_exercise = FunctionExercise(
    "04-softmax-boundary",
    "Where the softmax perceptron's decision boundary is",
    cases={
        "W with mixed signs": (np.array([[1.5, -0.5], [-1.0, 2.0]]), np.array([0.3, -0.2]), np.linspace(-3, 3, 5)),
        "a random W and b": (
            _rng.normal(size=(2, 2)) + np.array([[0, 0], [-1, 1]]),
            _rng.normal(size=2),
            np.linspace(-2, 2, 4),
        ),
    },
    hints=[
        "The two scores are z₀ = x·W[0,0] + y·W[1,0] + b[0] and z₁ = x·W[0,1] + y·W[1,1] + b[1]: column k of W "
        "gives class k's score.",
        "Softmax picks the larger score, so the boundary is where z₀ = z₁, i.e. "
        "x·(W[0,1] − W[0,0]) + y·(W[1,1] − W[1,0]) + (b[1] − b[0]) = 0.",
        "Solve that equation for y.",
    ],
)


@boundary_exercise.reference
def boundary_y(W, b, xs):
    dw = W[:, 1] - W[:, 0]
    return -(xs * dw[0] + (b[1] - b[0])) / dw[1]


@boundary_exercise.mistake(
    "this is the line where class 0's score alone is zero, drawn from one column of W. Softmax compares the two "
    "scores, so the boundary is where they are equal: use the difference of the columns, W[:,1] − W[:,0], and of "
    "the biases, b[1] − b[0]."
)
def _boundary_one_column(W, b, xs):
    return -(xs * W[0, 0] + b[0]) / W[1, 0]


@boundary_exercise.mistake(
    "rows and columns of W are swapped: row i of W multiplies input i (x or y), and column k holds the weights "
    "of class k. The difference you need is W[:,1] − W[:,0], a difference of columns."
)
def _boundary_transposed(W, b, xs):
    return boundary_y(W.T, b, xs)


@boundary_exercise.mistake(
    "you forgot the biases: the boundary is x·(W[0,1] − W[0,0]) + y·(W[1,1] − W[1,0]) + (b[1] − b[0]) = 0, and "
    "without b[1] − b[0] it always passes through the origin."
)
def _boundary_no_bias(W, b, xs):
    return boundary_y(W, np.zeros_like(b), xs)


@boundary_exercise.mistake(
    "you divided by the wrong coefficient: in a·x + d·y + c = 0 with a = W[0,1] − W[0,0] (x's) and "
    "d = W[1,1] − W[1,0] (y's), solving for y divides by d, y's own coefficient: y = −(a·x + c) / d."
)
def _boundary_wrong_divisor(W, b, xs):
    dw = W[:, 1] - W[:, 0]
    return -(xs * dw[0] + (b[1] - b[0])) / dw[0]


@boundary_exercise.mistake("a minus sign went missing: from a·x + d·y + c = 0 it follows that y = −(a·x + c) / d.")
def _boundary_sign(W, b, xs):
    return -boundary_y(W, b, xs)
