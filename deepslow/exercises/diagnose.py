"""Wrong values in words: guesses that fit any answer, made from plain data alone.

The batch grader has nothing but plain data (plain.py) in its process, so these diagnoses need
nothing else: the expected answer and the learner's, on every case. Each one is said only when it
holds on every element of every case (a constant factor, a transpose, σ of the expected values,
...): one wrong number is always some multiple of the right one, and proves nothing.
"""

import re

import numpy as np

from .explain import dims, shape_words


def _arrays(value):
    return value["kind"] == "array"


def first_difference(expected, got, close):
    """(expected part, got part, the dict holding the got part or None) where two decoded answers first
    differ: down through lists of the same length and dicts with the same keys, as compare() reports."""
    if expected["kind"] == got["kind"] == "list" and len(expected["items"]) == len(got["items"]):
        for e, g in zip(expected["items"], got["items"], strict=True):
            if not close(e, g):
                return first_difference(e, g, close)
    if expected["kind"] == got["kind"] == "dict" and set(expected["items"]) <= set(got["items"]):
        for key, e in expected["items"].items():
            g = got["items"][key]
            if not close(e, g):
                inner = first_difference(e, g, close)
                return inner if inner[0] is not e else (e, g, got)  # a leaf: this dict holds it
    return expected, got, None


def generic_diagnosis(expected, got, close, transposes_in_code=None):
    """A guess that fits any answer, from every case at once ({case: decoded} each), or None.

    `close(a, b)` says whether two decoded values agree. `transposes_in_code` (True / False / None
    when unknown) turns "your answer is the transpose" into advice that points the right way."""
    wrong = [first_difference(expected[label], got[label], close) for label in expected if label in got]
    wrong = [(e, g, parent) for e, g, parent in wrong if not close(e, g)]
    if not wrong:
        return None
    e, g, parent = wrong[0]
    for rule in (_missing_value, _verdict, _names_list, _python_list, _node_returned, _list_wrapping):
        words = rule(e, g, parent)
        if words:
            return words
    if not (_arrays(e) and _arrays(g)):
        return None
    pairs = [(a, b) for a, b, _ in wrong if _arrays(a) and _arrays(b)]
    return _array_diagnosis(e["value"], g["value"], pairs, transposes_in_code)


def _missing_value(e, g, parent):
    if g["kind"] != "none" or e["kind"] == "none":
        return None
    if parent is None:
        return "your function returned None: did you forget `return`?"
    return (
        "your answer has no value (None) here: an entry that was never filled in, or a function that does not return?"
    )


def _verdict(e, g, parent):
    """A case that judges an answer returns words (a verdict): they are the diagnosis."""
    if not (e["kind"] == g["kind"] == "str"):
        return None
    text = g["value"]
    if parent is not None:
        others = [v["value"] for v in parent["items"].values() if v["kind"] == "str" and v["value"] and v is not g]
        text += "".join(f" ({other})" for other in others)
    return text[:1].upper() + text[1:] + "."


def _names_list(e, g, parent):
    """Lists of names (e.g. the nodes an order visits): which are missing, which should not be there."""
    if not (e["kind"] == g["kind"] == "list"):
        return None
    if not all(v["kind"] == "str" for v in e["items"] + g["items"]):
        return None
    return names_difference([v["value"] for v in e["items"]], [v["value"] for v in g["items"]])


def names_difference(expected, got):
    """ "missing 'a'; not expected: 'b'; 'c' twice" for two lists of names, or None when they hold the same."""
    parts = []
    missing = [n for n in dict.fromkeys(expected) if n not in got]
    extra = [n for n in dict.fromkeys(got) if n not in expected]
    twice = [n for n in dict.fromkeys(got) if got.count(n) > max(1, expected.count(n))]
    if missing:
        parts.append("missing: " + ", ".join(map(repr, missing[:5])))
    if extra:
        parts.append("not expected: " + ", ".join(map(repr, extra[:5])))
    if twice:
        parts.append("more than once: " + ", ".join(map(repr, twice[:5])))
    if not parts and sorted(expected) != sorted(got):
        parts.append("the same names, a different number of times")
    return "; ".join(parts) or None


def _python_list(e, g, parent):
    if not (_arrays(e) and g["kind"] == "list"):
        return None
    return (
        "you returned a Python list where a NumPy array was expected: compute with NumPy on whole arrays (or "
        "convert with np.array) instead of building a list."
    )


def _node_returned(e, g, parent):
    if g["kind"] == "other" and g["type"].startswith("deepslow."):
        return (
            f"you returned a graph node ({g['type']}) where numbers were expected: here your function works with "
            f"NumPy arrays, and deepslow's ops (tf.sigmoid, ...) build nodes instead of computing values."
        )
    return None


def _list_wrapping(e, g, parent):
    if e["kind"] == "list" and _arrays(g) and len(e["items"]) == 1 and _arrays(e["items"][0]):
        if e["items"][0]["value"].shape == g["value"].shape:
            return "you returned the result itself, not a list holding it: this function returns a list."
    if e["kind"] == "list" and g["kind"] == "list" and len(e["items"]) != len(g["items"]):
        return f"your list has {len(g['items'])} items; {len(e['items'])} were expected, one per part of the answer."
    return None


def _array_diagnosis(ev, gv, pairs, transposes_in_code):
    ev, gv = ev.astype(np.float64), gv.astype(np.float64)
    if ev.shape != gv.shape:
        if ev.ndim == 2 and gv.shape == ev.T.shape and np.allclose(gv, ev.T, rtol=1e-5, atol=1e-7):
            return _transpose_advice(transposes_in_code)
        if ev.size == gv.size and np.allclose(gv.reshape(ev.shape), ev, rtol=1e-5, atol=1e-7):
            return (
                f"the numbers are right but the shape is {dims(gv.shape)}, not {dims(ev.shape)}: a reshape (or "
                f"keepdims) is off."
            )
        return shape_words(ev.shape, gv.shape) or _length_words(ev.shape, gv.shape)
    same_shape = [(a["value"].astype(np.float64), b["value"].astype(np.float64)) for a, b in pairs]
    same_shape = [(a, b) for a, b in same_shape if a.shape == b.shape]
    if any(np.any(~np.isfinite(b) & np.isfinite(a)) for a, b in same_shape):
        return (
            "your function gives inf or NaN where the answer is an ordinary number: somewhere a number overflows "
            "(an exponential of a large value) or 0 is divided by 0. Rewrite the formula so that it never computes "
            "e^x for a large x, nor takes the log of a number that may have become 0."
        )
    if same_shape and all(_is_negated(a, b) for a, b in same_shape):
        return "every value has the wrong sign: a minus is missing, or one too many."
    factor = _constant_factor(same_shape)
    if factor is not None:
        return f"every value is {factor:.4g} times the expected one, on every case: a missing or extra constant factor?"
    offset = _constant_offset(same_shape)
    if offset is not None:
        return f"every value is off by the same amount, {offset:+.4g}, on every case: a missing or extra constant term?"
    if ev.ndim == 2 and ev.shape[0] == ev.shape[1] and np.allclose(gv, ev.T, rtol=1e-5, atol=1e-7):
        return _transpose_advice(transposes_in_code)
    if np.allclose(np.abs(gv), np.abs(ev), rtol=1e-5, atol=1e-7):
        return "the sizes of the values are right, but some signs are wrong: a sign that depends on the value?"
    if gv.size > 1 and np.allclose(np.sort(gv.ravel()), np.sort(ev.ravel()), rtol=1e-5, atol=1e-7):
        return "the right numbers, in the wrong places: an axis, an index or an order is mixed up."
    if np.all(gv == np.round(gv)) and not np.all(ev == np.round(ev)):
        return "your values are whole numbers where fractions were expected: an integer division (//) or an int()?"
    relation = _relation(same_shape)
    if relation:
        return relation
    return _case_dependent_factor(same_shape)


def _length_words(expected, got):
    """Same number of axes, other lengths: too few or too many items along an axis."""
    if len(expected) != len(got):
        return None
    for axis, (e, g) in enumerate(zip(expected, got, strict=True)):
        if e != g:
            fewer = "fewer" if g < e else "more"
            return (
                f"your result has {fewer} entries along axis {axis} ({g} instead of {e}): a loop or a slice that "
                f"stops too early or goes too far, or a sum over the wrong axis?"
            )
    return None


def _sigmoid(x):
    return 0.5 * (1 + np.tanh(0.5 * x))


def _softmax_rows(x):
    if x.ndim == 0:
        return None
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# (what your answer is, as a function of the expected one)  ->  the words for it
_RELATIONS = [
    (_sigmoid, "your values are σ of the expected ones: a sigmoid applied once too often?"),
    (np.exp, "your values are e to the power of the expected ones: an extra exp, or a log that is missing?"),
    (lambda e: np.log(e) if np.all(e > 0) else None, "your values are the log of the expected ones: an extra log?"),
    (np.square, "your values are the squares of the expected ones: an extra square?"),
    (lambda e: np.sqrt(e) if np.all(e >= 0) else None, "your values are the square roots of the expected ones."),
    (lambda e: 1 - e, "your values are 1 minus the expected ones: the complement (1 − p) where p belongs?"),
    (
        lambda e: e / (1 - e) if np.all((e > 0) & (e < 1)) else None,
        "your values are e^z where σ(z) was expected (e^z = σ(z) / (1 − σ(z))): an exponential in place of the "
        "sigmoid?",
    ),
    (
        lambda e: 1 / e if np.all(e != 0) else None,
        "your values are 1 divided by the expected ones: a division the wrong way round?",
    ),
    (lambda e: np.maximum(e, 0), "the negative values became 0: an extra relu (or a clip)?"),
    (np.tanh, "your values are tanh of the expected ones: an extra tanh?"),
    (_softmax_rows, "your values are the softmax of the expected ones (row by row): an extra softmax?"),
]
# (the expected answer, as a function of yours)  ->  the words for it
_INVERSE_RELATIONS = [
    (_sigmoid, "σ of your values gives the expected ones: the final σ is missing?"),
    (np.exp, "e to the power of your values gives the expected ones: an exp is missing (or an extra log)?"),
    (_softmax_rows, "the softmax of your values (row by row) gives the expected ones: the softmax is missing?"),
    (np.square, "the squares of your values give the expected ones: a square is missing?"),
]


def _relation(pairs):
    """Words for got == f(expected) (or expected == f(got)) on every element of every case, for a few
    functions f that answers add or drop (σ, exp, log, square, 1 − x, relu, softmax, ...)."""
    if not pairs or sum(e.size for e, _ in pairs) < 2:
        return None
    for candidates, forwards in ((_RELATIONS, True), (_INVERSE_RELATIONS, False)):
        for f, words in candidates:
            if all(_holds(f, e, g) if forwards else _holds(f, g, e) for e, g in pairs):
                return words
    return None


def _holds(f, x, y):
    with np.errstate(all="ignore"):
        try:
            fx = f(x)
        except Exception:  # noqa: BLE001 - a relation that does not apply to these values
            return False
    if fx is None or np.shape(fx) != np.shape(y) or not np.all(np.isfinite(fx)) or np.allclose(fx, x, atol=1e-9):
        return False
    return bool(np.allclose(y, fx, rtol=1e-5, atol=1e-7))


def _case_dependent_factor(pairs):
    """A whole number (≥ 2), or one over it, between every answer and the expected one, but a different
    number on different cases: a sum where a mean belongs (or the reverse), over an axis of that length."""
    if len(pairs) < 2:
        return None
    factors = []
    for e, g in pairs:
        k = _constant_factor([(e, g)]) if e.size > 1 else (g.item() / e.item() if e.item() != 0 else None)
        if k is None or not np.isfinite(k):
            return None
        factors.append(k)
    wholes = [round(k) if abs(k) >= 1 else round(1 / k) for k in factors]
    if any(
        w == 0 or abs(abs(w) - (abs(k) if abs(k) >= 1 else abs(1 / k))) > 1e-6 * abs(w)
        for w, k in zip(wholes, factors, strict=True)
    ):
        return None
    if len({abs(w) for w in wholes}) < 2 or min(abs(w) for w in wholes) < 2:
        return None
    shown = ", ".join(f"×{k:.4g}" for k in factors)
    return (
        f"on each case your answer is the expected one times a whole number or divided by one ({shown}), a "
        f"different one on each case: a sum where a mean belongs, or a mean where a sum belongs, over an axis "
        f"of that length?"
    )


def _constant_offset(pairs):
    """c when got == expected + c for every element of every pair (at least two elements), else None."""
    diffs = [(b - a).ravel() for a, b in pairs if np.all(np.isfinite(a)) and np.all(np.isfinite(b))]
    if len(diffs) != len(pairs) or sum(d.size for d in diffs) < 2:
        return None
    every = np.concatenate(diffs)
    c = every[0]
    if abs(c) < 1e-9 or not np.allclose(every, c, rtol=1e-6, atol=1e-9):
        return None
    return c


def _transpose_advice(transposes_in_code):
    if transposes_in_code is True:
        return (
            "your answer is the transpose of the expected one. Your code transposes something: is that transpose "
            "one too many, or are the factors of a product in the wrong order?"
        )
    if transposes_in_code is False:
        return (
            "your answer is the transpose of the expected one: a transpose is missing somewhere, or the factors of "
            "a product are in the wrong order."
        )
    return "your answer is the transpose of the expected one: check the order of a product's factors and every .T."


def _is_negated(e, g):
    return e.size > 0 and np.abs(e).max() > 0 and np.allclose(g, -e, rtol=1e-5, atol=1e-7)


def _constant_factor(pairs):
    """k when got == k · expected for every element of every pair (zeros included), with at least
    two non-zero elements in all; else None. One wrong number is always some multiple of the
    right one, so a single number proves nothing."""
    ratios, nonzero = [], 0
    for ev, gv in pairs:
        if not (np.all(np.isfinite(ev)) and np.all(np.isfinite(gv))):
            return None
        big = np.abs(ev) > 1e-12
        if not np.allclose(gv[~big], 0.0, atol=1e-9):
            return None
        ratios.extend((gv[big] / ev[big]).ravel())
        nonzero += int(big.sum())
    if nonzero < 2:
        return None
    k = ratios[0]
    if abs(k) in (0.0, 1.0) or not np.allclose(ratios, k, rtol=1e-6, atol=0):
        return None
    return k


def mentions_transpose(source):
    """True when code transposes something (.T, transpose, swapaxes), False when not, None when unknown."""
    if not source:
        return None
    return bool(re.search(r"\.T\b|transpose|swapaxes|\.mT\b", source))
