"""An exercise, as a notebook defines it: public cases, and (for the instructor) a reference,
named mistakes and hints.

The package knows no exercise. A source notebook defines each one in two cells:

    # a "cases" cell: public, locked, kept in the student version
    mean_exercise = FunctionExercise("ex-mean", "The mean of each row", cases={
        "two rows": (np.array([[1.0, 2.0, 6.0], [0.0, -3.0, 3.0]]),),
    })

    # an "instructor" cell: removed from the student version by `deepslow assign`
    mean_exercise.reference(row_means)                   # the solution cell's function
    mean_exercise.hints("a nudge", "...", "the formula, last")

    @mean_exercise.mistake("these are the means of the columns: ...")
    def column_means(z):
        return z.mean(axis=0)

What a student receives instead of the instructor cell is *data*: what the reference and every
mistake return on each public case (feedback.py). Running cells again replaces the definition,
as a notebook expects.

The kinds of exercise (kinds.py) differ only in how an answer is applied to one case (`run`).
"""

import contextlib
import copy
import inspect
import re
import signal
import threading

import numpy as np

from .explain import explain_exception, looked_up_in
from .mutation import InputChangedError, Snapshot, describe_changes
from .plain import error_to_plain, to_plain

EXERCISE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

_EXERCISES = {}  # id -> Exercise, as defined by the cells run in this kernel


def register(exercise):
    """Record `exercise` under its id; a cell run again replaces its earlier definition."""
    _EXERCISES[exercise.id] = exercise
    return exercise


def get_exercise(exercise_id):
    """The exercise with this id, as the notebook's cells defined it (KeyError if none did)."""
    return _EXERCISES[exercise_id]


def known_exercises():
    return sorted(_EXERCISES)


class Mistake:
    """A wrong implementation learners really write, and the message that names the mistake."""

    def __init__(self, message, fn):
        self.message, self.fn = message, fn
        self.name = getattr(fn, "__name__", "mistake")

    def __repr__(self):
        return f"Mistake({self.name}: {self.message[:50]}...)"


class Exercise:
    """Base class: the answer is a NumPy function, `answer(*case)`. Subclasses override `run`.

    `cases` maps a label to one case. `rtol` and `atol` are the tolerance of every comparison.
    `parts` names the parts of an answer in messages, e.g. {"item 0": "W", "item 1": "b"} for an
    answer [W, b], or {"'*'": "the gradient of {key}"} for every entry of a dict answer.
    `time_limit` (seconds per case, None for none) turns an answer that never finishes into a card.
    `may_not_use` names what the answer must not use, because it would hand over what the
    exercise asks for (the library's own version); the grader reads the submitted code for them."""

    kind = "function"

    may_not_use = ()  # (a kind's default; an exercise's own `may_not_use=` adds to it)

    def __init__(self, id, title, cases, *, rtol=1e-5, atol=1e-7, parts=None, time_limit=10, may_not_use=()):  # noqa: A002
        if not isinstance(id, str) or not EXERCISE_ID.match(id):
            raise ValueError(f"an exercise id is letters, digits, '-', '_' or '.', like '04-gd-step'; got {id!r}")
        if not isinstance(cases, dict) or not cases:
            raise ValueError(f"exercise {id}: cases must be a dict {{label: case}} with at least one case")
        self.id, self.title = id, str(title)
        self.cases = {str(label): case for label, case in cases.items()}
        self.rtol, self.atol = float(rtol), float(atol)
        self.time_limit = time_limit
        self.parts = dict(parts or {})
        self.may_not_use = tuple(dict.fromkeys([*type(self).may_not_use, *map(str, may_not_use)]))
        self.reference_fn = None
        self.mistakes = []
        self.hint_texts = []
        self._feedback = None
        register(self)

    def __repr__(self):
        return f"<{type(self).__name__} {self.id!r}: {len(self.cases)} case(s), {len(self.mistakes)} mistake(s)>"

    # --- the instructor's part ---------------------------------------------------------------------
    def reference(self, fn):
        """The correct answer: the solution cell's function (usable as a decorator too)."""
        self.reference_fn = fn
        self._feedback = None
        return fn

    def mistake(self, message):
        """Decorator: a wrong answer learners write, with the message that names it. The message
        names the mistake and nudges; the formula belongs in the last hint."""

        def decorate(fn):
            self.mistakes = [m for m in self.mistakes if m.name != getattr(fn, "__name__", None)]
            self.mistakes.append(Mistake(str(message), fn))
            self._feedback = None
            return fn

        return decorate

    def hints(self, *texts):
        """The hints, in the order hint() reveals them: a nudge first, the formula last."""
        self.hint_texts = [str(t) for t in texts]
        self._feedback = None

    @property
    def has_reference(self):
        return self.reference_fn is not None

    # --- running answers ---------------------------------------------------------------------------
    def run(self, answer, case):
        """Apply `answer` to one case and return what it gives (any object; to_plain encodes it).
        The answer gets its own copy of the case, and changing it in place is reported."""
        args = copy.deepcopy(case)
        snapshot = Snapshot(zip(parameter_names(answer, len(args)), args))
        result = answer(*args)
        watch_for_changes(snapshot)
        return result

    def answers(self, answer, cases=None):
        """{label: plain data} for `answer` on each case (the public ones unless given). An
        exception becomes an "error" value, explained in words where it happened."""
        cases = self.cases if cases is None else cases
        if not callable(answer):
            problem = AnswerError(
                f"check() was given a {type(answer).__name__}, not a function: pass the function itself, by its "
                f"name and without parentheses"
            )
            return {label: error_to_plain(problem, str(problem)) for label in cases}
        result, stopped = {}, None
        for label, case in cases.items():
            if stopped is not None:  # out of time or memory once: the other cases would only cost the same
                result[label] = stopped
                continue
            try:
                with np.errstate(all="ignore"), time_limit(self.time_limit):
                    value = self.run(answer, case)
                result[label] = to_plain(value)
            except AnswerTimeout:
                result[label] = error_to_plain(AnswerTimeout(f"did not finish within {self.time_limit} s"), _TOO_SLOW)
                stopped = result[label]
            except InputChangedError as exc:
                result[label] = error_to_plain(exc, describe_changes(exc.changes))
            except AnswerError as exc:
                result[label] = error_to_plain(exc, str(exc))
            except MemoryError as exc:
                result[label] = stopped = error_to_plain(exc, _NO_MEMORY)
            except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
                result[label] = error_to_plain(exc, self.explain(exc, answer), looked_up_in(exc))
        return result

    def perturbations(self):
        """[(message, answer)]: the reference answering with one input changed (ignored, negated,
        transposed, doubled, or two inputs swapped). Their fingerprints name mistakes that no
        instructor has to write: an answer that matches one "ignored b", or "used W transposed".
        Only numbers that vary are perturbed (floats, float arrays), and only inputs whose name is known."""
        reference = self.reference_fn
        first = next(iter(self.cases.values()))
        names = parameter_names(reference, len(first))
        found = []
        for i, name in enumerate(names):
            if not all(_perturbable(case[i]) for case in self.cases.values()):
                continue
            for words, change in _PERTURBATIONS:
                found.append((words.format(name=name), _perturbed(reference, i, change)))
        for i, a in enumerate(names):
            for j in range(i + 1, len(names)):
                if all(_perturbable(c[i]) and np.shape(c[i]) == np.shape(c[j]) for c in self.cases.values()):
                    found.append((_SWAPPED.format(a=a, b=names[j]), _swapped(reference, i, j)))
        return found

    def probe(self, answer):
        """Words for a property every right answer has and this one lacks (kinds that know one, e.g.
        a gradient grows with grad, override this). Run in the learner's kernel only, by check(),
        when the feedback data names no mistake."""
        return None

    def explain(self, exc, answer):
        """Words for an exception the answer raised (kinds add what they know, e.g. gradient shapes)."""
        try:
            return explain_exception(exc)
        except Exception:  # noqa: BLE001 - an explanation must never turn into a second failure
            return None

    # --- what the student receives instead of the instructor cell ----------------------------------
    def feedback(self):
        """The Feedback data of this exercise, computed from the reference and the mistakes (once)."""
        from .feedback import Feedback

        if self._feedback is None:
            self._feedback = Feedback.from_exercise(self)
        return self._feedback

    def solution_text(self):
        """The reference's source, for solution() in the instructor's own notebook."""
        try:
            return inspect.getsource(self.reference_fn).strip()
        except (OSError, TypeError):
            return f"(the reference is {self.reference_fn!r}; its source is not available)"


_TOO_SLOW = (
    "your function did not finish in time on this case: an endless loop? Or work that grows very fast with the "
    "size of the case, such as visiting a shared node again for every path that leads to it?"
)


_NO_MEMORY = (
    "your function ran out of memory on this case: it builds something far larger than the answer (a list that "
    "never stops growing, an array of every pair of elements?)."
)


class AnswerTimeout(BaseException):  # noqa: N818 - not an error of the learner's code: it must not be caught by it
    """Raised inside an answer that runs past its time limit. A BaseException, so that the answer's own
    `except Exception:` does not swallow it."""


@contextlib.contextmanager
def time_limit(seconds):
    """Interrupt the code inside after `seconds` (with an alarm signal: only in the main thread of a
    Unix process, which is where a notebook's kernel runs cells; elsewhere there is no limit)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def interrupt(signum, frame):
        raise AnswerTimeout(f"did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_PERTURBATIONS = [
    (
        "your answer is what the right one would be if `{name}` were 0: is `{name}` used where it should be?",
        lambda x: x * 0.0,
    ),
    (
        "your answer is what the right one would be with the sign of `{name}` flipped: a minus too many or missing "
        "where `{name}` is used?",
        lambda x: -x,
    ),
    (
        "your answer is what the right one would be with `{name}` transposed: a transpose too many (or missing) on "
        "`{name}`?",
        lambda x: x.T if np.ndim(x) == 2 and np.shape(x)[0] == np.shape(x)[1] else None,
    ),
    (
        "your answer is what the right one would be if `{name}` were twice as large: is `{name}` counted twice?",
        lambda x: 2.0 * x,
    ),
]
_SWAPPED = "your answer is what the right one would be with `{a}` and `{b}` swapped: each is used in the other's place."


def _perturbable(value):
    return (isinstance(value, float) and not isinstance(value, bool)) or (
        isinstance(value, np.ndarray) and value.dtype.kind == "f" and value.size > 0
    )


class _NotApplicableError(Exception):
    """A perturbation that does not apply to this value (e.g. transposing a non-square matrix)."""


def _perturbed(reference, index, change):
    def answer(*args):
        changed = change(args[index])
        if changed is None:
            raise _NotApplicableError
        return reference(*args[:index], changed, *args[index + 1 :])

    return answer


def _swapped(reference, i, j):
    def answer(*args):
        args = list(args)
        args[i], args[j] = args[j], args[i]
        return reference(*args)

    return answer


class AnswerError(Exception):
    """Raised by the check itself when an answer is of the wrong sort (not a function, not a
    node, not registered, ...). Its message is already in words for the learner."""


def parameter_names(fn, count):
    """The names of `fn`'s first `count` parameters (for messages), or arg1, arg2, ..."""
    try:
        names = [p.name for p in inspect.signature(fn).parameters.values()]
    except (TypeError, ValueError):
        names = []
    return [names[i] if i < len(names) else f"argument {i + 1}" for i in range(count)]


LIBRARY_ANSWER = "the library's answer is not yours: write it yourself (the grader gives it no points)"


def uses_the_library(names):
    """Why an answer that uses what its exercise forbids (`may_not_use`) fails: check() and the
    grader say the same."""
    named = ", ".join(str(n) for n in names[:3])
    return f"your answer uses {named}, deepslow's own version of what this exercise asks for"


def names_used(fn, depth=4):
    """The names `fn` uses, read from its compiled code: globals and attributes, identifier
    strings, the names of the objects its globals and closure hold (so `gg = get_gradient` shows
    "get_gradient"), and, `depth` calls deep, what the learner's own functions it calls use
    (those defined where the answer is, not the library's). check() compares them with an
    exercise's `may_not_use` (the grader reads the code's text instead: grading/names.py)."""
    module = getattr(fn, "__module__", None)
    found, seen, todo = set(), set(), [(fn, depth)]
    while todo:
        function, left = todo.pop()
        code = getattr(function, "__code__", None)
        if code is None or code in seen:
            continue
        seen.add(code)
        held = dict(getattr(function, "__globals__", {}))
        for name, cell in zip(code.co_freevars, getattr(function, "__closure__", None) or ()):
            try:
                held[name] = cell.cell_contents
            except ValueError:  # a closure variable not bound yet
                pass
        for part in _code_objects(code):
            found.update(part.co_names)
            found.update(n for c in part.co_consts if isinstance(c, str) and len(c) < 200 for n in c.split("."))
            for name in (*part.co_names, *part.co_freevars):
                value = held.get(name)
                label = getattr(value, "__name__", None)
                found.add(label if isinstance(label, str) else name)
                if left and inspect.isfunction(value) and value.__module__ == module:
                    todo.append((value, left - 1))  # the learner's own helper
    return {name for name in found if name.isidentifier()}


def _code_objects(code):
    """`code` and the code of everything defined inside it (lambdas, inner functions)."""
    found = [code]
    for const in code.co_consts:
        if inspect.iscode(const):
            found.extend(_code_objects(const))
    return found


def watch_for_changes(snapshot):
    """Raise InputChangedError when something in `snapshot` was changed in place."""
    changes = snapshot.changed()
    if changes:
        raise InputChangedError(changes)
