"""Exceptions and shapes in words: what went wrong where a learner's answer failed.

A card never shows NumPy's or Python's raw message alone. `explain_exception(exc)` runs in the
learner's kernel, right where their code failed: it reads the failing expression back from the
traceback (Python 3.11 records its columns), looks up the shapes and kinds of its operands, and says
what went wrong and which way to look (a (3, 4) array against a (3,) one: keepdims; NumPy given a
graph node; a dict asked for a node's name). The sentence is stored with the error as plain data, so
the batch grader shows the same words. `error_words` and `shape_words` need only plain data.
(Wrong *values* are put into words by diagnose.py.)

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


def dims(shape):
    """A shape as the text Python prints for it: (3, 4)."""
    return str(tuple(int(n) for n in shape))


def shape_words(expected, got):
    """A sentence about a wrong shape (both shapes are tuples), or None when nothing fits."""
    expected, got = tuple(expected), tuple(got)
    if expected == got:
        return None
    if got == () and expected:
        return (
            f"you returned one number where an array of shape {dims(expected)} was expected: a sum, mean or max "
            f"ran over every axis. Give it the axis it should run along."
        )
    if expected == () and got:
        return (
            f"one number was expected, and you returned an array of shape {dims(got)}: something still has to "
            f"be summed (or averaged) over the remaining axes."
        )
    if len(got) == len(expected) - 1 and any(expected[:i] + expected[i + 1 :] == got for i in range(len(expected))):
        return (
            f"an axis went missing: {dims(got)} instead of {dims(expected)}. A sum, mean or max along an axis "
            f"drops that axis unless you ask for keepdims=True."
        )
    if len(got) == len(expected) + 1 and any(
        got[:i] + got[i + 1 :] == expected and got[i] == 1 for i in range(len(got))
    ):
        return (
            f"there is an extra axis: {dims(got)} instead of {dims(expected)}. Was keepdims=True used where the "
            f"axis should go, or a column made where a row was meant?"
        )
    if len(got) == 2 and got == expected[::-1]:
        return f"your array has the transposed shape {dims(got)} instead of {dims(expected)}."
    if int(np.prod(got, dtype=np.int64)) > int(np.prod(expected, dtype=np.int64)) and len(got) >= len(expected):
        return (
            f"your result grew to {dims(got)} instead of {dims(expected)}: two arrays were broadcast against "
            f"each other, e.g. an (n,) array and an (n, 1) array make (n, n). Check the shapes of the operands "
            f"of each elementwise operation."
        )
    return None


def broadcast_words(first, second):
    """Why two shapes cannot be combined element by element, and the usual cause."""
    a, b = tuple(first), tuple(second)
    text = (
        f"an elementwise operation got shapes {dims(a)} and {dims(b)}, which do not broadcast: NumPy lines "
        f"shapes up from the right, and each pair of lengths must be equal or 1."
    )
    for big, small in ((a, b), (b, a)):
        if len(small) == len(big) - 1 and small == big[:-1]:
            return (
                text + f" A {dims(small)} array holds one number per row of the {dims(big)} one, as a sum or max "
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
            f"{where} cannot be computed: {dims(a)} @ {dims(b)} needs the last length of the left factor "
            f"({a[-1]}) to equal the first length of the right one ({b[0] if len(b) == 1 else b[-2]}). Is a factor "
            f"transposed that should not be, or are the two factors in the wrong order?"
        )
    return f"{where} cannot be computed with shapes {dims(a)} and {dims(b)}."


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
