"""The learner's side: `check`, `hint`, `solution` (never raise), `load_feedback`, and `record`
for hidden tests.

Where the feedback comes from depends on the notebook (its *mode*, shown on every card):

* **source** — the instructor's notebook: its instructor cells define the reference and the
  mistakes, and check() computes the feedback from them; solution() shows the reference.
* **self-study** — a learner's copy made by `deepslow lessons` (or Binder): the feedback is data
  in a locked cell; solution() reads the answer from the source lesson next to the copy.
* **course** — a student notebook made by `deepslow assign`: the same data, and no solutions.

`check` is feedback, not grading: the batch grader trusts none of it. Hidden tests call `record`,
which only sends raw answers (plain data) to the grader, which compares them in its own process.
"""

import json
import os

from . import core
from .feedback import Feedback
from .plain import PlainDataError, describe, from_plain, to_plain
from .result import CheckResult, TextCard

ANSWERS_MIME = "application/vnd.deepslow.answers+json"

_LOADED = {}  # exercise id -> Feedback, from a student notebook's feedback cells
_hints_shown = {}


def load_feedback(exercise_id, text):
    """Called by the locked feedback cell of a student notebook: keep the exercise's feedback data."""
    try:
        feedback = Feedback.from_text(text)
    except PlainDataError as exc:
        print(f"deepslow: the feedback data of {exercise_id} cannot be read ({exc}); check() will say so.")
        _LOADED.pop(exercise_id, None)
        return
    if feedback.exercise != exercise_id:
        print(f"deepslow: this cell holds the feedback data of {feedback.exercise}, not {exercise_id}.")
        return
    _LOADED[exercise_id] = feedback


def feedback_for(exercise_id):
    """(Feedback or None, the problem in words or None) for an exercise, in this notebook's mode."""
    exercise = core._EXERCISES.get(exercise_id)
    if exercise is not None and exercise.has_reference:
        return exercise.feedback(), None
    loaded = _LOADED.get(exercise_id)
    if loaded is not None:
        if exercise is not None and list(exercise.cases) != loaded.labels:
            return None, (
                f"the feedback data of {exercise_id} does not match its cases (was the notebook edited?): get a fresh "
                f"copy of the notebook, or run every locked cell again"
            )
        return loaded, None
    if exercise is None:
        return None, _unknown(exercise_id)
    return None, (
        f"the feedback data of {exercise_id} has not been loaded: run the locked cell that holds it (just above "
        f"this one), then this cell again"
    )


def _unknown(exercise_id):
    import difflib

    known = sorted(set(core._EXERCISES) | set(_LOADED))
    near = difflib.get_close_matches(str(exercise_id), known, n=3)
    if near:
        return f"there is no exercise {exercise_id!r} in this notebook. Did you mean {', '.join(map(repr, near))}?"
    return (
        f"no exercise {exercise_id!r} is defined here yet: run the locked cells above this one (the exercise's cases "
        f"and feedback data) first, or run the whole notebook from the top"
    )


def check(exercise_id, answer):
    """Check `answer` for exercise `exercise_id` and return a result card. Never raises."""
    title = ""
    try:
        feedback, problem = feedback_for(exercise_id)
        if feedback is None:
            return CheckResult(exercise_id, "", "error", reason=problem)
        title = feedback.title
        exercise = core._EXERCISES.get(exercise_id)
        if exercise is None:
            return CheckResult(exercise_id, title, "error", reason=_unknown(exercise_id), mode=feedback.mode)
        uses = sorted(core.names_used(answer) & set(feedback.may_not_use))
        if uses:
            return CheckResult(
                exercise_id,
                title,
                "failed",
                reason=core.uses_the_library(uses),
                mistake=core.LIBRARY_ANSWER,
                mode=feedback.mode,
                hints=len(feedback.hints),
            )
        got = {label: from_plain(value) for label, value in exercise.answers(answer).items()}
        outcome = feedback.judge(got, answer_source=_source_of(answer), inputs=_inputs(exercise, answer))
        result = CheckResult(
            exercise_id,
            title,
            outcome.status,
            cases=len(feedback.labels),
            mode=feedback.mode,
            hints=len(feedback.hints),
        )
        if outcome.status == "failed":
            diff = outcome.difference
            result.case, result.reason, result.mistake = outcome.case, outcome.reason(), outcome.mistake
            if not result.mistake:
                result.mistake = exercise.probe(answer)
            result.expected = diff.expected if diff.expected else describe(feedback.expected.get(outcome.case))
            result.got = diff.got
        return result
    except Exception as exc:  # noqa: BLE001 - a check must never break "Run All"
        return CheckResult(
            exercise_id,
            title,
            "error",
            reason=f"the check itself failed ({type(exc).__name__}: {exc}); please report this",
        )


def _inputs(exercise, answer):
    """{case: [(parameter name, decoded value)]} for exercises whose cases are the answer's arguments."""
    from .core import parameter_names

    if exercise.kind not in ("function", "graph"):
        return None
    names = getattr(exercise, "input_names", None)
    found = {}
    for label, case in exercise.cases.items():
        labels = names or parameter_names(answer, len(case))
        found[label] = [(name, from_plain(to_plain(value))) for name, value in zip(labels, case, strict=False)]
    return found


def _source_of(answer):
    import inspect

    try:
        return inspect.getsource(answer)
    except Exception:  # noqa: BLE001 - a lambda typed at a prompt, a builtin...: no source to read
        return None


def hint(exercise_id):
    """Show the next hint for an exercise (each call reveals one more: a nudge first, the formula last)."""
    try:
        feedback, problem = feedback_for(exercise_id)
    except Exception as exc:  # noqa: BLE001
        return TextCard("No hint", f"the hints could not be read ({type(exc).__name__}: {exc})")
    if feedback is None:
        return TextCard(f"No hint for {exercise_id}", problem)
    hints = feedback.hints
    if not hints:
        return TextCard(f"{exercise_id}: no hints", f"This exercise has no hints. {_after_hints(feedback)}")
    shown = _hints_shown.get(exercise_id, 0)
    index = min(shown, len(hints) - 1)
    _hints_shown[exercise_id] = shown + 1
    more = (
        f"(hint {index + 1} of {len(hints)}; call hint({exercise_id!r}) again for the next)"
        if index + 1 < len(hints)
        else f"(the last hint. {_after_hints(feedback)})"
    )
    return TextCard(f"Hint for {exercise_id} {more}", hints[index])


def _after_hints(feedback):
    if feedback.mode == "course":
        return "Solutions are not part of course material: ask your instructor or teaching assistants."
    return f"solution({feedback.exercise!r}) shows an answer."


def solution(exercise_id):
    """An answer for the exercise: the reference in the instructor's notebook, the source lesson's
    solution in self-study; course material has none."""
    try:
        feedback, problem = feedback_for(exercise_id)
        if feedback is None:
            return TextCard(f"No solution for {exercise_id}", problem)
        heading = f"A solution for {exercise_id} — {feedback.title}"
        if feedback.mode == "source":
            return TextCard(heading, core._EXERCISES[exercise_id].solution_text(), code=True)
        if feedback.mode == "self-study":
            text, where = solution_from_source(exercise_id, feedback.solutions)
            if text is None:
                return TextCard(f"No solution for {exercise_id}", where)
            return TextCard(f"{heading} (from {where})", text, code=True)
        return TextCard(
            f"No solution for {exercise_id}",
            "The instructor has not released a solution for this exercise: this notebook is course material. "
            f"hint({exercise_id!r}) gives hints; for more, ask your instructor or teaching assistants.",
        )
    except Exception as exc:  # noqa: BLE001
        return TextCard(
            f"No solution for {exercise_id}", f"the solution could not be read ({type(exc).__name__}: {exc})"
        )


def solution_from_source(exercise_id, path):
    """(the solution cell's code, where it was found) from the source lesson at `path`
    (relative to this notebook's folder, the kernel's working directory), or (None, why not)."""
    from .notebook import solution_cells

    if not path:
        return None, "this copy does not say where its source lesson is."
    candidates = [path, os.path.join(os.pardir, "lessons", os.path.basename(path))]
    for candidate in candidates:
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8") as f:
                notebook = json.load(f)
            texts = solution_cells(notebook, exercise_id)
            if texts:
                return "\n\n".join(texts), os.path.normpath(candidate)
            return None, f"{os.path.normpath(candidate)} has no solution cell for {exercise_id}."
    return None, (
        f"the source lesson with the solutions was not found at {path} (looked from {os.getcwd()}). It comes with "
        f"the lessons: open lessons/{os.path.basename(path)} in the repository."
    )


# --- hidden tests: send raw answers to the grader -----------------------------------------------


def record(exercise_id, answer, hidden_cases=None):
    """Hidden tests call this: run `answer` on the exercise's public cases and on `hidden_cases`
    ({label: case}, written in the hidden tests), and send the plain answers to the grader.
    Nothing is judged here. In the source notebook (the grader's reference run), the mistakes'
    fingerprints on the same cases go along, so the grader can name mistakes on hidden cases too."""
    exercise = core.get_exercise(exercise_id)
    cases = dict(exercise.cases)
    for label, case in (hidden_cases or {}).items():
        if str(label) in cases:
            raise ValueError(f"hidden case {label!r} of {exercise_id} has the label of a public case")
        cases[str(label)] = case
    payload = {"exercise": exercise_id, "answers": exercise.answers(answer, cases)}
    if exercise.has_reference:  # the source notebook: what the grader judges with (it reads only the source's)
        payload["definition"] = Feedback.from_exercise(exercise, cases, mode="course").to_plain()
        payload["public_cases"] = list(exercise.cases)
    _emit(payload)


def record_value(exercise_id, label, value):
    """Hidden tests call this to send one value of their own (e.g. `f(secret_input)`); the
    grader compares it with the value the source notebook's solution records under `label`."""
    _emit({"exercise": exercise_id, "answers": {str(label): to_plain(value)}})


_SINKS = []  # lists that take the payloads instead of the grader (nbgrader's asserting hidden tests)


def _emit(payload):
    if _SINKS:
        _SINKS[-1].append(payload)
        return
    from IPython.display import display  # only in a kernel, only for hidden tests

    display({ANSWERS_MIME: payload, "text/plain": f"[answers for {payload['exercise']} recorded]"}, raw=True)
