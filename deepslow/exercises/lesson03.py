"""Lesson 3 (training criterion): exercises and the mistakes learners make in them."""

import numpy as np

from .kinds import FunctionExercise

_rng = np.random.default_rng(3)


def _probabilities(n, k):
    p = _rng.uniform(0.05, 1.0, size=(n, k))
    return p / p.sum(axis=1, keepdims=True)


def _one_hot(n, k):
    return np.eye(k)[_rng.integers(0, k, size=n)]


cross_entropy_exercise = FunctionExercise(
    "03-cross-entropy",
    "Mean cross-entropy of predicted probabilities (NumPy)",
    cases={
        "4 examples, 3 classes": (_probabilities(4, 3), _one_hot(4, 3)),
        "5 examples, 2 classes": (_probabilities(5, 2), _one_hot(5, 2)),
    },
    hints=[
        "For one example, the loss is −Σ_k y[k]·log p[k]: minus the log of the probability of the true class.",
        "Sum over the classes (axis=1), then average over the examples.",
    ],
)


@cross_entropy_exercise.reference
def cross_entropy(p, y):
    return -np.mean(np.sum(y * np.log(p), axis=1))


@cross_entropy_exercise.mistake(
    "the sign is wrong: log p ≤ 0, so the loss needs a minus to be positive (it is a negative log-likelihood)."
)
def _cross_entropy_sign(p, y):
    return np.mean(np.sum(y * np.log(p), axis=1))


@cross_entropy_exercise.mistake(
    "np.mean over every entry also divides by the number of classes: sum over the classes (axis=1) first, then "
    "average over the examples."
)
def _cross_entropy_mean_all(p, y):
    return -np.mean(y * np.log(p))


@cross_entropy_exercise.mistake(
    "you summed over the examples (axis=0) and then averaged over the classes: swap the axes."
)
def _cross_entropy_axis0(p, y):
    return -np.mean(np.sum(y * np.log(p), axis=0))
