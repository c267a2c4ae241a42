"""Inline checks: every known mistake gets its own message; check never raises; plain data is strict."""

import subprocess
import sys

import numpy as np
import pytest

from deepslow.exercises import all_exercises, check, get_exercise, hint, solution
from deepslow.exercises.core import generic_diagnosis
from deepslow.exercises.plain import PlainDataError, compare, from_plain, to_plain

EXERCISES = all_exercises()
MISTAKES = [(ex.id, m) for ex in EXERCISES.values() for m in ex.mistakes]


def test_lessons_have_exercises_with_mistakes():
    assert {"02-softmax", "02-affine", "03-cross-entropy", "04-sigmoid-grad", "04-matmul-grad"} <= set(EXERCISES)
    assert all(ex.mistakes and ex.hints for ex in EXERCISES.values())


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_reference_answer_passes(exercise_id):
    result = check(exercise_id, EXERCISES[exercise_id].reference_fn)
    assert result.passed, repr(result)
    assert result.status == "passed" and bool(result)


@pytest.mark.parametrize("exercise_id, mistake", MISTAKES, ids=[f"{e}:{m.name}" for e, m in MISTAKES])
def test_each_known_mistake_gets_its_own_message(exercise_id, mistake):
    result = check(exercise_id, mistake.fn)
    assert result.status == "failed"
    assert result.mistake == mistake.message
    assert result.case in EXERCISES[exercise_id].cases
    assert mistake.message in repr(result)


@pytest.mark.parametrize(
    "exercise_id, words",
    [
        ("04-sigmoid-grad", "σ(1 − a) instead of σ(1 − σ)"),
        ("04-matmul-grad", "missing transpose"),
        ("04-backward-pass", "(+=)"),
        ("02-softmax", "wrong axis"),
        ("02-affine", "forgot the bias"),
        ("04-gd-step", "wrong sign"),
        ("03-cross-entropy", "sign is wrong"),
    ],
)
def test_the_classic_mistakes_are_covered(exercise_id, words):
    assert any(words in m.message for m in get_exercise(exercise_id).mistakes)


def _stub(*args):
    raise NotImplementedError("04-gd-step: replace this line with your answer")


def test_a_stub_is_not_attempted_not_a_failure():
    result = check("04-sigmoid-grad", _stub)
    assert result.status == "not attempted"
    assert "Not attempted yet" in repr(result) and "Expected" not in repr(result)


def test_a_wrong_gradient_says_where_the_numerical_check_first_disagrees():
    from deepslow.exercises.lesson04 import _sigmoid_grad_input

    result = check("04-sigmoid-grad", _sigmoid_grad_input)
    assert "disagrees first at 'x' (Variable)" in result.location
    assert "the gradient for input 0" in result.reason


def test_a_wrong_backward_pass_names_the_first_wrong_node():
    from deepslow.exercises.lesson04 import _backward_pass_overwrite

    result = check("04-backward-pass", _backward_pass_overwrite)
    assert "node 'h'" in result.reason and "walking back from the loss" in result.reason


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
        (lambda w, g, lr: [SneakyFloat(x) for x in w], "expected an array"),
        (lambda w, g, lr: None, "did you forget `return`"),
        (lambda w, g, lr: "w - lr * grad", "a string"),
        (lambda w, g, lr: 1 / 0, "ZeroDivisionError"),
        (lambda w, g, lr: w[:1] - lr * g[:1], "shape (1,) but expected (3,)"),
    ],
)
def test_check_never_raises_and_is_not_fooled(answer, words):
    result = check("04-gd-step", answer)
    assert result.status == "failed"
    assert words in result.reason


def test_check_survives_answers_that_are_not_callable_and_unknown_ids():
    assert check("04-gd-step", 42).status == "failed"
    result = check("04-sigmoid-gard", _stub)
    assert result.status == "error" and "Did you mean '04-sigmoid-grad'" in result.reason


def test_result_card_html_is_escaped_and_shows_expected_and_got():
    from deepslow.exercises.lesson04 import _gd_step_ascent

    result = check("04-gd-step", _gd_step_ascent)
    page = result._repr_html_()
    assert "Expected" in page and "Got" in page and "Likely mistake" in page and "hint(" in page
    evil = check("<script>", _stub)._repr_html_()
    assert "<script>" not in evil and "&lt;script&gt;" in evil
    text = repr(result)
    assert text.startswith("✗ 04-gd-step") and "Expected: shape (3,)" in text


def test_hints_come_one_at_a_time_then_point_to_the_solution():
    exercise = get_exercise("04-matmul-grad")
    shown = [repr(hint("04-matmul-grad")) for _ in range(len(exercise.hints) + 1)]
    assert exercise.hints[0] in shown[0] and exercise.hints[1] in shown[1]
    assert "solution('04-matmul-grad')" in shown[-1]
    text = repr(solution("04-matmul-grad"))
    assert "def matmul_grad(op, grad):" in text and "grad @ b.T" in text
    assert "<pre>" in solution("04-matmul-grad")._repr_html_()


def test_plain_data_keeps_exact_types_only():
    assert to_plain(SneakyFloat(1.0)) == {"kind": "other", "type": "test_exercises.SneakyFloat"}
    assert to_plain(np.zeros(2).view(EqualArray))["kind"] == "other"
    assert to_plain(np.array(["a"]))["kind"] == "other"
    assert from_plain(to_plain([1, 2.5, None]))["items"][1]["value"] == 2.5


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


def test_generic_diagnosis_names_sign_transpose_and_factor():
    decode = lambda x: from_plain(to_plain(np.asarray(x, dtype=float)))  # noqa: E731
    m = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert "wrong sign" in generic_diagnosis(decode(m), decode(-np.array(m)))
    assert "transpose" in generic_diagnosis(decode(m), decode(np.array(m).T))
    assert "2 times" in generic_diagnosis(decode(m), decode(2 * np.array(m)))
    assert generic_diagnosis(decode(m), decode(np.random.default_rng(0).normal(size=(2, 3)))) is None


def test_deepslow_exports_check_hint_solution_without_heavy_imports():
    code = (
        "import sys; from deepslow import check, hint, solution; "
        "print(sorted(m for m in ('nbformat', 'nbclient', 'IPython', 'ipywidgets', 'matplotlib', 'jupyter_client')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- how mistakes are matched (core.diagnose) ---------------------------------------------------------


def _toy_exercise():
    """Two inputs, a list of two results: the shape of a gradient exercise, in plain NumPy."""
    from deepslow.exercises import FunctionExercise

    toy = FunctionExercise(
        "toy-pair",
        "a pair",
        cases={"square": (np.eye(2) * 2.0, np.ones((2, 2))), "wide": (np.ones((2, 3)), np.arange(6.0).reshape(3, 2))},
        register_it=False,
    )
    toy.reference(lambda a, b: [a @ b + 1, 2 * a])

    @toy.mistake("the first one forgot a factor")
    def _first(a, b):
        return [a @ b, 3 * a]  # "wide": a (2, 3) @ b (3, 2) fits

    @toy.mistake("raises a ValueError about matmul")
    def _raises_matmul(a, b):
        raise ValueError("matmul: shapes do not fit")

    @toy.mistake("raises a ValueError about broadcasting")
    def _raises_broadcast(a, b):
        raise ValueError("operands could not be broadcast together")

    return toy


def test_mistakes_that_raise_the_same_type_are_told_apart_by_their_message():
    toy = _toy_exercise()
    got = {label: {"kind": "error", "type": "ValueError", "message": "operands could not be broadcast together"}
           for label in toy.cases}  # fmt: skip
    assert toy.diagnose(got) == "raises a ValueError about broadcasting"
    got = {
        label: {"kind": "error", "type": "ValueError", "message": "matmul: shapes do not fit"} for label in toy.cases
    }
    assert toy.diagnose(got) == "raises a ValueError about matmul"


def test_a_mistake_is_still_named_from_the_cases_where_the_answer_did_not_raise():
    toy = _toy_exercise()
    got = decode_answers(toy.answers(lambda a, b: [a @ b, 3 * a] if a.shape == (2, 2) else 1 / 0))
    assert toy.diagnose(got) == "the first one forgot a factor"


def test_a_mistake_in_one_item_of_a_list_answer_is_named_for_that_item():
    toy = _toy_exercise()
    got = decode_answers(toy.answers(lambda a, b: [a @ b, 2 * a]))  # item 0 as in the mistake, item 1 right
    assert toy.diagnose(got) == "item 0: the first one forgot a factor"


def decode_answers(raw):
    from deepslow.exercises.core import decode_answers as decode

    return decode(raw)
