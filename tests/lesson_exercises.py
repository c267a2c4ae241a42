"""Helpers for the lesson exercise tests: each lesson's exercises, as its notebook defines them.

The exercise cells of a source lesson (setup, solution, cases, instructor) are run once in this
process (deepslow.exercises.notebook), which registers the exercises for check() as a notebook's
kernel would. No package module holds them.
"""

import functools
from pathlib import Path

import nbformat

from deepslow.exercises import check
from deepslow.exercises.notebook import exercise_ids, load_exercises

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {p.name[:2]: p for p in sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))}


def ids(lesson):
    """The exercise ids of a lesson, read from its cells' metadata (nothing is run)."""
    return exercise_ids(nbformat.read(LESSONS[lesson], as_version=4))


@functools.cache
def _loaded(lesson):
    exercises, problems = load_exercises(LESSONS[lesson])
    assert not problems, problems
    return exercises


def exercise(exercise_id):
    """The live exercise (reference, named mistakes, hints), registered for check()."""
    found = _loaded(exercise_id[:2])[exercise_id]
    from deepslow.exercises import core

    core.register(found)  # another test may have defined an exercise of the same id since
    return found


def stub(*args):
    raise NotImplementedError("replace this line with your answer")


def expected_name(found, mistake):
    """The message check() should give for a named mistake: its own, or that of an earlier mistake
    with the very same answers on every case (the first one wins, as in the feedback data)."""
    feedback = found.feedback()
    own = dict(feedback.mistakes)
    theirs = own[mistake.message]
    for message, answers in feedback.mistakes:
        if all(feedback._agreement(answers[k], theirs[k]) == 2 for k in theirs):
            return message
    return mistake.message


def run_check(exercise_id, answer):
    exercise(exercise_id)
    return check(exercise_id, answer)
