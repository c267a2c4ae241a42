"""Lessons 4-6: their exercises give the right feedback, their notebooks follow the authoring format,
the student versions run with every check "not attempted", and lesson 6 runs without TensorFlow."""

import re
from pathlib import Path

import numpy as np
import pytest

import deepslow as tf
from deepslow.exercises import check, get_exercise, hint, solution

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
NOTEBOOKS = {
    "04": LESSONS / "04-gradient-descent-and-backprop.ipynb",
    "05": LESSONS / "05-multi-layer-perceptrons.ipynb",
    "06": LESSONS / "06-real-frameworks.ipynb",
}
EXERCISES = {
    "04": ["04-gd-step", "04-sigmoid-grad", "04-matmul-grad", "04-softplus-grad", "04-backprop-order",
           "04-backward-pass", "04-softmax-boundary"],
    "05": ["05-hidden-layer", "05-collapse", "05-decision-map", "05-train-epoch"],
    "06": ["06-tape-gradients", "06-torch-layout", "06-adam-torch"],
}  # fmt: skip
NEW = [e for ids in EXERCISES.values() for e in ids if e not in ("04-gd-step", "04-sigmoid-grad", "04-matmul-grad",
                                                                  "04-backward-pass")]  # fmt: skip
MISTAKES = [(e, m) for e in NEW for m in get_exercise(e).mistakes]


def _stub(*args):
    raise NotImplementedError("replace this line with your answer")


# --- the exercises ------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", NEW)
def test_the_reference_passes_and_there_are_hints_and_a_solution(exercise_id):
    exercise = get_exercise(exercise_id)
    result = check(exercise_id, exercise.reference_fn)
    assert result.passed, repr(result)
    assert len(exercise.cases) >= 2 and exercise.hints and exercise.mistakes
    assert "Hint for" in repr(hint(exercise_id))
    assert "def " in solution(exercise_id).text


@pytest.mark.parametrize("exercise_id, mistake", MISTAKES, ids=[f"{e}:{m.name}" for e, m in MISTAKES])
def test_each_mistake_gets_its_own_message(exercise_id, mistake):
    result = check(exercise_id, mistake.fn)
    assert result.status == "failed"
    assert result.mistake == mistake.message, repr(result)


@pytest.mark.parametrize("exercise_id", NEW)
def test_a_stub_is_not_attempted(exercise_id):
    assert check(exercise_id, _stub).status == "not attempted"


@pytest.mark.parametrize(
    "exercise_id, words",
    [
        ("04-softmax-boundary", "one column of W"),
        ("04-softmax-boundary", "forgot the biases"),
        ("04-backprop-order", "breadth-first"),
        ("04-softplus-grad", "overflows"),
        ("05-hidden-layer", "forgot the activation"),
        ("05-collapse", "b1 @ W2 + b2"),
        ("05-decision-map", "once per grid point"),
        ("05-train-epoch", "last, smaller batch"),
        ("06-tape-gradients", "in place"),
        ("06-torch-layout", "W.T"),
        ("06-adam-torch", "TensorFlow 1's form"),
    ],
)
def test_the_mistakes_named_in_the_lessons_are_covered(exercise_id, words):
    assert any(words in m.message for m in get_exercise(exercise_id).mistakes)


def test_any_correct_backprop_order_passes_not_just_the_reference():
    def kahn(loss):  # consumers first: a node is placed once every node that uses it is placed
        nodes, stack = set(), [loss]
        while stack:
            node = stack.pop()
            if node not in nodes:
                nodes.add(node)
                stack.extend(node.inputs)
        waiting = {n: sum(1 for m in nodes for i in m.inputs if i is n) for n in nodes}
        ready, order = [loss], []
        while ready:
            node = ready.pop()
            order.append(node)
            for inp in node.inputs:
                waiting[inp] -= 1
                if waiting[inp] == 0:
                    ready.append(inp)
        return order

    assert check("04-backprop-order", kahn).passed


def test_a_wrong_backprop_order_names_the_node_that_comes_too_early():
    from deepslow.exercises.lesson04 import _order_breadth_first

    result = check("04-backprop-order", _order_breadth_first)
    assert "'h' comes before 's', which uses it" in result.reason


def test_a_forward_order_is_named_whichever_topological_order_it_is():
    from deepslow.backprop import ancestors

    result = check("04-backprop-order", lambda loss: sorted(ancestors([loss]), key=lambda node: node.index))
    assert result.status == "failed" and "the forward order" in result.reason
    assert result.mistake.startswith("this is the forward (topological) order") and "reversed" in result.mistake


# --- 04-matmul-grad: a missing transpose, in one gradient or both ---------------------------------------


def _da_without_transpose(op, grad):
    A, B = op.input_values
    return [grad @ B, A.T @ grad]


def _factors_swapped(op, grad):
    A, B = op.input_values
    return [B.T @ grad, grad @ A.T]


def _named_gradients(op, grad):
    A, B = op.input_values
    dA = grad @ B.T
    dB = A @ grad
    return [dA, dB]


def test_a_missing_transpose_in_da_alone_is_named_and_the_shape_error_becomes_a_lesson():
    result = check("04-matmul-grad", _da_without_transpose)
    assert result.status == "failed"
    assert "dA must have A's shape (2, 3); grad is (2, 4), B is (3, 4): which product gives (2, 3)?" in result.reason
    assert "gufunc" not in result.reason
    assert result.mistake.startswith("dA, the gradient for A: a missing transpose")


def test_factors_in_the_wrong_order_are_named_although_the_answer_raises_on_one_case():
    result = check("04-matmul-grad", _factors_swapped)
    assert "`B.T @ grad` fails: (4, 3) @ (2, 4) do not fit. dA must have A's shape (2, 3)" in result.reason
    assert "the factors are in the wrong order" in result.mistake


def test_a_shape_error_in_a_named_gradient_says_which_gradient_it_is():
    result = check("04-matmul-grad", _named_gradients)
    assert "`A @ grad` fails: (2, 3) @ (2, 4) do not fit. dB must have B's shape (3, 4)" in result.reason
    assert "grad is (2, 4), A is (2, 3): which product gives (3, 4)?" in result.reason
    assert "dB, the gradient for B: a missing transpose" in result.mistake


def test_the_grader_gets_the_same_shape_lesson_and_mistake_from_plain_data():
    from deepslow.exercises.core import decode_answers

    exercise = get_exercise("04-matmul-grad")
    outcome = exercise.judge(decode_answers(exercise.answers(_da_without_transpose)))
    assert "dA must have A's shape (2, 3)" in outcome.message() and "a missing transpose" in outcome.message()


# --- 04-backward-pass: ops that pass no gradient ------------------------------------------------------


def test_a_backward_pass_that_calls_none_or_reads_unreached_nodes_fails_with_its_mistake_named():
    from deepslow.exercises.lesson04 import _backward_pass_no_none_check, _backward_pass_unreached

    result = check("04-backward-pass", _backward_pass_no_none_check)
    assert result.status == "failed" and "argmax and equal" in result.case
    assert "'NoneType' object is not callable" in result.reason and "if grad_fn is None" in result.mistake
    result = check("04-backward-pass", _backward_pass_unreached)
    assert "no gradient reached 'p' (Softmax)" in result.reason and "if node not in grads" in result.mistake


def test_the_backward_pass_order_holds_ops_that_pass_no_gradient():
    seen = []

    def spy(order, values, loss):
        seen.append([node.op_type for node in order])
        return get_exercise("04-backward-pass").reference_fn(order, values, loss)

    assert check("04-backward-pass", spy).passed
    assert {"ArgMax", "Equal", "Softmax"} <= set(seen[-1])


# --- 04-softmax-boundary ------------------------------------------------------------------------------


def test_dividing_by_the_wrong_coefficient_gets_its_own_message_not_a_constant_factor():
    def divides_by_x_coefficient(W, b, xs):
        dw = W[:, 1] - W[:, 0]
        return -(xs * dw[0] + (b[1] - b[0])) / dw[0]

    result = check("04-softmax-boundary", divides_by_x_coefficient)
    assert (
        result.mistake.startswith("you divided by the wrong coefficient") and "times the expected" not in result.mistake
    )


def test_a_wrong_softplus_gradient_says_where_the_gradient_check_disagrees():
    from deepslow.exercises.lesson04 import _softplus_grad_sign

    result = check("04-softplus-grad", _softplus_grad_sign)
    assert "disagrees first at 'x' (Variable)" in result.location


def test_a_registered_softplus_gradient_works_in_backpropagation():
    from deepslow.exercises.lesson04 import Softplus, softplus_grad

    tf.register_gradient("Softplus")(softplus_grad)
    with tf.Graph().as_default():
        a = tf.Variable(np.linspace(-3.0, 3.0, 7), name="a")
        loss = tf.reduce_sum(Softplus(a) * np.arange(1.0, 8.0))
        assert tf.check_gradients(loss).ok


def test_a_per_point_decision_map_is_caught_by_its_number_of_calls():
    from deepslow.exercises.lesson05 import _map_per_point

    result = check("05-decision-map", _map_per_point)
    assert "the number of calls to predict" in result.reason and "expected 1, got 20" in result.reason


def test_a_tape_walked_forwards_reports_a_missing_gradient_not_a_missing_return():
    from deepslow.exercises.lesson06 import _tape_forward

    result = check("06-tape-gradients", _tape_forward)
    assert "no entry for it" in result.reason and "return" not in result.reason


def test_a_training_loop_that_returns_the_run_results_gets_a_readable_failure():
    def appends_both(sess, train_op, loss, x, labels, X, Y, batch_size, order):
        return [sess.run([train_op, loss], {x: X[order[s : s + batch_size]], labels: Y[order[s : s + batch_size]]})
                for s in range(0, len(order), batch_size)]  # fmt: skip

    result = check("05-train-epoch", appends_both)
    assert result.status == "failed" and "the list of losses returned" in result.reason


def test_pytorchs_adam_and_tensorflow_1s_differ_only_through_epsilon():
    from deepslow.exercises.lesson06 import _adam_tf_form, adam_step_torch

    rng = np.random.default_rng(0)
    w, g, m, v = rng.normal(size=(4, 5))
    v = np.abs(v)
    for t in (1, 3, 10):
        torch_w = adam_step_torch(w, g, m, v, t, 0.1, 0.9, 0.999, 0.0)[0]
        tf_w = _adam_tf_form(w, g, m, v, t, 0.1, 0.9, 0.999, 0.0)[0]
        np.testing.assert_allclose(torch_w, tf_w, rtol=1e-12)


# --- the notebooks ------------------------------------------------------------------------------


def _read(lesson):
    import nbformat

    return nbformat.read(NOTEBOOKS[lesson], as_version=4)


@pytest.mark.parametrize("lesson", sorted(NOTEBOOKS))
def test_the_notebook_follows_the_authoring_format(lesson):
    from deepslow.grading.format import Assignment

    nb = _read(lesson)
    assignment = Assignment(nb, NOTEBOOKS[lesson])  # raises AuthoringError on a markup problem
    assert list(assignment.points) == EXERCISES[lesson]
    assert len(assignment.points) >= 3 and all(p > 0 for p in assignment.points.values())
    assert nb.metadata["kernelspec"]["name"] == "python3"
    hidden = dict(assignment.hidden_tests())
    for exercise in EXERCISES[lesson]:
        get_exercise(exercise)  # registered
        assert f"record({exercise!r}" in hidden[exercise]


@pytest.mark.parametrize("lesson", sorted(NOTEBOOKS))
def test_only_checked_cells_keep_outputs_and_they_hold_no_volatile_text(lesson):
    for cell in _read(lesson).cells:
        if cell.cell_type != "code":
            continue
        if cell.source.startswith("# NBVAL_CHECK_OUTPUT"):
            text = "".join(o.get("text", "") for o in cell.outputs)
            assert text and not re.search(r"0x[0-9a-f]{6,}|<svg|/tmp/|/home/|\d+\.\d+ s\b|\bms\b", text)
        else:
            assert cell.outputs == [], cell.source[:80]


def _student_run(lesson, tmp_path, block_frameworks=False):
    import nbformat
    from nbclient import NotebookClient

    from deepslow.grading.assign import assign

    out = tmp_path / "student"
    assign(NOTEBOOKS[lesson], out, tmp_path / "manifest.json")
    nb = nbformat.read(out / NOTEBOOKS[lesson].name, as_version=4)
    if block_frameworks:
        blocker = "import sys\nsys.modules['tensorflow'] = None\nsys.modules['torch'] = None"
        nb.cells.insert(0, nbformat.v4.new_code_cell(blocker))
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()  # fmt: skip
    return nb


def _texts(cell):
    for output in cell.outputs:
        if output.output_type == "stream":
            yield output.text
        elif "data" in output:
            yield output.data.get("text/plain", "")


@pytest.mark.slow
@pytest.mark.parametrize("lesson", sorted(NOTEBOOKS))
def test_the_student_version_runs_with_every_check_not_attempted(lesson, tmp_path):
    nb = _student_run(lesson, tmp_path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]
    checks = [c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "check"]
    assert len(checks) == len(EXERCISES[lesson])
    for cell in checks:
        assert "BEGIN HIDDEN TESTS" not in cell.source
        assert any(": not attempted" in text for text in _texts(cell)), cell.source


@pytest.mark.slow
def test_lesson_6_runs_without_tensorflow_or_pytorch(tmp_path):
    nb = _student_run("06", tmp_path, block_frameworks=True)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]
    printed = "\n".join(text for c in nb.cells if c.cell_type == "code" for text in _texts(c))
    assert "TensorFlow: not installed" in printed and "PyTorch:    not installed" in printed
    assert "deepslow: loss 0.6994 at the start" in printed
