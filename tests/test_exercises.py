"""The generic machinery of exercises: kinds, feedback data, modes, words for mistakes, the card.

Exercises here are defined in the test itself, as a notebook's cells would define them: the package
knows none. (Each lesson's own exercises are tested in test_lesson_exercises_*.py.)
"""

import subprocess
import sys

import numpy as np
import pytest

import deepslow as tf
from deepslow.exercises import (
    Feedback,
    FunctionExercise,
    GradientExercise,
    GraphExercise,
    ValueExercise,
    check,
    hint,
    inline,
    load_feedback,
    solution,
)
from deepslow.exercises.plain import PlainDataError, compare, from_plain, to_plain


def gd_step(w, grad, lr):
    return w - lr * grad


def _gd_exercise(exercise_id="t-gd-step", mistakes=True):
    exercise = FunctionExercise(
        exercise_id,
        "One step of gradient descent",
        cases={
            "a vector": (np.array([1.0, -2.0, 0.5]), np.array([0.2, -0.4, 1.0]), 0.1),
            "a matrix": (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, -1.0], [0.5, 0.0]]), 0.5),
        },
    )
    exercise.reference(gd_step)
    exercise.hints("a nudge: which way is downhill?", "the formula: w - lr * grad")
    if mistakes:

        @exercise.mistake("wrong sign: your step climbs the loss")
        def ascent(w, grad, lr):
            return w + lr * grad

    return exercise


@pytest.fixture
def gd():
    inline._LOADED.clear()
    inline._hints_shown.clear()
    return _gd_exercise()


def _student(exercise, mode="course", solutions=None):
    """The exercise as a student's copy has it: its cases, and its feedback data loaded from text."""
    text = exercise.feedback().with_mode(mode, solutions).to_text()
    exercise.reference_fn, exercise.mistakes, exercise.hint_texts = None, [], []
    load_feedback(exercise.id, text)
    return exercise


# --- verdicts -------------------------------------------------------------------------------------------


def test_the_reference_passes_and_a_named_mistake_is_named(gd):
    assert check("t-gd-step", gd_step).passed
    result = check("t-gd-step", lambda w, grad, lr: w + lr * grad)
    assert result.status == "failed" and result.mistake == "wrong sign: your step climbs the loss"
    assert result.case == "a vector" and "expected 0.4, got 0.6" in result.reason


def test_a_stub_is_not_attempted(gd):
    def stub(w, grad, lr):
        raise NotImplementedError("t-gd-step: replace this line with your answer")

    result = check("t-gd-step", stub)
    assert result.status == "not attempted" and "Not attempted yet" in repr(result)


def test_the_student_copy_judges_exactly_as_the_source_does(gd):
    answers = [gd_step, lambda w, g, lr: w + lr * g, lambda w, g, lr: 2 * (w - lr * g), lambda w, g, lr: None]

    def verdict(card):
        return (card.status, card.case, card.reason, card.expected, card.got, card.mistake)

    in_source = [verdict(check("t-gd-step", a)) for a in answers]
    _student(gd)
    assert [verdict(check("t-gd-step", a)) for a in answers] == in_source


class AlwaysEqual:
    def __eq__(self, other):
        return True


class EqualArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)


class SneakyFloat(float):
    def __eq__(self, other):
        return True


@pytest.mark.parametrize(
    "answer, words",
    [
        (lambda w, g, lr: AlwaysEqual(), "an object of type"),
        (lambda w, g, lr: np.zeros_like(w).view(EqualArray), "an object of type"),
        (lambda w, g, lr: [SneakyFloat(x) for x in w], "Python list"),
        (lambda w, g, lr: None, "did you forget `return`"),
        (lambda w, g, lr: "w - lr * grad", "a string"),
        (lambda w, g, lr: 1 / 0, "divided by zero"),
        (lambda w, g, lr: w[:1] - lr * g[:1], "fewer entries along axis 0"),
        (42, "not a function"),
    ],
)
def test_check_never_raises_is_not_fooled_and_says_what_went_wrong(gd, answer, words):
    result = check("t-gd-step", answer)
    assert result.status == "failed"
    assert words in f"{result.reason} {result.mistake}"


def test_an_unknown_id_suggests_the_near_ones(gd):
    result = check("t-gd-stpe", gd_step)
    assert result.status == "error" and "Did you mean 't-gd-step'" in result.reason


def test_a_check_whose_feedback_data_is_missing_or_damaged_says_which_cell_to_run(gd):
    gd.reference_fn = None
    result = check("t-gd-step", gd_step)
    assert result.status == "error" and "run the locked cell that holds it" in result.reason
    load_feedback("t-gd-step", "not base64 at all!")
    assert check("t-gd-step", gd_step).status == "error"


# --- input mutation, on every kind ------------------------------------------------------------------------


def test_a_function_that_changes_its_input_in_place_fails_even_with_the_right_values(gd):
    def in_place(w, grad, lr):
        w -= lr * grad
        return w

    result = check("t-gd-step", in_place)
    assert result.status == "failed"
    assert "changed what it was given, in place (w)" in result.reason
    assert "compute a new array instead" in result.mistake


class InPlaceSquare(tf.Operation):
    def compute(self, x, y):
        x -= y
        return x * x


class Square(tf.Operation):
    def compute(self, x, y):
        return (x - y) ** 2


def test_an_op_whose_compute_changes_its_inputs_fails():
    exercise = GraphExercise("t-sqdiff", "(x - y)²", inputs=["x", "y"], cases={"two": (np.ones(3), np.arange(3.0))})
    exercise.reference(Square)
    assert check("t-sqdiff", Square).passed
    result = check("t-sqdiff", InPlaceSquare)
    assert result.status == "failed" and "in place (x)" in result.reason


def sigmoid_grad(op, grad):
    s = op.output_value
    return [grad * s * (1 - s)]


def test_a_gradient_that_changes_grad_in_place_fails():
    exercise = GradientExercise("t-sig", "σ'", op=tf.sigmoid, cases={"five": (np.linspace(-2, 2, 5),)})
    exercise.reference(sigmoid_grad)

    def in_place(op, grad):
        s = op.output_value
        grad *= s * (1 - s)
        return [grad]

    assert check("t-sig", sigmoid_grad).passed
    result = check("t-sig", in_place)
    assert result.status == "failed" and "in place (grad)" in result.reason


def test_a_value_exercise_reports_a_list_reversed_in_place():
    def case(total):
        items = [3.0, 1.0, 2.0]
        return total(items)

    exercise = ValueExercise("t-total", "a weighted sum", cases={"three": case})
    exercise.reference(lambda items: sum(i * w for i, w in zip(reversed(items), (1.0, 2.0, 3.0))))

    def reverses(items):
        items.reverse()
        return sum(i * w for i, w in zip(items, (1.0, 2.0, 3.0)))

    result = check("t-total", reverses)
    assert result.status == "failed" and "reversed(...) or a copy do not" in result.mistake


# --- never working around the learner's code ---------------------------------------------------------------


class Cube(tf.Operation):
    def compute(self, a):
        return a**3


def cube(a, name=None):
    return Cube(a, name=name)


def _cube_exercise():
    exercise = GradientExercise(
        "t-cube", "Cube's gradient", op=cube, registered=True, cases={"three": (np.array([-1.0, 0.5, 2.0]),)}
    )

    def reference(op, grad):
        (a,) = op.input_values
        return [grad * 3 * a**2]

    exercise.reference(reference)
    return exercise


def test_a_gradient_registered_under_another_op_type_is_reported_not_registered_for_it():
    from deepslow import registry

    _cube_exercise()

    @tf.register_gradient("cube")
    def cube_grad(op, grad):
        (a,) = op.input_values
        return [grad * 3 * a**2]

    result = check("t-cube", cube_grad)
    assert (
        result.status == "failed"
        and "registered for ops of type 'cube', but this op's type is 'Cube'" in result.mistake
    )
    assert "Cube" not in registry.GRADIENTS  # the check did not register it
    result = check("t-cube", lambda op, grad: [grad * 3 * op.input_values[0] ** 2])
    assert "not registered" in result.mistake
    tf.register_gradient("Cube")(cube_grad)
    assert check("t-cube", cube_grad).passed


def test_gradient_lists_are_read_as_backpropagation_reads_them():
    exercise = GradientExercise("t-sig2", "σ'", op=tf.sigmoid, cases={"five": (np.linspace(-2, 2, 5),)})
    exercise.reference(sigmoid_grad)
    assert check("t-sig2", lambda op, grad: grad * op.output_value * (1 - op.output_value)).passed  # one input
    assert check("t-sig2", lambda op, grad: (grad * op.output_value * (1 - op.output_value),)).passed
    matmul = GradientExercise(
        "t-mm", "matmul'", op=tf.matmul, inputs=["A", "B"], cases={"2x3 3x4": (np.ones((2, 3)), np.ones((3, 4)))}
    )
    matmul.reference(lambda op, grad: [grad @ op.input_values[1].T, op.input_values[0].T @ grad])
    result = check("t-mm", lambda op, grad: grad @ op.input_values[1].T)
    assert result.status == "failed" and "return a list with one gradient per input" in result.mistake


def test_an_answer_that_never_finishes_gets_a_card_and_is_not_run_again(gd):
    gd.time_limit = 0.5
    calls = []

    def endless(w, grad, lr):
        calls.append(1)
        while True:
            pass

    result = check("t-gd-step", endless)
    assert result.status == "failed" and "did not finish in time" in result.mistake
    assert len(calls) == 1  # the second case would only cost the same time


def test_an_answer_that_runs_out_of_memory_gets_a_card_and_is_not_run_again(gd):
    calls = []

    def hungry(w, grad, lr):
        calls.append(1)
        raise MemoryError

    result = check("t-gd-step", hungry)
    assert "ran out of memory" in result.mistake and len(calls) == 1


# --- words for shapes and exceptions -----------------------------------------------------------------------


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.fixture
def softmax_exercise():
    exercise = FunctionExercise(
        "t-softmax", "softmax", cases={"3x4": (np.arange(12.0).reshape(3, 4) / 7,), "big": (np.array([[1000.0, 0.0]]),)}
    )
    exercise.reference(softmax)
    return exercise


def test_a_shape_error_is_put_into_words_and_points_at_keepdims(softmax_exercise):
    result = check("t-softmax", lambda z: np.exp(z) / np.exp(z).sum(axis=1))
    assert result.status == "failed"
    assert "operands could not be broadcast" not in result.reason  # Python's raw words are not the card's
    assert "(3, 4) and (3,)" in result.mistake and "keepdims=True" in result.mistake


def test_summing_everything_and_overflow_are_named(softmax_exercise):
    assert "ran over every axis" in check("t-softmax", lambda z: np.exp(z).sum() / 3).mistake
    result = check("t-softmax", lambda z: np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))
    assert "inf or NaN" in result.mistake or "overflow" in result.mistake


def test_numpy_on_graph_nodes_is_explained():
    exercise = GraphExercise("t-affine", "x·W", inputs=["x", "W"], cases={"2x2": (np.eye(2), np.ones((2, 2)))})
    exercise.reference(lambda x, W: tf.matmul(x, W))
    result = check("t-affine", lambda x, W: np.exp(x) @ W)
    assert result.status == "failed" and "`x` is a graph node" in result.mistake


def test_a_dict_looked_up_by_name_instead_of_by_node_is_explained():
    def case(lookup):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float64, shape=(2,), name="x")
            return lookup({x: np.array([1.0, 2.0])}, x)

    exercise = ValueExercise("t-lookup", "a lookup", cases={"one": case})
    exercise.reference(lambda feed, node: feed[node])
    result = check("t-lookup", lambda feed, node: feed[node.name])
    assert "you looked up the name 'x' in `feed`, whose keys are not names" in result.mistake


# --- generic diagnoses: only when they are true ------------------------------------------------------------


def _decoded(*arrays):
    return {f"case {i}": from_plain(to_plain(np.asarray(a, dtype=float))) for i, a in enumerate(arrays)}


def _diagnose(expected, got, source=None):
    from deepslow.exercises.diagnose import generic_diagnosis

    return generic_diagnosis(expected, got, lambda a, b: compare(a, b) is None, source)


def test_a_constant_factor_is_named_only_when_every_value_of_every_case_has_it():
    m = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert "2 times" in _diagnose(_decoded(m, m[0]), _decoded(2 * m, 2 * m[0]))
    assert _diagnose(_decoded(3.0), _decoded(6.0)) is None  # one wrong number is always some multiple
    assert "times" not in (_diagnose(_decoded(m, m[0]), _decoded(2 * m, 2.5 * m[0])) or "")
    wrong = m.copy()
    wrong[0, 0] = 7.0
    assert "times" not in (_diagnose(_decoded(m), _decoded(2 * wrong)) or "")


def test_a_transpose_advice_points_the_right_way():
    m = np.arange(6.0).reshape(2, 3)
    assert "transpose is missing" in _diagnose(_decoded(m), _decoded(m.T), False)
    assert "one too many" in _diagnose(_decoded(m), _decoded(m.T), True)


def test_sign_offset_and_relations_are_named():
    e = np.array([0.5, -1.0, 2.0])
    assert "wrong sign" in _diagnose(_decoded(e), _decoded(-e))
    assert "off by the same amount" in _diagnose(_decoded(e, e + 1), _decoded(e + 0.5, e + 1.5))
    assert "σ of the expected" in _diagnose(_decoded(e), _decoded(1 / (1 + np.exp(-e))))
    assert "became 0" in _diagnose(_decoded(e), _decoded(np.maximum(e, 0)))


def test_a_whole_number_factor_that_changes_with_the_case_is_a_sum_for_a_mean():
    words = _diagnose(_decoded(1.3, 2.1), _decoded(1.3 * 4, 2.1 * 5))
    assert "a sum where a mean belongs" in words


def test_automatic_mistakes_name_an_ignored_input_without_the_instructor_writing_it():
    exercise = FunctionExercise(
        "t-affine-np",
        "x·W + b",
        cases={"a": (np.array([[0.5, -1.0], [2.0, 0.3]]), np.arange(4.0).reshape(2, 2), np.array([1.0, -1.0]))},
    )
    exercise.reference(lambda x, W, b: x @ W + b)
    assert "if `b` were 0" in check("t-affine-np", lambda x, W, b: x @ W).mistake
    assert "with `W` transposed" in check("t-affine-np", lambda x, W, b: x @ W.T + b).mistake


# --- hints, solutions and the two audiences -----------------------------------------------------------------


def test_hints_come_one_at_a_time_nudge_first_formula_last(gd):
    shown = [repr(hint("t-gd-step")) for _ in range(3)]
    assert "a nudge" in shown[0] and "the formula" in shown[1] and "the formula" in shown[2]
    assert "solution('t-gd-step') shows an answer" in shown[1]


def test_the_source_notebook_shows_its_reference(gd):
    text = repr(solution("t-gd-step"))
    assert "return w - lr * grad" in text and "(instructor's source notebook)" in repr(check("t-gd-step", gd_step))


def test_course_material_has_no_solution_and_says_so(gd):
    _student(gd, "course")
    text = repr(solution("t-gd-step"))
    assert "has not released a solution" in text and "w - lr" not in text
    card = check("t-gd-step", lambda w, g, lr: w + lr * g)
    assert "(course material)" in repr(card) and "Course material has no solutions" in repr(card)
    hint("t-gd-step")
    assert "ask your instructor" in repr(hint("t-gd-step"))


def test_self_study_reads_the_solution_from_the_source_lesson_beside_the_copy(gd, tmp_path, monkeypatch):
    import nbformat

    lessons, mine = tmp_path / "lessons", tmp_path / "my-lessons"
    lessons.mkdir()
    mine.mkdir()
    cell = nbformat.v4.new_code_cell(
        "def gd_step(w, grad, lr):\n    ### BEGIN SOLUTION\n    return w - lr * grad\n    ### END SOLUTION",
        metadata={"deepslow": {"exercise": "t-gd-step", "role": "solution"}},
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), lessons / "lesson.ipynb")
    _student(gd, "self-study", "../lessons/lesson.ipynb")
    monkeypatch.chdir(mine)
    text = repr(solution("t-gd-step"))
    assert "return w - lr * grad" in text and "BEGIN SOLUTION" not in text
    assert "(self-study copy)" in repr(check("t-gd-step", gd_step))
    monkeypatch.chdir(tmp_path)
    assert "was not found" in repr(solution("t-gd-step"))


def test_feedback_data_is_validated_strictly(gd):
    data = gd.feedback().to_plain()
    assert Feedback.from_plain(data).to_plain() == data
    assert Feedback.from_text(gd.feedback().to_text()).to_plain() == data
    for broken in [{**data, "format": 99}, {**data, "mode": "teacher"}, {**data, "expected": {}}, [], None]:
        with pytest.raises(PlainDataError):
            Feedback.from_plain(broken)


def test_an_instructor_mistake_that_check_could_not_tell_apart_is_a_problem(gd):
    @gd.mistake("not really a mistake")
    def same(w, grad, lr):
        return w - grad * lr

    assert any("gives the reference's answers on every public case" in p for p in gd.feedback().problems())


# --- the card ---------------------------------------------------------------------------------------------


def test_the_card_is_readable_on_a_projector_and_escaped(gd):
    import re

    page = check("t-gd-step", lambda w, g, lr: w + lr * g)._repr_html_()
    sizes = [int(s) for s in re.findall(r"font-size:(\d+)px", page)]
    assert sizes and min(sizes) >= 13
    assert "<pre" not in page and "word-break:normal" in page and "break-all" not in page
    prose = re.findall(r"<div style='([^']*)'>wrong sign", page)
    assert prose and "monospace" not in prose[0]
    assert "Expected" in page and "Likely mistake" in page and "hint(" in page
    evil = check("<script>", gd_step)._repr_html_()
    assert "<script>" not in evil and "&lt;script&gt;" in evil


# --- plain data -------------------------------------------------------------------------------------------


def test_plain_data_keeps_exact_types_only():
    assert to_plain(SneakyFloat(1.0)) == {"kind": "other", "type": "test_exercises.SneakyFloat"}
    assert to_plain(np.zeros(2).view(EqualArray))["kind"] == "other"
    assert to_plain(np.array(["a"]))["kind"] == "other"
    assert from_plain(to_plain([1, 2.5, None]))["items"][1]["value"] == 2.5


def test_an_error_message_is_kept_to_whole_lines():
    from deepslow.exercises.plain import MAX_TEXT, error_to_plain

    code = "\n".join(f"line {i}: record(secret_case_{i})" for i in range(40))
    kept = error_to_plain(ValueError(code))["message"]
    assert len(kept) <= MAX_TEXT and all(line in code.splitlines() for line in kept.splitlines())
    assert len(error_to_plain(ValueError("x" * 1000))["message"]) == MAX_TEXT


def test_decoding_refuses_forged_or_pickled_data():
    import base64
    import io

    buffer = io.BytesIO()
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    forged = {"kind": "array", "npy": base64.b64encode(buffer.getvalue()).decode()}
    for bad in [forged, {"kind": "array", "npy": "!!"}, {"kind": "list", "items": 3}, ["array"], {"kind": 1}]:
        with pytest.raises(PlainDataError):
            from_plain(bad)


def test_compare_reports_shape_nan_and_worst_element():
    decode = lambda x: from_plain(to_plain(np.asarray(x, dtype=float)))  # noqa: E731
    assert compare(decode([1.0, 2.0]), decode([1.0, 2.0 + 1e-9])) is None
    assert "shape (2, 1)" in compare(decode([1.0, 2.0]), decode([[1.0], [2.0]])).reason
    assert "nan" in compare(decode([1.0, 2.0]), decode([1.0, np.nan])).reason
    assert "index (1,)" in compare(decode([1.0, 2.0, 3.0]), decode([1.0, 5.0, 3.1])).reason


def test_deepslow_exports_check_hint_solution_without_heavy_imports():
    code = (
        "import sys; from deepslow import check, hint, solution; "
        "print(sorted(m for m in ('nbformat', 'nbclient', 'IPython', 'ipywidgets', 'matplotlib', 'jupyter_client')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_package_defines_no_exercise():
    from pathlib import Path

    import deepslow.exercises

    assert not list(Path(deepslow.exercises.__file__).parent.glob("lesson*.py"))
    code = "import deepslow.exercises as e; e.check('04-gd-step', 1); print(len(e.core._EXERCISES))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "0"


def test_cards_keep_calls_and_exercise_ids_on_one_line():
    from deepslow.exercises.result import _escaped

    html = _escaped("hint('04-sigmoid-grad') gives a nudge; 04-gd-step: <b>")
    assert "<span style='white-space:nowrap'>hint(&#x27;04-sigmoid-grad&#x27;)</span>" in html
    assert "<span style='white-space:nowrap'>04-gd-step</span>" in html and "&lt;b&gt;" in html


def test_check_fails_an_answer_that_hands_over_the_librarys_own_gradient():
    from deepslow.registry import get_gradient

    exercise = GradientExercise("zz-lib-grad", "The gradient of sigmoid", op=tf.sigmoid, cases={"c": (np.zeros(3),)})
    exercise.reference(lambda op, grad: [grad * op.output_value * (1 - op.output_value)])
    lookup = get_gradient

    def through_an_alias(op, grad):
        return lookup(op.node)(op, grad)

    def helper(op):
        return get_gradient(op.node)

    def through_a_helper(op, grad):
        return helper(op)(op, grad)

    for answer in (through_an_alias, through_a_helper):
        card = check("zz-lib-grad", answer)
        assert card.status == "failed" and card.mistake
        assert card.reason.startswith("your answer uses get_gradient, deepslow's own")
        assert "Case" not in repr(card) and "None" not in card._repr_html_()  # no case was run: no case row
    assert check("zz-lib-grad", lambda op, grad: [grad * op.output_value * (1 - op.output_value)]).status == "passed"


def test_an_answer_that_is_the_step_not_the_new_value_is_named_whatever_its_sign():
    _gd_exercise("t-gd-change", mistakes=False)
    for step in (lambda w, grad, lr: lr * grad, lambda w, grad, lr: -lr * grad):
        result = check("t-gd-change", step)
        assert "the change to `w` (the step), not the new `w`" in result.mistake, repr(result)
    # not said when only some values are the change
    result = check("t-gd-change", lambda w, grad, lr: np.where(np.arange(w.size).reshape(w.shape) == 0, lr * grad, w))
    assert "the change to" not in (result.mistake or "")


def test_an_exponential_where_the_sigmoid_belongs_is_named_only_when_it_holds_everywhere():
    z = np.array([-1.5, 0.2, 2.0])
    s = 1 / (1 + np.exp(-z))
    assert "an exponential in place of the sigmoid" in _diagnose(_decoded(s), _decoded(np.exp(z)))
    off = np.exp(z)
    off[1] += 0.3
    assert "exponential" not in (_diagnose(_decoded(s), _decoded(off)) or "")
