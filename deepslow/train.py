"""Optimizers, with TensorFlow 1's update rules and default hyper-parameters.

`opt.minimize(loss)` builds a train op. Running it (`sess.run([train_op, loss], feed)`) runs
the forward pass for that feed, backpropagates, and updates every variable with `update()`,
each optimizer's rule written out in a few lines. The optimizer's per-variable memory (its
"slots": momentum, Adam's moments) lives in the Session, like the variables themselves.
"""

import math

import numpy as np

from .backprop import Gradients
from .errors import describe
from .graph import Node, Variable


class Optimizer:
    def __init__(self, learning_rate):
        self.learning_rate = learning_rate

    def update(self, value, grad, slots):
        """Return the variable's new value; read and write this variable's state in `slots`."""
        raise NotImplementedError

    def minimize(self, loss, var_list=None, name=None):
        """A train op that moves `var_list` (default: every trainable variable) downhill on loss."""
        if not isinstance(loss, Node):
            raise TypeError(f"minimize() needs the loss node, got {loss!r:.60}")
        if var_list is None:
            var_list = [n for n in loss.graph.nodes if isinstance(n, Variable) and n.trainable]
        for node in var_list:
            if not isinstance(node, Variable):
                raise TypeError(
                    f"minimize(var_list=...) takes Variables; {node!r:.80} is not one. Only Variables keep "
                    "values between runs, so only they can be trained."
                )
        backprop = Gradients([loss], var_list)
        connected = [v for v in var_list if backprop.connected(v)]
        if not connected:
            names = ", ".join(describe(v) for v in var_list) or "none"
            raise ValueError(
                f"no gradients: the loss {describe(loss)} does not depend on any of the variables ({names}). "
                "Check that the loss is built from the model's output."
            )
        return TrainOp(self, backprop, name=name or type(self).__name__)


class TrainOp(Node):
    """Running it applies one optimizer step; the Session calls `apply` (see Session.run)."""

    op_type = "TrainOp"

    def __init__(self, optimizer, backprop, name=None):
        super().__init__([backprop], name=name)
        self.optimizer = optimizer
        self.backprop = backprop

    def apply(self, grads, variables, slots):
        """This run's step: new values {variable: value} and optimizer state {(train op,
        variable): slots}, from its gradients, the session's current `variables` and the state
        `slots` left by earlier runs (keyed by train op too, so two train ops on one variable
        keep separate momentum). Nothing is stored here: the Session commits both only if the
        whole run succeeds."""
        new_values, new_slots = {}, {}
        for var, grad in zip(self.backprop.xs, grads):
            if grad is None:
                continue  # a variable the loss does not depend on stays as it is
            key = (self, var)
            state = slots.get(key)
            state = {} if state is None else dict(state)  # a copy: the session keeps the old one until commit
            new_values[var] = np.asarray(self.optimizer.update(variables[var], grad, state), dtype=var.dtype)
            new_slots[key] = state
        return new_values, new_slots


class GradientDescentOptimizer(Optimizer):
    """w ← w − η·g"""

    def update(self, value, grad, slots):
        return value - self.learning_rate * grad


class MomentumOptimizer(Optimizer):
    """a ← μ·a + g;  w ← w − η·a   (TF's form; with use_nesterov: w ← w − η·(g + μ·a))"""

    def __init__(self, learning_rate, momentum, use_nesterov=False):
        super().__init__(learning_rate)
        self.momentum = momentum
        self.use_nesterov = use_nesterov

    def update(self, value, grad, slots):
        accumulation = self.momentum * slots.get("accumulation", 0.0) + grad
        slots["accumulation"] = accumulation
        step = grad + self.momentum * accumulation if self.use_nesterov else accumulation
        return value - self.learning_rate * step


class AdamOptimizer(Optimizer):
    """m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)"""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8):
        super().__init__(learning_rate)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def update(self, value, grad, slots):
        t = slots.get("t", 0) + 1
        m = self.beta1 * slots.get("m", 0.0) + (1 - self.beta1) * grad
        v = self.beta2 * slots.get("v", 0.0) + (1 - self.beta2) * grad * grad
        slots.update(t=t, m=m, v=v)
        step_size = self.learning_rate * math.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        return value - step_size * m / (np.sqrt(v) + self.epsilon)
