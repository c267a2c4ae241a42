"""More of TF1's optimizers, each one `update` rule (see deepslow/train.py for how an optimizer
works): RMSProp, Adagrad and Adadelta, with TF1's exact update rules and defaults.

`slots` is this variable's optimizer state, kept by the Session between steps. Written with
g for the gradient, η for the learning rate, w for the variable.
"""

import numpy as np

from ..train import Optimizer


class RMSPropOptimizer(Optimizer):
    """ms ← ρ·ms + (1−ρ)·g²;  mom ← μ·mom + η·g/√(ms + ε);  w ← w − mom.
    TF1 starts ms at ONES (not zeros), which keeps the first steps small. With centered=True,
    the running mean of g, mg, is subtracted: √(ms − mg² + ε)."""

    def __init__(
        self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False, centered=False, name="RMSProp"
    ):
        super().__init__(learning_rate, use_locking, name)
        self.decay, self.momentum, self.epsilon, self.centered = decay, momentum, epsilon, centered

    def update(self, value, grad, slots):
        ms = self.decay * slots.get("rms", np.ones_like(value)) + (1 - self.decay) * grad * grad
        slots["rms"] = ms
        if self.centered:
            mg = self.decay * slots.get("mg", 0.0) + (1 - self.decay) * grad
            slots["mg"] = mg
            ms = ms - mg * mg
        mom = self.momentum * slots.get("momentum", 0.0) + self.learning_rate * grad / np.sqrt(ms + self.epsilon)
        slots["momentum"] = mom
        return value - mom


class AdagradOptimizer(Optimizer):
    """acc ← acc + g²;  w ← w − η·g/√acc, with acc starting at initial_accumulator_value (0.1):
    each weight's step shrinks as its squared gradients add up."""

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False, name="Adagrad"):
        super().__init__(learning_rate, use_locking, name)
        if initial_accumulator_value <= 0:
            raise ValueError(f"initial_accumulator_value must be positive, got {initial_accumulator_value}")
        self.initial_accumulator_value = initial_accumulator_value

    def update(self, value, grad, slots):
        accumulator = slots.get("accumulator", self.initial_accumulator_value) + grad * grad
        slots["accumulator"] = accumulator
        return value - self.learning_rate * grad / np.sqrt(accumulator)


class AdadeltaOptimizer(Optimizer):
    """acc ← ρ·acc + (1−ρ)·g²;  Δ = √(acc_Δ + ε)/√(acc + ε)·g;  acc_Δ ← ρ·acc_Δ + (1−ρ)·Δ²;  w ← w − η·Δ."""

    def __init__(self, learning_rate=0.001, rho=0.95, epsilon=1e-8, use_locking=False, name="Adadelta"):
        super().__init__(learning_rate, use_locking, name)
        self.rho, self.epsilon = rho, epsilon

    def update(self, value, grad, slots):
        accumulator = self.rho * slots.get("accum", 0.0) + (1 - self.rho) * grad * grad
        step = np.sqrt(slots.get("accum_update", 0.0) + self.epsilon) / np.sqrt(accumulator + self.epsilon) * grad
        slots["accum"] = accumulator
        slots["accum_update"] = self.rho * slots.get("accum_update", 0.0) + (1 - self.rho) * step * step
        return value - self.learning_rate * step
