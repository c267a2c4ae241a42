"""Our own correct answers, written blind from the notebook text: the body that replaces each stub's
`raise NotImplementedError` line (notebooks.fill_stub indents it). They stand in for earlier exercises
when a later cell needs them, and the probes compare answers with them where one answer is right.
probes.py also checks them against independent oracles (finite differences, the session, properties).
"""

REFERENCES = {
    "01-affine-graph": """
return tf.matmul(A, x) + b
""",
    "01-squared-difference": """
return (x - y) ** 2
""",
    "01-run-order": """
order, placed = [], set()

def place(node):
    if node in placed:
        return
    for inp in node.inputs:
        place(inp)
    placed.add(node)
    order.append(node)

place(target)
return order
""",
    "01-forward-pass": """
if isinstance(node, Placeholder):
    values[node] = feed[node]
elif isinstance(node, Variable):
    values[node] = node.initial_value
elif isinstance(node, Constant):
    values[node] = node.value
else:
    values[node] = node.compute(*[values[i] for i in node.inputs])
""",
    "02-sigmoid": """
e = np.exp(-np.abs(s))  # at most 1: never overflows
return np.where(s >= 0, 1 / (1 + e), e / (1 + e))
""",
    "02-softmax": """
e = np.exp(z - z.max(axis=1, keepdims=True))
return e / e.sum(axis=1, keepdims=True)
""",
    "02-affine": """
return tf.matmul(x, W) + b
""",
    "02-probabilities": """
return tf.nn.softmax(tf.matmul(x, W) + b)
""",
    "03-error-rate": """
return np.mean(np.argmax(p, axis=1) != y)
""",
    "03-cross-entropy": """
return -np.sum(y * np.log(p)) / len(p)
""",
    "03-nll-graph": """
return tf.negative(tf.reduce_sum(tf.multiply(c, tf.log(p))))
""",
    "03-log-softmax": """
shifted = z - z.max(axis=1, keepdims=True)
return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
""",
    "03-fused-loss": """
return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=c, logits=scores))
""",
    "04-gd-step": """
return w - lr * grad
""",
    "04-sigmoid-grad": """
s = op.output_value
return [grad * s * (1 - s)]
""",
    "04-matmul-grad": """
return [grad @ B.T, A.T @ grad]
""",
    "04-softplus-grad": """
e = np.exp(-np.abs(a))  # the sigmoid of a, computed without overflow
return [grad * np.where(a >= 0, 1 / (1 + e), e / (1 + e))]
""",
    "04-backprop-order": """
order, placed = [], set()

def place(node):
    if node in placed:
        return
    for inp in node.inputs:
        place(inp)
    placed.add(node)
    order.append(node)

place(loss)
return order[::-1]
""",
    "04-backward-pass": """
if node not in grads:
    continue  # no gradient reaches this op
grad_fn = get_gradient(node)
if grad_fn is None:
    continue  # argmax, equal: no gradient passes through
input_values = [values[i] for i in node.inputs]
input_grads = grad_fn(OpValues(node, input_values, values[node]), grads[node])
for inp, g in zip(node.inputs, input_grads):
    if g is None:
        continue
    grads[inp] = grads[inp] + g if inp in grads else g
""",
    "04-softmax-boundary": """
dw = W[:, 1] - W[:, 0]
db = b[1] - b[0]
return -(xs * dw[0] + db) / dw[1]
""",
    "05-hidden-layer": """
return tf.sigmoid(tf.matmul(x, W) + b)
""",
    "05-collapse": """
return [W1 @ W2, b1 @ W2 + b2]
""",
    "05-decision-map": """
grid_x, grid_y = np.meshgrid(xs, ys)
points = np.column_stack([grid_x.ravel(), grid_y.ravel()])
return np.asarray(predict(points)).reshape(len(ys), len(xs))
""",
    "05-train-epoch": """
losses = []
for start in range(0, len(order), batch_size):
    rows = np.asarray(order[start : start + batch_size])
    _, value = sess.run([train_op, loss], feed_dict={x: X[rows], labels: Y[rows]})
    losses.append(value)
return losses
""",
    "06-tape-gradients": """
grads = {output: np.ones_like(output.data)}
for out, inputs, vjp in reversed(tape):
    if out not in grads:
        continue
    for tensor, g in zip(inputs, vjp(grads[out])):
        grads[tensor] = grads[tensor] + g if tensor in grads else g
return grads
""",
    "06-torch-layout": """
return [W.T, b]
""",
    "06-adam-torch": """
m = beta1 * m + (1 - beta1) * g
v = beta2 * v + (1 - beta2) * g * g
m_hat = m / (1 - beta1**t)
v_hat = v / (1 - beta2**t)
return [w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v]
""",
}
