"""Mistakes in words: what an exception, a wrong shape or a changed input means for a learner.

A card never shows NumPy's or Python's raw message alone. Two kinds of help live here:

* `explain_exception(exc, answer)` runs in the learner's kernel, right where their code failed:
  it reads the failing expression back from the traceback (Python 3.11 records its columns),
  looks up the shapes of its operands, and says what went wrong and which way to look. The
  sentence is stored with the error as plain data, so the batch grader shows the same words.
* `error_words`, `shape_words` and `generic_diagnosis` work on plain data only (the grader's
  process has nothing else): what a wrong sign, a transpose, a lost axis or a constant factor
  looks like in numbers.

Nothing here knows any one exercise: exercise-specific advice is a named mistake (feedback.py).
"""

import ast
import linecache
import os
import re
import traceback

import numpy as np

# --- plain errors -----------------------------------------------------------------------------------

_TYPE_MEANING = {
    "TypeError": "an operation got a value of a type it cannot work with",
    "ValueError": "a value had the right type but not a usable value (often: shapes that do not fit)",
    "KeyError": "a dict was asked for a key it does not have",
    "IndexError": "an index was past the end of a list or an array",
    "AttributeError": "an object was asked for an attribute it does not have",
    "NameError": "the code used a name that is not defined",
    "UnboundLocalError": "a local variable was read before anything was assigned to it",
    "ZeroDivisionError": "a division by zero",
    "RecursionError": "a function called itself too deeply (never reaching a case that stops)",
    "AssertionError": "an assert in the code failed",
    "ShapeError": "deepslow found shapes that do not fit",
    "OpError": "an operation failed while the graph ran",
    "FeedError": "a placeholder was fed a value it cannot take",
    "FetchError": "something that is not a node was fetched",
}


def error_words(error):
    """The Problem line of a card for a plain error (the answer raised, or changed its input).
    When the error was explained where it happened, this line stays short: the explanation is
    the card's "Likely mistake"."""
    kind = error["type"]
    if kind == "InputChangedError":
        changed = error["message"].split(": ", 1)[-1]
        return f"your function changed what it was given, in place ({changed})"
    meaning = _TYPE_MEANING.get(kind)
    if error.get("explanation"):
        return f"your function stopped with a {kind}" + (f": {meaning}." if meaning else ".")
    message = error["message"].strip() or "(no message)"
    if meaning:
        return f"your function stopped with a {kind}: {meaning}. Python's words: {message}"
    return f"your function stopped with an exception of type {kind}. Its message: {message}"


# --- shapes -----------------------------------------------------------------------------------------


def _shape(shape):
    return str(tuple(int(n) for n in shape))


def shape_words(expected, got):
    """A sentence about a wrong shape (both shapes are tuples), or None when nothing fits."""
    expected, got = tuple(expected), tuple(got)
    if expected == got:
        return None
    if got == () and expected:
        return (
            f"you returned one number where an array of shape {_shape(expected)} was expected: a sum, mean or max "
            f"ran over every axis. Give it the axis it should run along."
        )
    if expected == () and got:
        return (
            f"one number was expected, and you returned an array of shape {_shape(got)}: something still has to "
            f"be summed (or averaged) over the remaining axes."
        )
    if len(got) == len(expected) - 1 and any(expected[:i] + expected[i + 1 :] == got for i in range(len(expected))):
        return (
            f"an axis went missing: {_shape(got)} instead of {_shape(expected)}. A sum, mean or max along an axis "
            f"drops that axis unless you ask for keepdims=True."
        )
    if len(got) == len(expected) + 1 and any(
        got[:i] + got[i + 1 :] == expected and got[i] == 1 for i in range(len(got))
    ):
        return (
            f"there is an extra axis: {_shape(got)} instead of {_shape(expected)}. Was keepdims=True used where the "
            f"axis should go, or a column made where a row was meant?"
        )
    if len(got) == 2 and got == expected[::-1]:
        return f"your array has the transposed shape {_shape(got)} instead of {_shape(expected)}."
    if int(np.prod(got, dtype=np.int64)) > int(np.prod(expected, dtype=np.int64)) and len(got) >= len(expected):
        return (
            f"your result grew to {_shape(got)} instead of {_shape(expected)}: two arrays were broadcast against "
            f"each other, e.g. an (n,) array and an (n, 1) array make (n, n). Check the shapes of the operands "
            f"of each elementwise operation."
        )
    return None


def broadcast_words(first, second):
    """Why two shapes cannot be combined element by element, and the usual cause."""
    a, b = tuple(first), tuple(second)
    text = (
        f"an elementwise operation got shapes {_shape(a)} and {_shape(b)}, which do not broadcast: NumPy lines "
        f"shapes up from the right, and each pair of lengths must be equal or 1."
    )
    for big, small in ((a, b), (b, a)):
        if len(small) == len(big) - 1 and small == big[:-1]:
            return (
                text + f" A {_shape(small)} array holds one number per row of the {_shape(big)} one, as a sum or max "
                f"along axis {len(big) - 1} gives it: with keepdims=True it keeps that axis as length 1 and lines up "
                f"with the rows."
            )
        if len(small) == len(big) and len(big) == 2 and small == big[::-1]:
            return text + " One of the two is the transpose of what the other needs."
    return text + " Print the shapes of both operands: which one is not what you meant?"


def matmul_words(first, second, expression=None):
    """Why a matrix product failed, with both shapes."""
    a, b = tuple(first), tuple(second)
    where = f"`{expression}`" if expression else "a matrix product"
    if len(a) >= 1 and len(b) >= 1:
        return (
            f"{where} cannot be computed: {_shape(a)} @ {_shape(b)} needs the last length of the left factor "
            f"({a[-1]}) to equal the first length of the right one ({b[0] if len(b) == 1 else b[-2]}). Is a factor "
            f"transposed that should not be, or are the two factors in the wrong order?"
        )
    return f"{where} cannot be computed with shapes {_shape(a)} and {_shape(b)}."


# --- exceptions, where they happened -----------------------------------------------------------------

_BROADCAST = re.compile(
    r"could not be broadcast together with (?:remapped )?shapes ((?:\[[\d,\s]*\]|\([\d,\s]*\)\s*)+)"
)
_SHAPE = re.compile(r"[\[(]([\d,\s]*)[\])]")
# Library code is passed over when looking for the learner's line: NumPy's and deepslow's own files.
_LIBRARIES = tuple(
    os.path.dirname(os.path.realpath(path)) + os.sep
    for path in (np.__file__, os.path.join(os.path.dirname(__file__), os.pardir, "__init__.py"))
)


def _is_library(filename):
    return os.path.realpath(filename).startswith(_LIBRARIES) if os.path.isabs(filename) else False


def _shapes_in(text):
    return [tuple(int(n) for n in part.split(",") if n.strip()) for part in _SHAPE.findall(text)]


def failing_site(exc):
    """(frame, parents, node, source, line) for the expression of the learner's code that raised
    `exc`, or None when it cannot be found.

    Python (3.11+) records the columns of the failing expression in the traceback; the source is
    read back (linecache holds notebook cells too) and parsed, and `node` is the expression there.
    `parents` maps each AST node to its parent. Frames inside NumPy's and deepslow's own code are
    passed over, to find the learner's line that called them."""
    entries = list(zip(traceback.extract_tb(exc.__traceback__), traceback.walk_tb(exc.__traceback__), strict=False))
    for summary, (frame, _) in reversed(entries):
        if _is_library(summary.filename):
            continue
        if getattr(summary, "colno", None) is None or summary.end_lineno is None:
            return None
        source = "".join(linecache.getlines(summary.filename, frame.f_globals))
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return None
        position = (summary.lineno, summary.colno, summary.end_lineno, summary.end_colno)
        parents, node = {}, None
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                parents[child] = parent
                if isinstance(child, ast.expr) and _position(child) == position:
                    node = child
        line = (summary.line or "").strip()
        return None if node is None else (frame, parents, node, source, line)
    return None


def failing_line(exc):
    """The learner's line that raised `exc` (text), or None."""
    entries = traceback.extract_tb(exc.__traceback__)
    for summary in reversed(entries):
        if _is_library(summary.filename):
            continue
        return (summary.line or "").strip() or None
    return None


def _position(node):
    return (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def _value_of(part, frame):
    """The value of a name (or name.T) in the failing frame, else None: nothing is evaluated."""
    if isinstance(part, ast.Name):
        value = frame.f_locals.get(part.id, frame.f_globals.get(part.id))
    elif isinstance(part, ast.Attribute) and part.attr == "T" and isinstance(part.value, ast.Name):
        base = frame.f_locals.get(part.value.id, frame.f_globals.get(part.value.id))
        value = base.T if isinstance(base, np.ndarray) else None
    else:
        return None
    return value if isinstance(value, np.ndarray) else None


def product_operands(node, frame):
    """[(value or None, source)] for the two factors of `a @ b`, np.dot(a, b) or np.matmul(a, b)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        pair = [node.left, node.right]
    elif (
        isinstance(node, ast.Call)
        and len(node.args) == 2
        and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("dot", "matmul")
    ):
        pair = list(node.args)
    else:
        return None
    return [(_value_of(part, frame), ast.unparse(part)) for part in pair]


def returned_item(node, parents):
    """Which item of the returned list `node` computes: `return [grad @ B, ...]`, or
    `dA = grad @ B` ... `return [dA, dB]` (-1 for `return expression`); None when the code does not say."""
    child, parent = node, parents.get(node)
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, (ast.List, ast.Tuple)) and isinstance(parents.get(parent), ast.Return):
            return parent.elts.index(child)
        child, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Return):
        return -1 if child is parent.value else None
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Name):
        name = parent.targets[0].id
        function = parent
        while function is not None and not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = parents.get(function)
        for statement in ast.walk(function) if function is not None else ():
            if isinstance(statement, ast.Return) and isinstance(statement.value, (ast.List, ast.Tuple)):
                for i, item in enumerate(statement.value.elts):
                    if isinstance(item, ast.Name) and item.id == name:
                        return i
    return None


def explain_exception(exc):
    """Words for an exception raised by the learner's code, or None when nothing specific fits
    (the card then names the type of error, what it means, and Python's message)."""
    message = str(exc)
    site = failing_site(exc)
    expression = " ".join((ast.get_source_segment(site[3], site[2]) or "").split())[:70] if site else None
    at = f" (in `{expression}`)" if expression else ""
    for rule in _RULES:
        words = rule(exc, message, site, expression, at)
        if words:
            return words
    return None


def _products(exc, message, site, expression, at):
    if not (isinstance(exc, ValueError) and ("core dimension" in message or "not aligned" in message)):
        return None
    operands = product_operands(site[2], site[0]) if site else None
    if operands and all(v is not None for v, _ in operands):
        return matmul_words(operands[0][0].shape, operands[1][0].shape, expression)
    shapes = _shapes_in(message)
    if "not aligned" in message and len(shapes) >= 2:
        return matmul_words(shapes[0], shapes[1], expression)
    return f"a matrix product{at} got factors whose shapes do not fit: print both shapes."


def _broadcasting(exc, message, site, expression, at):
    match = _BROADCAST.search(message)
    if isinstance(exc, ValueError) and match:
        shapes = _shapes_in(match.group(1))
        if len(shapes) >= 2:
            return broadcast_words(shapes[0], shapes[1]) + (f" It happened in `{expression}`." if expression else "")
    return None


def _numpy_on_nodes(exc, message, site, expression, at):
    """NumPy (or math) called on graph nodes: they are recipes for numbers, not numbers."""
    if not isinstance(exc, (TypeError, AttributeError, ValueError)):
        return None
    nodes = [name for name, value in _names_in(site) if _is_node(value)]
    mentions = re.search(r"\bof type '?(\w+)'? which has no callable|'(Placeholder|Variable|Constant)'", message)
    if nodes or (mentions and "deepslow" in message + repr(exc.args)):
        which = f"`{nodes[0]}` is a graph node" if nodes else "a graph node was used"
        return (
            f"{which}, and NumPy (or math) computes with numbers, not with nodes{at}. A node is a recipe for a "
            f"number that only a session computes: to build on nodes, use deepslow's own ops (tf.exp, tf.matmul, "
            f"tf.reduce_sum, ... or the operators + - * / @)."
        )
    return None


def _graph_mix(exc, message, site, expression, at):
    if "belong to different graphs" in message:
        return (
            f"deepslow stopped: {_first_sentence(message)} Your function used a node of another graph (the "
            f"notebook's, say) together with the nodes it was given: build everything from its own inputs."
        )
    return None


def _array_truth(exc, message, site, expression, at):
    if isinstance(exc, ValueError) and "truth value of an array" in message:
        return (
            f"Python's `if`, `and`, `or` (or max() and min()) need one True or False, and got a whole array{at}. "
            f"Work on all elements at once with NumPy instead: np.where, np.maximum, comparisons that give arrays."
        )
    return None


def _scalar_functions(exc, message, site, expression, at):
    if isinstance(exc, TypeError) and re.search(r"only (length|size)-1 arrays can be converted", message):
        return (
            f"a function made for single numbers (math.exp, math.log, float(), int()) was given an array{at}: "
            f"NumPy's functions (np.exp, np.log, ...) work on every element of an array."
        )
    return None


def _node_keys(exc, message, site, expression, at):
    if not (isinstance(exc, KeyError) and exc.args):
        return None
    key = exc.args[0]
    looked_in = _subscripted_name(site)
    container = _lookup(site, looked_in) if looked_in else None
    where = f"`{looked_in}`" if looked_in else "your dict"
    if _is_node(key):
        return (
            f"{where} has no entry for node '{key.name}' ({key.op_type}){at}: either nothing stored a value for "
            f"that kind of node before it was needed, or it is looked up in the wrong dict."
        )
    if (
        isinstance(key, str)
        and isinstance(container, dict)
        and container
        and not any(isinstance(k, str) for k in container)
    ):
        kinds = sorted({type(k).__name__ for k in container})
        return (
            f"you looked up the name {key!r} in {where}, whose keys are not names but {', '.join(kinds)} objects"
            f"{at}: look up the object itself (the node), not its name."
        )
    return f"{where} has no entry {key!r}{at}."


def _none_values(exc, message, site, expression, at):
    if isinstance(exc, TypeError) and re.search(r"'NoneType' object is not (subscriptable|iterable)", message):
        return (
            f"a value is None where an array or a list was expected{at}: a function that does not `return` its "
            f"result gives None."
        )
    if isinstance(exc, TypeError) and "'NoneType' object is not callable" in message:
        return (
            f"your code called None as if it were a function{at}: a name or a lookup that can give None "
            f"(nothing there) was called without checking."
        )
    if isinstance(exc, TypeError) and "NoneType" in message and "unsupported operand" in message:
        return f"a value is None where a number or an array was expected{at}: something was never given a value."
    return None


def _python_lists(exc, message, site, expression, at):
    match = re.search(r"'(list|tuple)' object has no attribute '(\w+)'", message)
    if isinstance(exc, AttributeError) and match:
        return (
            f"a Python {match.group(1)} has no `.{match.group(2)}`{at}: that is a NumPy array's. Make the list "
            f"an array (np.array(...)), or compute with NumPy from the start."
        )
    if isinstance(exc, TypeError) and re.search(r"(list|tuple) indices must be integers", message):
        return f"a Python list was indexed like a NumPy array{at} (a[i, j] or a[:, 0]): make it an array first."
    if isinstance(exc, TypeError) and "can't multiply sequence" in message:
        return f"a Python list was multiplied by a number{at}, which repeats the list: use a NumPy array."
    return None


def _unpacking(exc, message, site, expression, at):
    match = re.search(r"(not enough|too many) values to unpack \(expected (\d+)(?:, got (\d+))?\)", message)
    if isinstance(exc, ValueError) and match:
        got = f", but got {match.group(3)}" if match.group(3) else ", but got more"
        return (
            f"unpacking{at} expected {match.group(2)} values{got}: what you unpack holds a different number of items."
        )
    if isinstance(exc, TypeError) and re.search(r"cannot unpack non-iterable", message):
        return f"your code unpacks{at} something that is not a list or a tuple: {message}."
    return None


def _arguments(exc, message, site, expression, at):
    match = re.search(
        r"(\w+)\(\) (missing \d+ required positional arguments?: .*"
        r"|takes \d+ positional arguments? but \d+ (?:were|was) given)",
        message,
    )
    if isinstance(exc, TypeError) and match:
        return f"`{match.group(1)}` was called with the wrong number of arguments{at}: it {match.group(2)}."
    return None


def _not_callable(exc, message, site, expression, at):
    if isinstance(exc, TypeError) and "object is not callable" in message:
        return f"your code called something that is not a function{at}: {message}."
    if isinstance(exc, TypeError) and "not iterable" in message:
        return f"your code looped over (or unpacked) something that holds no items{at}: {message}."
    return None


def _names(exc, message, site, expression, at):
    if isinstance(exc, NameError) and not isinstance(exc, UnboundLocalError):
        name = getattr(exc, "name", None) or (re.findall(r"'([^']+)'", message) or ["?"])[0]
        return (
            f"your code uses the name `{name}`, which is not defined where it runs: a typo, a name from another "
            f"cell that has not run, or a name that only exists outside the function?"
        )
    if isinstance(exc, UnboundLocalError):
        return f"a local variable is read before it is assigned{at}: {message}."
    return None


def _attributes(exc, message, site, expression, at):
    match = re.search(r"'([\w.]+)' object has no attribute '(\w+)'", message)
    if isinstance(exc, AttributeError) and match:
        return (
            f"your code asked a {match.group(1)} for `.{match.group(2)}`, which it does not have{at}. Is that value "
            f"what you think it is?"
        )
    return None


def _indexing(exc, message, site, expression, at):
    if isinstance(exc, IndexError) and "too many indices" in message:
        return f"the array has fewer axes than your index uses{at}: {message}. Print its shape."
    if isinstance(exc, IndexError):
        return f"an index went past the end{at}: {message}."
    return None


def _arithmetic(exc, message, site, expression, at):
    if isinstance(exc, RecursionError):
        return (
            f"your function called itself too deeply{at}: a case that stops the recursion is missing or never reached."
        )
    if isinstance(exc, ZeroDivisionError):
        return f"your code divided by zero{at}."
    if type(exc).__name__ == "LinAlgError":
        return f"a NumPy linear-algebra function failed{at} ({message}): is that function the operation you need?"
    return None


def _deepslow(exc, message, site, expression, at):
    from ..errors import DeepslowError

    if not isinstance(exc, DeepslowError):
        return None
    cause = exc.__cause__
    if cause is not None and not isinstance(cause, DeepslowError):
        inner = explain_exception(cause)
        if inner:
            return f"deepslow stopped the run: {_first_sentence(message)} Inside: {inner}"
    return f"deepslow stopped: {message}"


_RULES = [
    _products,
    _broadcasting,
    _graph_mix,
    _numpy_on_nodes,
    _array_truth,
    _scalar_functions,
    _node_keys,
    _none_values,
    _python_lists,
    _unpacking,
    _arguments,
    _not_callable,
    _names,
    _attributes,
    _indexing,
    _arithmetic,
    _deepslow,
]


def _names_in(site):
    """(name, value) for every plain name in the failing expression, looked up in its frame."""
    if site is None:
        return []
    frame, _, node, _, _ = site
    found = []
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            value = frame.f_locals.get(part.id, frame.f_globals.get(part.id))
            found.append((part.id, value))
    return found


def looked_up_in(exc):
    """The name of the dict a KeyError's key was missing from (`values[node]` -> "values"), or None."""
    if not isinstance(exc, KeyError):
        return None
    try:
        return _subscripted_name(failing_site(exc))
    except Exception:  # noqa: BLE001 - only a detail of the message
        return None


def _lookup(site, name):
    frame = site[0]
    return frame.f_locals.get(name, frame.f_globals.get(name))


def _first_sentence(text):
    head = text.split(". ")[0]
    return head if head.endswith(".") else head + "."


def _is_node(value):
    return hasattr(value, "op_type") and hasattr(value, "inputs") and hasattr(value, "name")


def _subscripted_name(site):
    if site is None:
        return None
    node = site[2]
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        return node.value.id
    return None


# --- plain data: guesses that fit any numeric answer ---------------------------------------------------


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
                f"the numbers are right but the shape is {_shape(gv.shape)}, not {_shape(ev.shape)}: a reshape (or "
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
