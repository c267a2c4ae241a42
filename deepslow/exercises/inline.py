"""The learner's side: `check`, `hint`, `solution` (never raise), and `record` for hidden tests.

`check` runs inside the learner's own kernel: it is feedback, not grading. The batch grader does
not trust it; hidden tests call `record`, which only sends the raw answers (as plain data) to the
grader, which compares them in its own process.
"""

from .core import decode_answers, get_exercise, not_registered
from .plain import describe, to_plain
from .result import CheckResult, TextCard

ANSWERS_MIME = "application/vnd.deepslow.answers+json"

_hints_shown = {}


def check(exercise_id, answer):
    """Check `answer` for exercise `exercise_id` and return a result card. Never raises."""
    try:
        exercise = get_exercise(exercise_id)
    except KeyError:
        return CheckResult(exercise_id, "", "error", reason=not_registered(exercise_id))
    try:
        got = decode_answers(exercise.answers(answer))
        outcome = exercise.judge(got)
        result = CheckResult(exercise.id, exercise.title, outcome.status, cases=len(exercise.cases))
        if outcome.status == "failed":
            diff = outcome.difference
            result.case = outcome.case
            result.reason = outcome.reason()
            result.expected = diff.expected if diff else describe(exercise.expected()[outcome.case])
            result.got = diff.got if diff else None
            result.mistake = outcome.mistake
            if got[outcome.case]["kind"] != "error":
                result.location = exercise.locate(answer, outcome.case)
        return result
    except Exception as exc:  # noqa: BLE001 - a check must never break "Run All"
        return CheckResult(
            exercise_id, exercise.title, "error", reason=f"the check itself failed ({type(exc).__name__}: {exc})"
        )


def hint(exercise_id):
    """Show the next hint for an exercise (each call reveals one more)."""
    try:
        exercise = get_exercise(exercise_id)
    except KeyError:
        return TextCard("No such exercise", not_registered(exercise_id))
    if not exercise.hints:
        return TextCard(
            f"{exercise_id}: no hints", f"This exercise has no hints; solution({exercise_id!r}) shows an answer."
        )
    shown = _hints_shown.get(exercise_id, 0)
    index = min(shown, len(exercise.hints) - 1)
    _hints_shown[exercise_id] = shown + 1
    more = (
        f"(hint {index + 1} of {len(exercise.hints)}; call hint({exercise_id!r}) again for the next)"
        if index + 1 < len(exercise.hints)
        else f"(that was the last hint; solution({exercise_id!r}) shows an answer)"
    )
    return TextCard(f"Hint for {exercise_id} {more}", exercise.hints[index])


def solution(exercise_id):
    """Reveal the reference answer of an exercise, as code."""
    try:
        exercise = get_exercise(exercise_id)
    except KeyError:
        return TextCard("No such exercise", not_registered(exercise_id))
    return TextCard(f"A solution for {exercise_id} — {exercise.title}", exercise.solution(), code=True)


# --- hidden tests: send raw answers to the grader --------------------------------------------


def record(exercise_id, answer):
    """Hidden tests call this: run `answer` on the exercise's cases and send the plain answers
    to the grader. Nothing is judged here; the grader compares in its own process."""
    exercise = get_exercise(exercise_id)
    _emit(exercise_id, exercise.answers(answer))


def record_value(exercise_id, label, value):
    """Hidden tests call this to send one value of their own (e.g. `f(secret_input)`); the
    grader compares it with the value the source notebook's solution records under `label`."""
    _emit(exercise_id, {str(label): to_plain(value)})


def _emit(exercise_id, answers):
    from IPython.display import display  # only in a kernel, only for hidden tests

    display(
        {
            ANSWERS_MIME: {"exercise": exercise_id, "answers": answers},
            "text/plain": f"[answers for {exercise_id} recorded]",
        },
        raw=True,
    )
