"""Exercises: what a learner's answer is run on, the reference answer, and the known mistakes.

An exercise has named *cases* (inputs), a *reference* implementation, and *mistakes*: wrong
implementations that reproduce what learners really write, each with the message that explains
it. A learner's answer is run on every case; when it disagrees with the reference, the mistake
whose outputs it reproduces on every case names the error. Writing a mistake as code (instead of
guessing from the numbers) keeps each message honest and testable: the test suite checks that
every registered mistake is recognised.

Three kinds cover the lessons:
  FunctionExercise  the answer is a NumPy function:           answer(*case_inputs) -> array
  GraphExercise     the answer builds deepslow nodes:         answer(*placeholders) -> node
  GradientExercise  the answer is a registered gradient:      answer(op, grad) -> [grads]
and BackwardPassExercise for the backpropagation loop itself.
"""

import copy
import inspect
import re
import textwrap

import numpy as np

from .plain import compare, error_to_plain, from_plain, is_not_attempted, to_plain

_REGISTRY = {}


def register(exercise):
    """Add an exercise to the registry (done by the Exercise constructor)."""
    if exercise.id in _REGISTRY:
        raise ValueError(f"exercise id {exercise.id!r} is registered twice")
    _REGISTRY[exercise.id] = exercise
    return exercise


def get_exercise(exercise_id):
    """The exercise with this id, importing its lesson module (ids start with the lesson number)."""
    if exercise_id not in _REGISTRY and isinstance(exercise_id, str) and exercise_id[:2].isdigit():
        try:
            __import__(f"{__package__}.lesson{exercise_id[:2]}")
        except ModuleNotFoundError:
            pass
    if exercise_id not in _REGISTRY:
        raise KeyError(exercise_id)
    return _REGISTRY[exercise_id]


def all_exercises():
    """Every registered exercise, after importing every lesson module."""
    import pkgutil

    from .. import exercises

    for module in pkgutil.iter_modules(exercises.__path__):
        if module.name.startswith("lesson"):
            __import__(f"{__package__}.{module.name}")
    return dict(sorted(_REGISTRY.items()))


class Mistake:
    """A wrong implementation learners really write, and the message that names the mistake."""

    def __init__(self, message, fn):
        self.message, self.fn = message, fn
        self.name = fn.__name__

    def __repr__(self):
        return f"Mistake({self.name}: {self.message[:50]}...)"


class Outcome:
    """The verdict on one answer: status ("passed", "failed", "not attempted"), the failing case,
    the Difference found there, and the message naming the likely mistake."""

    def __init__(self, status, case=None, difference=None, mistake=None, exercise=None):
        self.status, self.case, self.difference, self.mistake = status, case, difference, mistake
        self.exercise = exercise

    @property
    def passed(self):
        return self.status == "passed"

    def reason(self):
        """What differs, e.g. "the gradient for input 0: wrong values at index (4,): ..."."""
        diff = self.difference
        if diff is None:
            return "wrong answer"
        where = self.exercise.where_text(diff.where) if self.exercise is not None and diff.where else diff.where
        return f"{where}: {diff.reason}" if where else diff.reason

    def message(self):
        """One paragraph for feedback: what went wrong, on which case, and why (when known)."""
        if self.status == "passed":
            return "passed"
        if self.status == "not attempted":
            return "not attempted yet (the answer still raises NotImplementedError)"
        text = f"case {self.case!r}: {self.reason()}"
        if self.mistake:
            text += f"\nLikely mistake: {self.mistake}"
        return text


class Exercise:
    """Base class. Subclasses define `run(answer, inputs)`: apply an answer to one case."""

    kind = "function"

    def __init__(self, id, title, cases, hints=(), solution=None, rtol=1e-5, atol=1e-7, register_it=True):  # noqa: A002
        self.id, self.title = id, title
        self.cases = dict(cases)
        self.hints = list(hints)
        self._solution_text = solution
        self.rtol, self.atol = rtol, atol
        self.reference_fn = None
        self.mistakes = []
        self._expected = None
        self._mistake_answers = {}
        if register_it:
            register(self)

    # --- authoring: decorators ----------------------------------------------------------------
    def reference(self, fn):
        """Decorator: the correct answer (it also becomes the solution text unless one is given)."""
        self.reference_fn = fn
        return fn

    def mistake(self, message):
        """Decorator: a wrong answer learners write, with the message that explains it."""

        def decorate(fn):
            self.mistakes.append(Mistake(message, fn))
            return fn

        return decorate

    # --- running answers ----------------------------------------------------------------------
    def run(self, answer, inputs):
        return answer(*copy.deepcopy(inputs))  # a copy, so an answer that edits its input harms nothing

    def answers(self, answer):
        """{case: plain data} for `answer` on every case; an exception becomes an "error" value."""
        result = {}
        with np.errstate(all="ignore"):
            for label, inputs in self.cases.items():
                try:
                    result[label] = to_plain(self.run(answer, inputs))
                except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
                    result[label] = error_to_plain(exc)
        return result

    def expected(self):
        """The reference answers, decoded (computed once)."""
        if self._expected is None:
            self._expected = {k: from_plain(v) for k, v in self.answers(self.reference_fn).items()}
        return self._expected

    def mistake_answers(self, mistake):
        if mistake.name not in self._mistake_answers:
            self._mistake_answers[mistake.name] = {k: from_plain(v) for k, v in self.answers(mistake.fn).items()}
        return self._mistake_answers[mistake.name]

    # --- judging ------------------------------------------------------------------------------
    def judge(self, got, expected=None):
        """Outcome for decoded answers `got` ({case: value}) against `expected` (default: the reference).

        Used by the inline check and, in the grader's own process, by the batch grader.
        """
        expected = self.expected() if expected is None else expected
        return judge(expected, got, self.rtol, self.atol, self)

    def diagnose(self, got):
        """The message naming the learner's likely mistake in `got` ({case: decoded}), or None.

        Tried in turn, each only when the one before finds nothing:
          1. a mistake reproduced on every case (when several are, the closest: an error with the
             same message beats one of the same type only);
          2. a mistake reproduced on every case where the answer did not raise: the raise is often
             the same mistake meeting shapes that do not fit (a missing transpose goes unnoticed
             while the matrices are square);
          3. for answers that are lists (a gradient per input), a mistake reproduced item by item,
             so that a learner who got dA wrong but dB right still hears what is wrong with dA.
        """
        best, best_score = None, 0
        for mistake in self.mistakes:
            theirs = self.mistake_answers(mistake)
            scores = [_agreement(value, got[label], self) if label in got else 0 for label, value in theirs.items()]
            if scores and all(scores) and sum(scores) > best_score:
                best, best_score = mistake, sum(scores)
        if best is not None:
            return best.message
        ran = [label for label in self.cases if label in got and got[label]["kind"] != "error"]
        if ran and len(ran) < len(self.cases):
            for mistake in self.mistakes:
                theirs = self.mistake_answers(mistake)
                if all(_agreement(theirs[label], got[label], self) == 2 for label in ran):
                    return mistake.message
        return self._diagnose_items(got)

    def _diagnose_items(self, got):
        """Step 3 of `diagnose`: for each wrong item of a list answer, the mistake that makes it."""
        expected = self.expected()
        lists = {
            label: got[label]["items"]
            for label in self.cases
            if label in got
            and got[label]["kind"] == "list"
            and expected[label]["kind"] == "list"
            and len(got[label]["items"]) == len(expected[label]["items"])
        }
        if not lists:
            return None
        found = {}  # mistake message -> the items it explains
        for i in range(max(len(items) for items in lists.values())):
            wrong = [
                label for label, items in lists.items() if _agreement(expected[label]["items"][i], items[i], self) != 2
            ]
            if not wrong:
                continue
            for mistake in self.mistakes:
                theirs = self.mistake_answers(mistake)
                both = [
                    label
                    for label, items in lists.items()
                    if theirs[label]["kind"] == "list" and len(theirs[label]["items"]) == len(items)
                ]
                if any(label in wrong for label in both) and all(
                    _agreement(theirs[label]["items"][i], lists[label][i], self) == 2 for label in both
                ):
                    found.setdefault(mistake.message, []).append(self.where_text(f"item {i}"))
                    break
        if not found:
            return None
        return "\n".join(f"{' and '.join(items)}: {message}" for message, items in found.items())

    def where_text(self, where):
        """How a part of the answer is named in messages ("item 0" -> "the gradient for input 0")."""
        return where

    def locate(self, answer, case):
        """Optional: where in a graph the answer goes wrong (gradient exercises override this)."""
        return None

    def solution(self):
        """The reference answer as source text."""
        if self._solution_text:
            return textwrap.dedent(self._solution_text).strip()
        lines = textwrap.dedent(inspect.getsource(self.reference_fn)).splitlines()
        return "\n".join(line for line in lines if not line.lstrip().startswith("@")).strip()


def _agreement(a, b, exercise):
    """How closely two decoded answers agree: 2 equal within tolerance (or the same error with
    the same message, names in quotes aside), 1 the same type of error with another message,
    0 not at all."""
    if a["kind"] == "error" or b["kind"] == "error":
        if a["kind"] != b["kind"] or a["type"] != b["type"]:
            return 0
        return 2 if _error_signature(a) == _error_signature(b) else 1
    return 2 if compare(a, b, exercise.rtol, exercise.atol) is None else 0


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")


def _error_signature(error):
    """An error message without the names in it (a learner may name a node differently)."""
    return _QUOTED.sub("'…'", error["message"])


def judge(expected, got, rtol=1e-5, atol=1e-7, exercise=None):
    """The Outcome of comparing decoded answers case by case (the grader calls this too)."""
    if got and all(is_not_attempted(v) for v in got.values()):
        return Outcome("not attempted")
    for label, value in expected.items():
        if label not in got:
            return Outcome("failed", label, _missing(label), exercise=exercise)
        diff = compare(value, got[label], rtol, atol)
        if diff is not None:
            mistake = exercise.diagnose(got) if exercise is not None else None
            return Outcome("failed", label, diff, mistake or generic_diagnosis(value, got[label]), exercise)
    return Outcome("passed")


def _missing(label):
    from .plain import Difference

    return Difference("no answer was recorded for this case")


def generic_diagnosis(expected, got):
    """Guesses that fit any array answer: wrong sign, transposed, off by a factor, lost axis."""
    if expected["kind"] == "list" and got["kind"] == "list" and len(expected["items"]) == len(got["items"]):
        for e, g in zip(expected["items"], got["items"], strict=False):
            if compare(e, g) is not None:
                return generic_diagnosis(e, g)
        return None
    if expected["kind"] != "array" or got["kind"] != "array":
        return None
    e, g = expected["value"].astype(np.float64), got["value"].astype(np.float64)
    if e.shape == g.shape and e.size and np.allclose(g, -e, rtol=1e-5, atol=1e-7) and np.abs(e).max() > 0:
        return "every value has the wrong sign: check for a missing or extra minus."
    if e.ndim == 2 and g.shape == e.T.shape and e.shape != g.shape and np.allclose(g, e.T, rtol=1e-5, atol=1e-7):
        return "your answer is the transpose of the expected one: check the order of a matmul or a missing .T."
    if e.size == g.size and e.shape != g.shape and np.allclose(g.reshape(e.shape), e, rtol=1e-5, atol=1e-7):
        return f"the numbers are right but the shape is {g.shape}, not {e.shape} (keepdims? a reshape?)."
    if e.shape == g.shape and e.size and np.all(np.isfinite(g)) and np.abs(e).max() > 0:
        ratio = np.divide(g, e, out=np.full_like(g, np.nan), where=np.abs(e) > 1e-12)
        ratio = ratio[np.isfinite(ratio)]
        if ratio.size and np.allclose(ratio, ratio[0], rtol=1e-5) and abs(ratio[0]) not in (0.0, 1.0):
            return f"every value is {ratio[0]:.4g} times the expected one: a missing or extra constant factor?"
    return None


def not_registered(exercise_id):
    """The message for an unknown id, with the nearest registered ids as suggestions."""
    import difflib

    known = list(all_exercises())
    near = difflib.get_close_matches(str(exercise_id), known, n=3)
    hint = f" Did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    return f"there is no exercise {exercise_id!r}.{hint} Known exercises: {', '.join(known) or 'none'}."


def decode_answers(raw):
    """{case: plain} -> {case: decoded}."""
    return {label: from_plain(value) for label, value in raw.items()}
