"""The exercises of lessons 1-3: what test_exercises.py (reference passes, every registered mistake
named) does not already cover.

* 01-run-order accepts *every* topological order and names what is wrong with a bad one;
* a stub left in place reads "not attempted", also inside an Operation's compute;
* checking never adds nodes to the learner's default graph;
* the grader's judgement (plain data, in its own process) names the same mistakes as the inline check;
* the lesson notebooks use exactly these exercises, and keep only checked outputs.
"""

from pathlib import Path

import nbformat
import numpy as np
import pytest

import deepslow as tf
from deepslow.backprop import ancestors, topological_order
from deepslow.exercises import check, get_exercise, hint, solution
from deepslow.exercises.core import decode_answers
from deepslow.grading.format import Assignment, student_version
from deepslow.graph import Constant, Operation, Placeholder, Variable

ROOT = Path(__file__).resolve().parents[1]
NEW_IDS = [
    "01-squared-difference",
    "01-affine-graph",
    "01-run-order",
    "01-forward-pass",
    "02-sigmoid",
    "02-probabilities",
    "03-error-rate",
    "03-nll-graph",
    "03-log-softmax",
    "03-fused-loss",
]
LESSON_EXERCISES = {
    "01-computational-graphs": ["01-affine-graph", "01-squared-difference", "01-run-order", "01-forward-pass"],
    "02-perceptrons": ["02-sigmoid", "02-softmax", "02-affine", "02-probabilities"],
    "03-training-criterion": ["03-error-rate", "03-cross-entropy", "03-nll-graph", "03-log-softmax", "03-fused-loss"],
}


def _stub(*args):
    raise NotImplementedError("replace this line with your answer")


@pytest.mark.parametrize("exercise_id", NEW_IDS)
def test_new_exercise_has_hints_mistakes_and_a_solution(exercise_id):
    exercise = get_exercise(exercise_id)
    assert len(exercise.hints) >= 2 and len(exercise.mistakes) >= 3
    assert len({m.message for m in exercise.mistakes}) == len(exercise.mistakes), "one message per mistake"
    assert check(exercise_id, exercise.reference_fn).passed
    assert "def " in solution(exercise_id).text or "class " in solution(exercise_id).text
    assert hint(exercise_id).text == exercise.hints[0]


@pytest.mark.parametrize("exercise_id", NEW_IDS)
def test_a_stub_is_not_attempted(exercise_id):
    assert check(exercise_id, _stub).status == "not attempted"


def test_an_op_whose_compute_is_still_the_stub_is_not_attempted():
    class SquaredDifference(Operation):
        def compute(self, x, y):
            raise NotImplementedError("01-squared-difference: replace this line with your answer")

    assert check("01-squared-difference", SquaredDifference).status == "not attempted"


def test_an_op_that_raises_something_else_fails_and_says_what():
    class SquaredDifference(Operation):
        def compute(self, x, y):
            return x.nonexistent

    result = check("01-squared-difference", SquaredDifference)
    assert result.status == "failed" and "has no attribute 'nonexistent'" in result.reason


# --- 01-run-order: any topological order is right ----------------------------------------------------


def _creation_order(target):
    needed = ancestors([target])
    return [node for node in target.graph.nodes if node in needed]


def _kahn_last_first(target):
    """Kahn's algorithm, always taking the most recently freed node: another valid order."""
    needed = ancestors([target])
    waiting = {node: len(node.inputs) for node in needed}
    users = {node: [] for node in needed}
    for node in needed:
        for inp in node.inputs:
            users[inp].append(node)  # once per use, like the count in `waiting`
    ready = sorted((node for node in needed if not node.inputs), key=lambda node: node.name)
    order = []
    while ready:
        node = ready.pop()
        order.append(node)
        for user in users[node]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return order


@pytest.mark.parametrize(
    "answer",
    [_creation_order, _kahn_last_first, lambda target: topological_order(ancestors([target]))],
    ids=["creation order", "Kahn's algorithm", "deepslow's own"],
)
def test_run_order_accepts_every_valid_order(answer):
    assert check("01-run-order", answer).passed


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda target: [node.name for node in _creation_order(target)], "not a list of nodes"),
        (lambda target: set(_creation_order(target)), "not a list"),
        (lambda target: _creation_order(target)[1:], "a source node is missing"),
        (
            lambda target: [n for n in _creation_order(target) if n is target or n not in target.inputs],
            "a needed node is missing",
        ),
        (lambda target: [], "an empty list"),
        (lambda target: _creation_order(target)[::-1], "a node before one of its inputs"),
        (lambda target: _creation_order(target) + [target], "a node appears more than once"),
    ],
    ids=["names", "a set", "missing source", "missing op", "empty", "reversed", "twice"],
)
def test_run_order_says_what_is_wrong(answer, words):
    result = check("01-run-order", answer)
    assert result.status == "failed" and words in result.reason


def _run_order_without_sources(target):
    """A depth-first order that appends only the operations (placeholders, variables, constants dropped)."""
    return [node for node in _creation_order(target) if isinstance(node, Operation)]


def _run_order_without_placeholders(target):
    return [node for node in _creation_order(target) if not isinstance(node, Placeholder)]


@pytest.mark.parametrize(
    "answer, words",
    [
        (_run_order_without_sources, "placeholders, variables and constants belong in the order too"),
        (_run_order_without_placeholders, "placeholders, variables and constants belong in the order too"),
        (lambda target: [], "your list is empty"),
    ],
    ids=["operations only", "no placeholders", "empty"],
)
def test_run_order_names_missing_sources_and_an_empty_list_not_missing_inputs_of_inputs(answer, words):
    result = check("01-run-order", answer)
    assert result.status == "failed" and words in result.mistake
    assert "inputs of the inputs" not in result.mistake


def test_run_order_with_only_the_direct_inputs_still_hears_about_inputs_of_inputs():
    from deepslow.exercises.lesson01 import _run_order_direct_inputs

    assert "the inputs of the inputs are needed too" in check("01-run-order", _run_order_direct_inputs).mistake


def test_run_order_none_asks_about_return():
    result = check("01-run-order", lambda target: None)
    assert result.status == "failed" and "return" in result.reason


# --- 01-forward-pass ------------------------------------------------------------------------------


def test_forward_pass_reports_the_first_wrong_node():
    def forward_wrong_matmul(order, feed):
        from deepslow.exercises.lesson01 import forward

        values = forward(order, feed)
        return {node: (value + 1 if node.op_type == "MatMul" else value) for node, value in values.items()}

    result = check("01-forward-pass", forward_wrong_matmul)
    assert result.status == "failed"
    assert "the value of node 'Wv'" in result.reason or "the value of node 'Ax'" in result.reason


def _forward_without_variables(order, feed):
    """The lesson's loop with the branch for variables left out: an op then finds no value for W."""
    values = {}
    for node in order:
        if isinstance(node, Placeholder):
            values[node] = feed[node]
        elif isinstance(node, Constant):
            values[node] = node.value
        elif isinstance(node, Operation):
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values


def _forward_variables_from_the_feed(order, feed):
    values = {}
    for node in order:
        if isinstance(node, (Placeholder, Variable)):
            values[node] = feed[node]
        elif isinstance(node, Constant):
            values[node] = node.value
        else:
            values[node] = node.compute(*[values[i] for i in node.inputs])
    return values


def test_forward_pass_without_a_variable_branch_is_told_what_is_missing_not_a_raw_key_error():
    result = check("01-forward-pass", _forward_without_variables)
    assert result.status == "failed" and "<deepslow" not in result.reason
    assert (
        "KeyError: the value of 'W' (Variable) was never stored: your loop has no branch for variables "
        "(use node.initial_value)" in result.reason
    )
    assert "node.initial_value" in result.mistake


def test_forward_pass_looking_variables_up_in_the_feed_is_told_where_their_value_is():
    result = check("01-forward-pass", _forward_variables_from_the_feed)
    assert "'W' (Variable) is not in the feed" in result.reason and "node.initial_value" in result.reason


def test_forward_pass_key_errors_on_other_kinds_of_node_name_their_branch():
    def without_constants(order, feed):
        values = {}
        for node in order:
            if isinstance(node, Placeholder):
                values[node] = feed[node]
            elif isinstance(node, Variable):
                values[node] = node.initial_value
            elif isinstance(node, Operation):
                values[node] = node.compute(*[values[i] for i in node.inputs])
        return values

    result = check("01-forward-pass", without_constants)
    assert "the value of 'b' (Constant) was never stored: your loop has no branch for constants" in result.reason
    decoded = decode_answers(get_exercise("01-forward-pass").answers(_forward_without_variables))
    outcome = get_exercise("01-forward-pass").judge(decoded)  # the grader sees the same text, as plain data
    assert "no branch for variables" in outcome.message()


# --- checking leaves the learner's graph alone ---------------------------------------------------------


def test_checking_adds_nothing_to_the_default_graph():
    tf.reset_default_graph()
    before = list(tf.get_default_graph().nodes)
    for exercise_id in NEW_IDS:
        exercise = get_exercise(exercise_id)
        check(exercise_id, exercise.reference_fn)
        for mistake in exercise.mistakes:
            check(exercise_id, mistake.fn)
    assert tf.get_default_graph().nodes == before


# --- the grader's judgement ------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", NEW_IDS)
def test_grader_judgement_names_the_same_mistakes(exercise_id):
    """The batch grader judges decoded plain data (what hidden tests send), not the answer itself."""
    exercise = get_exercise(exercise_id)
    for mistake in exercise.mistakes:
        got = decode_answers(exercise.answers(mistake.fn))
        outcome = exercise.judge(got)
        assert outcome.status == "failed" and outcome.mistake == mistake.message
    assert exercise.judge(decode_answers(exercise.answers(exercise.reference_fn))).passed


def test_numerical_edge_cases_are_in_the_checks():
    with np.errstate(all="ignore"):
        assert np.isnan(get_exercise("02-sigmoid").mistakes[-1].fn(np.array([1000.0]))).all()
    assert any("800" in label for label in get_exercise("03-log-softmax").cases)
    assert any("1000" in label for label in get_exercise("03-fused-loss").cases)


# --- the notebooks -----------------------------------------------------------------------------------


@pytest.mark.parametrize("stem", sorted(LESSON_EXERCISES))
def test_notebook_uses_these_exercises_and_keeps_only_checked_outputs(stem):
    path = ROOT / "lessons" / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    assignment = Assignment(nb, path)  # raises if the exercise markup is wrong
    assert list(assignment.points) == LESSON_EXERCISES[stem]
    for exercise_id in assignment.points:
        get_exercise(exercise_id)  # every id is registered
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.outputs:
            assert cell.source.startswith("# NBVAL_CHECK_OUTPUT"), cell.source[:80]
            assert all(out.output_type == "stream" for out in cell.outputs)
    student, _ = student_version(assignment)
    text = nbformat.writes(student)
    assert "### BEGIN SOLUTION" not in text and "record(" not in text
    assert text.count("raise NotImplementedError") == len(LESSON_EXERCISES[stem])
