"""Exercises with feedback: `check(id, answer)`, `hint(id)`, `solution(id)`.

Exercises live in one module per lesson (`lesson04.py` registers "04-sigmoid-grad", ...) and are
imported only when an id from that lesson is first used. See docs/exercises.md for the format.
"""

from .core import Exercise, Mistake, Outcome, all_exercises, get_exercise, judge, register
from .inline import check, hint, record, record_value, solution
from .kinds import BackwardPassExercise, FunctionExercise, GradientExercise, GraphExercise
from .result import CheckResult

__all__ = [
    "BackwardPassExercise",
    "CheckResult",
    "Exercise",
    "FunctionExercise",
    "GradientExercise",
    "GraphExercise",
    "Mistake",
    "Outcome",
    "all_exercises",
    "check",
    "get_exercise",
    "hint",
    "judge",
    "record",
    "record_value",
    "register",
    "solution",
]
