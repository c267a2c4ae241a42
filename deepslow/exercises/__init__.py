"""Exercises with feedback: `check(id, answer)`, `hint(id)`, `solution(id)`.

The package holds only the generic machinery; every exercise is defined by its notebook (see
docs/exercises.md): a public *cases* cell (an exercise kind with its cases) and an *instructor*
cell (the reference, named mistakes, hints) that `deepslow assign` replaces with feedback data.

    core.py       an exercise: authoring API, running answers
    kinds.py      function / graph / gradient / value exercises: how an answer meets one case
    feedback.py   the feedback data (expected answers, mistakes' fingerprints, hints) and judging
    plain.py      answers as plain data, and comparing them
    explain.py    exceptions and shapes put into words, where the answer failed
    diagnose.py   wrong values put into words, from plain data alone (also in the grader)
    mutation.py   noticing an answer that changes its inputs in place
    inline.py     check, hint, solution, load_feedback; record for hidden tests
    result.py     the cards
    notebook.py   exercises read from a source notebook outside Jupyter (for assign and tests)
"""

from .core import Exercise, Mistake, get_exercise
from .feedback import Feedback, Outcome
from .inline import check, hint, load_feedback, record, record_value, solution
from .kinds import FunctionExercise, GradientExercise, GraphExercise, ValueExercise
from .result import CheckResult

__all__ = [
    "CheckResult",
    "Exercise",
    "Feedback",
    "FunctionExercise",
    "GradientExercise",
    "GraphExercise",
    "Mistake",
    "Outcome",
    "ValueExercise",
    "check",
    "get_exercise",
    "hint",
    "load_feedback",
    "record",
    "record_value",
    "solution",
]
