"""Feedback a student may read, composed by the grader from plain data.

Whatever the kernel sent is the student's to choose. An exception's message can carry the
hidden tests' source (compressed, base64, cut in pieces), and so can a class name or a string
returned as an answer. Scrubbing known lines cannot catch an encoding, so no text from the
kernel reaches the feedback as it came:

* an exception is named only if its class name is a Python built-in or a deepslow error (else
  "an exception of a class the notebook defines"); its message is shown only when it matches one
  of a few well-known forms (a name not defined, shapes that do not fit, ...), and is then written
  again by the grader from the parts it checked: numbers, and names the student version of the
  notebook shows anyway. Any other message is left out.
* a string or an object of another type in an answer is described, never quoted.
* a case of the hidden tests (one the learner's own check does not run) is reported without its
  label, its input or its expected value.
Numbers stay, but few: they are what a learner needs to see, and the student chooses them, so
they are a channel too. A rewritten exception message holds at most MAX_FREE_NUMBERS numbers
of the student's choosing, each below MAX_NUMBER (numbers the message's form derives from
others, such as the sizes in "not aligned: 3 (dim 1) != 4 (dim 0)", are checked, not counted);
an answer's shape is quoted only with at most 3 dimensions below MAX_NUMBER; a wrong value is
one number, rounded. So a message carries a few bytes of the student's choosing at most.
"""

import builtins
import keyword
import re

from ..exercises.feedback import Outcome
from ..exercises.plain import compare

DEEPSLOW_ERRORS = {
    "DeepslowError",
    "FeedError",
    "ShapeError",
    "OpError",
    "NumericsError",
    "NoGradientError",
    "UninitializedVariableError",
    "FetchError",
    "AxisError",
    "LinAlgError",
}
KNOWN_EXCEPTIONS = {
    name for name, value in vars(builtins).items() if isinstance(value, type) and issubclass(value, BaseException)
} | DEEPSLOW_ERRORS
KNOWN_TYPES = {name for name, value in vars(builtins).items() if isinstance(value, type)} | {
    "NoneType",
    "function",
    "method",
    "module",
    "generator",
    "ndarray",
    "numpy.ndarray",
    "float64",
    "float32",
    "int64",
    "int32",
    "bool_",
}
UNKNOWN_EXCEPTION = "an exception of a class the notebook defines"
_IDENT = r"[A-Za-z_][A-Za-z0-9_.]{0,40}"
_SHAPE = r"\(([0-9, ]{0,40})\)"
_NUM = r"(-?[0-9]{1,9})"
MAX_FREE_NUMBERS, MAX_NUMBER, MAX_QUOTED_DIMS = 5, 10000, 3
_OPERATORS = {"+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^", "<", ">", "<=", ">="}


def _shape(text):
    """ "2,3" -> "(2, 3)", "3," -> "(3,)": written again from its numbers."""
    numbers = [str(int(p)) for p in text.split(",") if p.strip()]
    return "(" + ", ".join(numbers) + ("," if len(numbers) == 1 else "") + ")"


# (pattern, how to write it again, what each captured part must be): "name", "type", "num", "shape", "op"
_FORMS = [
    (rf"name '({_IDENT})' is not defined", "name '{}' is not defined", ["name"]),
    (rf"'({_IDENT})' object has no attribute '({_IDENT})'", "'{}' object has no attribute '{}'", ["type", "name"]),
    (rf"module '({_IDENT})' has no attribute '({_IDENT})'", "module '{}' has no attribute '{}'", ["name", "name"]),
    (
        rf"({_IDENT})\(\) missing {_NUM} required positional arguments?: .*",
        "{}() missing {} required positional argument(s)",
        ["name", "num"],
    ),
    (
        rf"({_IDENT})\(\) takes {_NUM} positional arguments? but {_NUM} (?:was|were) given",
        "{}() takes {} positional argument(s) but {} were given",
        ["name", "num", "num"],
    ),
    (
        rf"shapes {_SHAPE} and {_SHAPE} not aligned: {_NUM} \(dim {_NUM}\) != {_NUM} \(dim {_NUM}\)",
        "shapes {} and {} not aligned: {} (dim {}) != {} (dim {})",
        ["shape", "shape", "num", "num", "num", "num"],
    ),
    (
        rf"operands could not be broadcast together with shapes {_SHAPE} {_SHAPE}\s*",
        "operands could not be broadcast together with shapes {} {}",
        ["shape", "shape"],
    ),
    (
        rf"matmul: Input operand {_NUM} has a mismatch in its core dimension {_NUM}, with gufunc signature "
        rf"\S+ \(size {_NUM} is different from {_NUM}\)",
        "matmul: input operand {} has a mismatch in its core dimension {} (size {} is different from {})",
        ["num", "num", "num", "num"],
    ),
    (
        rf"index {_NUM} is out of bounds for axis {_NUM} with size {_NUM}",
        "index {} is out of bounds for axis {} with size {}",
        ["num", "num", "num"],
    ),
    (
        rf"cannot reshape array of size {_NUM} into shape {_SHAPE}",
        "cannot reshape array of size {} into shape {}",
        ["num", "shape"],
    ),
    (
        rf"unsupported operand type\(s\) for (\S{{1,3}}): '({_IDENT})' and '({_IDENT})'",
        "unsupported operand type(s) for {}: '{}' and '{}'",
        ["op", "type", "type"],
    ),
    (r"(division by zero|float division by zero|integer division or modulo by zero)", "{}", ["fixed"]),
    (r"((?:list|tuple|string) index out of range)", "{}", ["fixed"]),
    (r"(math domain error)", "{}", ["fixed"]),
    (r"(Not implemented yet)", "{}", ["fixed"]),
]
_FORMS = [(re.compile(pattern, re.DOTALL), template, kinds) for pattern, template, kinds in _FORMS]


def _few_numbers(template, kinds, parts):
    """True when the rewritten message's numbers say little of the student's choosing: each below
    MAX_NUMBER, shapes of at most MAX_QUOTED_DIMS dimensions, at most MAX_FREE_NUMBERS in all.
    In the "not aligned" form the four numbers must be what the two shapes say (and are then not
    counted)."""
    shapes = [[int(n) for n in p.strip("(),").split(",") if n.strip()] for k, p in zip(kinds, parts) if k == "shape"]
    numbers = [int(p) for k, p in zip(kinds, parts) if k == "num"]
    if any(len(shape) > MAX_QUOTED_DIMS for shape in shapes):
        return False
    if any(abs(n) >= MAX_NUMBER for n in numbers + [d for shape in shapes for d in shape]):
        return False
    if "not aligned" in template:
        (a, b), (size_a, dim_a, size_b, dim_b) = shapes, numbers
        if not (0 <= dim_a < len(a) and 0 <= dim_b < len(b) and a[dim_a] == size_a and b[dim_b] == size_b):
            return False
        numbers = []
    return len(numbers) + sum(len(shape) for shape in shapes) <= MAX_FREE_NUMBERS


class Composer:
    """Writes feedback for one assignment. `public_names`: identifiers the student version of the
    notebook shows (its code without the hidden tests), the only names feedback may repeat."""

    def __init__(self, public_names=()):
        import numpy as np

        self.names = set(public_names) | set(dir(builtins)) | set(dir(np)) | set(dir(np.ndarray))

    # --- exceptions ----------------------------------------------------------------------------

    def exception_type(self, name):
        return name if isinstance(name, str) and name in KNOWN_EXCEPTIONS else UNKNOWN_EXCEPTION

    def exception_message(self, message):
        """The message written again from checked parts, or None when it matches no known form."""
        if not isinstance(message, str):
            return None
        for pattern, template, kinds in _FORMS:
            match = pattern.fullmatch(message.strip())
            if match is None:
                continue
            parts = []
            for kind, text in zip(kinds, match.groups()):
                if kind == "name" and all(p.isidentifier() and p in self.names for p in text.split(".")):
                    parts.append(text)
                elif kind == "type" and (text in KNOWN_TYPES or text in self.names):
                    parts.append(text)
                elif kind == "num":
                    parts.append(str(int(text)))
                elif kind == "shape":
                    parts.append(_shape(text))
                elif kind == "op" and text in _OPERATORS:
                    parts.append(text)
                elif kind == "fixed":
                    parts.append(text)
                else:
                    return None
            if not _few_numbers(template, kinds, parts):
                return None
            return template.format(*parts)
        return None

    def exception(self, name, message):
        """E.g. "ValueError: shapes (2, 3) and (2, 3) not aligned: ..." or "ValueError (its message is not shown)"."""
        kind = self.exception_type(name)
        if name == "NotImplementedError":
            return "NotImplementedError (the answer is still the stub)"
        text = self.exception_message(message) if kind != UNKNOWN_EXCEPTION else None
        if text:
            return f"{kind}: {text}"
        if kind == UNKNOWN_EXCEPTION or not (isinstance(message, str) and message.strip()):
            return kind
        return f"{kind} (the grader shows only messages it can check, and not this one)"

    # --- answers -------------------------------------------------------------------------------

    def safe_value(self, value, expected=None):
        """A decoded answer with every piece of text replaced by a description of it."""
        kind = value.get("kind")
        if kind == "error":
            return {"kind": "error", "type": self.exception(value.get("type"), value.get("message")), "message": ""}
        if kind == "str":
            if expected is not None and expected.get("kind") == "str" and expected.get("value") == value.get("value"):
                return value
            return {"kind": "str", "value": f"<a string of {len(value.get('value', ''))} characters>"}
        if kind == "other":
            name = value.get("type")
            return {"kind": "other", "type": name if name in KNOWN_TYPES else "a class the notebook defines"}
        if kind == "list":
            items = expected.get("items") if expected and expected.get("kind") == "list" else []
            safe = [self.safe_value(v, items[i] if i < len(items) else None) for i, v in enumerate(value["items"])]
            return {"kind": "list", "items": safe}
        if kind == "dict":
            items = expected.get("items") if expected and expected.get("kind") == "dict" else {}
            return {"kind": "dict", "items": {k: self.safe_value(v, items.get(k)) for k, v in value["items"].items()}}
        return value

    def verdict(self, feedback, got, public_cases=()):
        """(status, message) for decoded answers, judged against `feedback` (the source notebook's
        own run: expected answers, tolerances, the named mistakes' fingerprints). `public_cases`:
        the labels the learner's own check runs (their values may be shown); every other label is
        a case of the hidden tests, reported without its label, input or expected value."""
        trusted = {label: _without_explanation(value) for label, value in got.items()}  # (the kernel wrote those)
        outcome = feedback.judge(trusted)
        if outcome.status != "failed":
            return outcome.status, outcome.message()
        case = outcome.case
        public = case in public_cases
        mistake = outcome.mistake
        if case not in got:
            reason = "no answer was recorded for this case"
        elif got[case].get("kind") == "error":
            reason = f"raised {self.exception(got[case].get('type'), got[case].get('message'))}"
        elif public:
            expected = feedback.expected[case]
            diff = compare(expected, self.safe_value(got[case], expected), feedback.rtol, feedback.atol)
            where = feedback.where_text(diff.where) if diff else ""
            reason = Outcome("failed", case, diff, where=where).reason() if diff else "wrong answer"
            reason = _SHAPE_QUOTE.sub(_quoted_shape, reason)
        else:
            reason = "wrong answer"
            mistake = feedback.diagnose(trusted)  # a named mistake's fingerprint only: no guess from hidden values
        where = f"case {case!r}" if public else "a case of the hidden tests (its input is not shown)"
        text = f"{where}: {reason}"
        if mistake:
            text += f"\nLikely mistake: {mistake}"
        return "failed", text


_SHAPE_QUOTE = re.compile(r"your answer has shape \(([0-9, ]*)\)")


def _quoted_shape(match):
    """An answer's shape, as compare() quotes it, unless its numbers could spell something."""
    dims = [int(n) for n in match.group(1).split(",") if n.strip()]
    if len(dims) <= MAX_QUOTED_DIMS and all(d < MAX_NUMBER for d in dims):
        return match.group(0)
    return f"your answer has {len(dims)} dimensions" + (" (one of over 9999)" if len(dims) <= 3 else "")


def _without_explanation(value):
    """A decoded answer without the explanation of an exception that the kernel composed itself."""
    if value.get("kind") == "error" and "explanation" in value:
        return {k: v for k, v in value.items() if k != "explanation"}
    return value


def public_names(code_cells):
    """Identifiers in the given code (the student version's), for Composer."""
    names = set()
    for code in code_cells:
        names.update(t for t in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", code) if not keyword.iskeyword(t))
    return names
