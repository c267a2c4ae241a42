"""Seeded 2-D data sets for the lessons and widgets. Same seed, same points, every time.

Each function returns (X, y): X of shape (n, 2), float64; y of shape (n,), integer class labels.
"""

import numpy as np


def blobs(n=100, noise=1.0, seed=0, centers=((-2.0, -2.0), (2.0, 2.0))):
    """Gaussian blobs of equal size (default: 50 + 50 around (-2,-2) and (2,2), std 1)."""
    rng = np.random.default_rng(seed)
    centers = np.asarray(centers, dtype=float)
    y = np.arange(n) * len(centers) // n
    X = centers[y] + noise * rng.standard_normal((n, 2))
    return X, y


def xor(n=100, noise=0.2, seed=0):
    """Four clusters: class 0 around (0,0) and (1,1), class 1 around (0,1) and (1,0).
    No straight line separates the classes, so a perceptron fails and an MLP succeeds."""
    rng = np.random.default_rng(seed)
    corners = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    cluster = np.arange(n) * 4 // n
    X = corners[cluster] + noise * rng.standard_normal((n, 2))
    y = (cluster >= 2).astype(np.int64)
    return X, y


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) * 2 // n
    t = np.pi * rng.random(n)
    X = np.where(
        y[:, None] == 0,
        np.column_stack([np.cos(t), np.sin(t)]),
        np.column_stack([1 - np.cos(t), 0.5 - np.sin(t)]),
    )
    return X + noise * rng.standard_normal((n, 2)), y


def circles(n=200, noise=0.05, seed=0, factor=0.5):
    """A small circle (class 1) inside a large one (class 0)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) * 2 // n
    t = 2 * np.pi * rng.random(n)
    radius = np.where(y == 0, 1.0, factor)
    X = radius[:, None] * np.column_stack([np.cos(t), np.sin(t)])
    return X + noise * rng.standard_normal((n, 2)), y


def spirals(n=200, noise=0.1, seed=0, turns=1.5):
    """Two spirals wound into each other: the hardest set here."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) * 2 // n
    r = rng.random(n)
    angle = 2 * np.pi * turns * r + np.pi * y
    X = r[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return X + noise * rng.standard_normal((n, 2)), y


MAKERS = {"blobs": blobs, "xor": xor, "moons": moons, "circles": circles, "spirals": spirals}


def make(name, n=200, noise=None, seed=0):
    """Any data set by name (the widgets' data-set menu uses this)."""
    try:
        maker = MAKERS[name]
    except KeyError:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(MAKERS)}") from None
    return maker(n=n, seed=seed) if noise is None else maker(n=n, noise=noise, seed=seed)


def one_hot(y, num_classes=None):
    """Integer labels (n,) -> rows of 0/1 (n, num_classes), as softmax cross-entropy wants."""
    y = np.asarray(y, dtype=np.int64)
    num_classes = int(y.max()) + 1 if num_classes is None else num_classes
    return np.eye(num_classes)[y]


def train_test_split(X, y, test_fraction=0.3, seed=0):
    """A seeded random split: (X_train, y_train, X_test, y_test)."""
    if not 0 <= test_fraction < 1:
        raise ValueError(f"test_fraction must be in [0, 1), got {test_fraction}")
    order = np.random.default_rng(seed).permutation(len(X))
    n_test = int(round(len(X) * test_fraction))
    test, train = order[:n_test], order[n_test:]
    return X[train], y[train], X[test], y[test]
