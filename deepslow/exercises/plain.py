"""Answers as plain data, and how two answers are compared.

A learner's answer can be any Python object, including one written to fool a checker (an
`__eq__` that always says True, a float subclass, a patched NumPy). So answers are first turned
into *plain data* — JSON-able dicts holding numbers, strings, lists and arrays encoded as .npy
bytes — by `to_plain`, and every comparison is made between plain values by `compare`. The
batch grader decodes the plain data in its own process (`from_plain`), where nothing the learner
wrote is running, and compares there.
"""

import base64
import io

import numpy as np

from .diagnose import names_difference
from .explain import error_words

MAX_ELEMENTS = 1_000_000  # an answer larger than this is refused, not compared
MAX_ITEMS = 200  # items of a list or dict answer
MAX_TEXT = 300  # characters kept from a string or an error message
MAX_DEPTH = 4


def to_plain(value, _depth=0):
    """Encode `value` as plain data. Exact types only: a subclass of float or list is not trusted
    to behave like one, so it is reported as an "other" object (its type name is kept)."""
    kind = type(value)
    if value is None:
        return {"kind": "none"}
    if kind in (bool, int, float) or kind in _NUMPY_SCALARS:
        return _array(np.asarray(value), scalar=True)
    if kind is np.ndarray:
        return _array(value)
    if kind is str:
        return {"kind": "str", "value": value[:MAX_TEXT]}
    if kind in (list, tuple) and _depth < MAX_DEPTH:
        if len(value) > MAX_ITEMS:
            return {"kind": "other", "type": f"{kind.__name__} of {len(value)} items (too long)"}
        return {"kind": "list", "items": [to_plain(v, _depth + 1) for v in value]}
    if kind is dict and _depth < MAX_DEPTH and all(type(k) is str for k in value):
        return {
            "kind": "dict",
            "items": {k[:MAX_TEXT]: to_plain(v, _depth + 1) for k, v in list(value.items())[:MAX_ITEMS]},
        }
    return {"kind": "other", "type": _type_name(value)}


MAX_EXPLANATION = 900  # characters of the words that explain an error (explain.py)


def error_to_plain(exc, explanation=None, where=None):
    """A raised exception, as plain data: its type, the start of its message, and (optionally)
    the words that explain it to a learner, worked out where it happened (explain.py). `where`
    names the dict a missing key was looked up in, so that two mistakes failing on the same key in
    different dicts stay two mistakes."""
    message = _error_message(exc) + (f" in {where}" if where else "")
    plain = {"kind": "error", "type": type(exc).__name__[:80], "message": _whole_lines(message, MAX_TEXT)}
    if explanation:
        plain["explanation"] = str(explanation)[:MAX_EXPLANATION]
    return plain


def _whole_lines(text, most):
    """The start of `text`, at most `most` characters, cut at the end of a line when it has several:
    a line cut in two could no longer be recognised (the grader scrubs whole lines of hidden tests)."""
    if len(text) <= most:
        return text
    cut = text.rfind("\n", 0, most)
    return text[:cut] if cut > 0 else text[:most]


def _error_message(exc):
    """str(exc), except for a KeyError whose key is a graph node: its text is then the node's
    name and op type (a KeyError's own text is the repr of its key)."""
    if isinstance(exc, KeyError) and exc.args and hasattr(exc.args[0], "op_type") and hasattr(exc.args[0], "name"):
        return f"no entry for node '{exc.args[0].name}' ({exc.args[0].op_type})"
    return str(exc)


_NUMPY_SCALARS = {np.float16, np.float32, np.float64, np.int8, np.int16, np.int32, np.int64, np.uint8, np.bool_}


def _type_name(value):
    kind = type(value)
    module = getattr(kind, "__module__", "") or ""
    name = getattr(kind, "__qualname__", "object")
    return (name if module in ("builtins", "__main__") else f"{module}.{name}")[:80]


def _array(array, scalar=False):
    if array.dtype.kind not in "biuf":
        return {"kind": "other", "type": f"array of dtype {array.dtype}"}
    if array.size > MAX_ELEMENTS:
        return {"kind": "other", "type": f"array of {array.size} elements (too large)"}
    buffer = io.BytesIO()
    np.save(buffer, np.array(array, subok=False), allow_pickle=False)
    return {"kind": "array", "scalar": scalar, "npy": base64.b64encode(buffer.getvalue()).decode("ascii")}


# --- decoding: strict, for data that came from an untrusted process ---------------------------


class PlainDataError(ValueError):
    """The data is not well-formed plain data (truncated, forged or from another version)."""


def from_plain(data, _depth=0):
    """Decode and validate plain data; arrays become ndarrays. Raises PlainDataError."""
    if type(data) is not dict or type(data.get("kind")) is not str or _depth > MAX_DEPTH + 1:
        raise PlainDataError("not a plain value")
    kind = data["kind"]
    if kind == "array":
        return {"kind": "array", "scalar": data.get("scalar") is True, "value": _load_npy(data.get("npy"))}
    if kind in ("none",):
        return {"kind": kind}
    if kind in ("str", "other"):
        text = data.get("value" if kind == "str" else "type")
        if type(text) is not str:
            raise PlainDataError(f"a {kind} value without text")
        return {"kind": kind, ("value" if kind == "str" else "type"): text[:MAX_TEXT]}
    if kind == "error":
        etype, message, explanation = data.get("type"), data.get("message"), data.get("explanation")
        if type(etype) is not str or type(message) is not str or type(explanation) not in (str, type(None)):
            raise PlainDataError("an error without type or message")
        error = {"kind": "error", "type": etype[:80], "message": message[:MAX_TEXT]}
        if explanation:
            error["explanation"] = explanation[:MAX_EXPLANATION]
        return error
    if kind == "list" and type(data.get("items")) is list and len(data["items"]) <= MAX_ITEMS:
        return {"kind": "list", "items": [from_plain(v, _depth + 1) for v in data["items"]]}
    if kind == "dict" and type(data.get("items")) is dict and len(data["items"]) <= MAX_ITEMS:
        return {"kind": "dict", "items": {str(k): from_plain(v, _depth + 1) for k, v in data["items"].items()}}
    raise PlainDataError(f"unknown plain kind {kind!r:.40}")


def _load_npy(text):
    if type(text) is not str or len(text) > 12 * MAX_ELEMENTS:
        raise PlainDataError("array data missing or too large")
    try:
        array = np.load(io.BytesIO(base64.b64decode(text, validate=True)), allow_pickle=False)
    except Exception as exc:  # noqa: BLE001 - any decoding failure means the data is bad
        raise PlainDataError(f"array data is not a valid .npy: {exc}") from None
    if type(array) is not np.ndarray or array.dtype.kind not in "biuf" or array.size > MAX_ELEMENTS:
        raise PlainDataError("array data of an unsupported type")
    return array


# --- comparing two decoded values -------------------------------------------------------------


class Difference:
    """Why `got` differs from `expected`: `where` (e.g. "item 1"), a sentence, and both values as text."""

    def __init__(self, reason, expected=None, got=None, where=""):
        self.reason, self.expected, self.got, self.where = reason, expected, got, where

    def __repr__(self):
        return f"Difference({self.where or 'answer'}: {self.reason})"


def compare(expected, got, rtol=1e-5, atol=1e-7, where=""):
    """None if `got` matches `expected` (both decoded plain values), else a Difference.

    Numbers are compared with a tolerance (|got − expected| ≤ atol + rtol·|expected|), shapes
    exactly; a float answer for an int expectation is fine, a string for a number is not.
    """
    if got["kind"] == "error":
        return Difference(error_words(got), describe(expected), None, where)
    if expected["kind"] != got["kind"]:
        return Difference(
            f"expected {kind_text(expected)}, got {kind_text(got)}", describe(expected), describe(got), where
        )
    kind = expected["kind"]
    if kind == "array":
        return _compare_arrays(expected["value"], got["value"], rtol, atol, where)
    if kind == "list":
        e, g = expected["items"], got["items"]
        if all(v["kind"] == "str" for v in e + g) and [v["value"] for v in e] != [v["value"] for v in g]:
            names = names_difference([v["value"] for v in e], [v["value"] for v in g])
            if names:
                return Difference(names, describe(expected), describe(got), where)
        if len(e) != len(g):
            return Difference(f"expected a list of {len(e)} items, got {len(g)}", None, None, where)
        for i, (a, b) in enumerate(zip(e, g, strict=False)):
            diff = compare(a, b, rtol, atol, _join(where, f"item {i}"))
            if diff:
                return diff
        return None
    if kind == "dict":
        for key, a in expected["items"].items():
            if key not in got["items"]:
                return Difference(f"no entry for {key!r}", describe(a), "missing", _join(where, repr(key)))
            diff = compare(a, got["items"][key], rtol, atol, _join(where, repr(key)))
            if diff:
                return diff
        return None
    if kind in ("str", "other"):
        field = "value" if kind == "str" else "type"
        if expected[field] != got[field]:
            return Difference(f"expected {expected[field]!r}, got {got[field]!r}", None, None, where)
    return None


def _join(where, part):
    return f"{where}, {part}" if where else part


def _compare_arrays(e, g, rtol, atol, where):
    if e.dtype.kind == "b" and g.dtype.kind != "b":
        return Difference(
            f"expected booleans, got numbers of dtype {g.dtype}", describe_array(e), describe_array(g), where
        )
    if e.shape != g.shape:
        return Difference(
            f"your answer has shape {tuple(g.shape)}, the expected one {tuple(e.shape)}",
            describe_array(e),
            describe_array(g),
            where,
        )
    e64, g64 = e.astype(np.float64), g.astype(np.float64)
    bad_values = ~np.isfinite(g64) & np.isfinite(e64)
    if bad_values.any():
        index = tuple(int(i) for i in np.argwhere(bad_values)[0])
        return Difference(
            f"contains {g64[index]} at {index} where {e64[index]:.6g} was expected (an overflow or a division by 0?)",
            describe_array(e),
            describe_array(g),
            where,
        )
    close = np.isclose(g64, e64, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    with np.errstate(invalid="ignore"):
        error = np.where(close, 0.0, np.abs(g64 - e64))
    index = np.unravel_index(int(np.argmax(error)), e.shape)
    at = f" at index {tuple(int(i) for i in index)}" if e.ndim else ""
    return Difference(
        f"wrong values{at}: expected {e64[index]:.6g}, got {g64[index]:.6g} ({int((~close).sum())} of {e.size} differ)",
        describe_array(e),
        describe_array(g),
        where,
    )


def kind_text(value):
    kind = value["kind"]
    if kind == "array":
        return "a number" if value.get("scalar") else f"an array of shape {value['value'].shape}"
    if kind == "list":
        return f"a list of {len(value['items'])} items"
    if kind == "dict":
        return f"a dict of {len(value['items'])} entries"
    if kind == "none":
        return "None"
    if kind == "str":
        return "a string"
    if kind == "error":
        return f"an error ({value['type']})"
    return f"an object of type {value['type']}"


def describe(value):
    """Short, rounded text for a decoded value (for cards and feedback)."""
    if value is None:
        return None
    if value["kind"] == "array":
        return describe_array(value["value"])
    if value["kind"] == "list":
        return _short("[" + ", ".join(describe(v) or "?" for v in value["items"]) + "]")
    if value["kind"] == "dict":
        return _short("{" + ", ".join(f"{k!r}: {describe(v)}" for k, v in value["items"].items()) + "}")
    if value["kind"] == "str":
        return repr(value["value"])
    return kind_text(value)


def _short(text, most=600):
    return text if len(text) <= most else text[: most - 5] + " ...]"


def describe_array(array, max_elements=12):
    """`shape (2, 3): [[0.1, 0.2, ...], ...]` rounded to 4 significant digits."""
    text = np.array2string(
        np.asarray(array), precision=4, suppress_small=True, threshold=max_elements, edgeitems=2, separator=", "
    )
    text = " ".join(text.split())
    return text if np.ndim(array) == 0 else f"shape {tuple(np.shape(array))}: {text}"


def is_not_attempted(value):
    """True when the answer is still the stub: it raised NotImplementedError."""
    if value["kind"] == "error":
        return value["type"] == "NotImplementedError"
    if value["kind"] in ("list", "dict"):
        items = value["items"] if value["kind"] == "list" else list(value["items"].values())
        return bool(items) and all(is_not_attempted(v) for v in items)
    return False
