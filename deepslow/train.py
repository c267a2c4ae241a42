"""Optimizers, with TensorFlow 1's update rules and default hyper-parameters.

`opt.minimize(loss)` builds a train op: `compute_gradients` (the gradient nodes) and then
`apply_gradients` (the op that updates the variables), as in TF. Running it
(`sess.run([train_op, loss], feed)`) runs the forward pass for that feed, backpropagates, and
updates every variable with `update()`, each optimizer's rule written out in a few lines. The
optimizer's per-variable memory (its "slots": momentum, Adam's moments) lives in the Session,
like the variables themselves.
"""

import copy
import math

import numpy as np

from .backprop import gradients
from .errors import describe
from .graph import Node, Variable, as_node
from .steps import read_variable


class Optimizer:
    """A rule for one training step. `learning_rate` is a number, or a node (a placeholder, a
    decaying schedule) whose value each train op's run computes first. `use_locking` and `name`
    are accepted for TF1's sake: a deepslow run never shares variables between threads."""

    def __init__(self, learning_rate, use_locking=False, name=None):
        self.learning_rate = learning_rate
        self.name = name or type(self).__name__.replace("Optimizer", "")

    def update(self, value, grad, slots):
        """Return the variable's new value; read and write this variable's state in `slots`."""
        raise NotImplementedError

    def minimize(self, loss, var_list=None, global_step=None, name=None):
        """A train op that moves `var_list` (default: every trainable variable) downhill on loss."""
        return self.apply_gradients(self.compute_gradients(loss, var_list), global_step=global_step, name=name)

    def compute_gradients(self, loss, var_list=None):
        """[(gradient node, variable)] for each variable; the gradient is None where the loss
        does not depend on the variable. Change the gradients (clip them, say) before
        apply_gradients if you like."""
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
        grads_and_vars = list(zip(gradients([loss], var_list), var_list)) if var_list else []
        if not any(g is not None for g, _ in grads_and_vars):
            names = ", ".join(describe(v) for v in var_list) or "none"
            raise ValueError(
                f"no gradients: the loss {describe(loss)} does not depend on any of the variables ({names}). "
                "Check that the loss is built from the model's output."
            )
        return grads_and_vars

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """A train op applying each (gradient, variable) pair with this optimizer's rule, and
        adding 1 to `global_step` (a Variable) if given."""
        pairs = [(as_gradient(g, v), v) for g, v in grads_and_vars if g is not None]
        if not pairs:
            raise ValueError("apply_gradients() got no gradients: every gradient is None")
        return TrainOp(self, pairs, global_step, name=name or self.name)


def as_gradient(grad, var):
    """A gradient node for `var` (a plain array becomes a constant of the variable's dtype)."""
    if not isinstance(var, Variable):
        raise TypeError(f"apply_gradients takes (gradient, Variable) pairs; {var!r:.80} is not a Variable")
    return as_node(grad, var.graph, dtype_hint=var.dtype)


class TrainOp(Node):
    """Running it applies one optimizer step to its variables. Its inputs are the gradient
    nodes, so the Session computes them first, in the same run (see steps.train)."""

    op_type = "TrainOp"
    kind = "train"

    def __init__(self, optimizer, grads_and_vars, global_step=None, name=None):
        grads = [g for g, _ in grads_and_vars]
        # minimize()'s gradients all pick from one Gradients node: then that node is the only
        # input and apply() picks for itself (one list instead of one node per variable).
        self.picks = None
        if all(g.op_type == "GradientOf" and g.inputs[0] is grads[0].inputs[0] for g in grads):
            self.picks = [g.position for g in grads]
            grads = [grads[0].inputs[0]]
        self.rate_node = isinstance(optimizer.learning_rate, Node)  # then its value is the last input
        super().__init__(grads + [optimizer.learning_rate] if self.rate_node else grads, name=name)
        self.optimizer = optimizer
        self.variables = [v for _, v in grads_and_vars]
        self.global_step = global_step

    def apply(self, grads, variables, slots):
        """This run's step: new values {variable: value} and optimizer state {(train op,
        variable): slots}, from its gradients, the session's current `variables` and the state
        `slots` left by earlier runs (keyed by train op too, so two train ops on one variable
        keep separate momentum). Nothing is stored here: the Session commits both only if the
        whole run succeeds."""
        optimizer = self.optimizer
        if self.rate_node:  # this run's learning rate: the same rule, with the number in its place
            *grads, rate = grads
            optimizer = copy.copy(optimizer)
            optimizer.learning_rate = rate
        if self.picks is not None:
            grads = [grads[0][k] for k in self.picks]
        new_values, new_slots = {}, {}
        for var, grad in zip(self.variables, grads):
            key = (self, var)
            state = dict(slots.get(key, ()))  # a copy: the session keeps the old one until commit
            value = variables.get(var)
            if value is None:  # (a variable fed in this run, but never initialized)
                read_variable(var, variables)  # raises the error saying to run the initializer
            new = optimizer.update(value, grad, state)
            new_values[var] = new if type(new) is np.ndarray and new.dtype == var.dtype else np.asarray(new, var.dtype)
            if state:  # (plain gradient descent keeps none)
                new_slots[key] = state
        if self.global_step is not None:
            new_values[self.global_step] = read_variable(self.global_step, variables) + 1
        return new_values, new_slots


class GradientDescentOptimizer(Optimizer):
    """w ← w − η·g"""

    def update(self, value, grad, slots):
        return value - self.learning_rate * grad


class MomentumOptimizer(Optimizer):
    """a ← μ·a + g;  w ← w − η·a   (TF's form; with use_nesterov: w ← w − η·(g + μ·a))"""

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum", use_nesterov=False):
        super().__init__(learning_rate, use_locking, name)
        self.momentum = momentum
        self.use_nesterov = use_nesterov

    def update(self, value, grad, slots):
        accumulation = self.momentum * slots.get("accumulation", 0.0) + grad
        slots["accumulation"] = accumulation
        step = grad + self.momentum * accumulation if self.use_nesterov else accumulation
        return value - self.learning_rate * step


class AdamOptimizer(Optimizer):
    """m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)"""

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8, use_locking=False, name="Adam"):
        super().__init__(learning_rate, use_locking, name)
        self.beta1, self.beta2, self.epsilon = beta1, beta2, epsilon

    def update(self, value, grad, slots):
        t = slots.get("t", 0) + 1
        m = self.beta1 * slots.get("m", 0.0) + (1 - self.beta1) * grad
        v = self.beta2 * slots.get("v", 0.0) + (1 - self.beta2) * grad * grad
        slots.update(t=t, m=m, v=v)
        step_size = self.learning_rate * math.sqrt(1 - self.beta2**t) / (1 - self.beta1**t)
        return value - step_size * m / (np.sqrt(v) + self.epsilon)
