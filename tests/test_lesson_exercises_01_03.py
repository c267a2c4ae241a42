"""Lessons 1-3: every exercise, as its notebook defines it, judges its reference, its named mistakes
and a stub as it should; and the mistakes the lessons warn about are caught with the right words."""

import numpy as np
import pytest
from lesson_exercises import exercise, expected_name, ids, run_check, stub

import deepslow as tf
from deepslow.graph import Constant, Operation, Placeholder, Variable

EXERCISES = ids("01") + ids("02") + ids("03")


def test_the_lessons_have_their_exercises():
    assert EXERCISES == [
        "01-affine-graph", "01-squared-difference", "01-run-order", "01-forward-pass",
        "02-sigmoid", "02-softmax", "02-affine", "02-probabilities",
        "03-error-rate", "03-cross-entropy", "03-nll-graph", "03-log-softmax", "03-fused-loss",
    ]  # fmt: skip


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_reference_passes_each_mistake_is_named_and_a_stub_is_not_attempted(exercise_id):
    found = exercise(exercise_id)
    assert run_check(exercise_id, found.reference_fn).passed
    assert len(found.mistakes) >= 3 and len(found.hint_texts) >= 2
    for mistake in found.mistakes:
        result = run_check(exercise_id, mistake.fn)
        assert result.status == "failed", mistake.name
        assert result.mistake == expected_name(found, mistake), (mistake.name, repr(result))
        assert found.hint_texts[-1] not in result.mistake  # the formula comes from hint(), not the card
    assert run_check(exercise_id, stub).status == "not attempted"
    assert found.feedback().problems() == []


# --- 01-squared-difference ---------------------------------------------------------------------------


def test_an_op_whose_compute_raises_something_else_fails_and_says_what():
    class SquaredDifference(Operation):
        def compute(self, x, y):
            return np.dot(x - y, x - y, out=None).reshape(3)

    result = run_check("01-squared-difference", SquaredDifference)
    assert result.status == "failed" and "deepslow stopped" in result.mistake


def test_an_op_that_changes_its_input_in_place_is_caught():
    class SquaredDifference(Operation):
        def compute(self, x, y):
            x -= y
            return x * x

    assert "changed its input `x` in place" in run_check("01-squared-difference", SquaredDifference).mistake


# --- 01-run-order ------------------------------------------------------------------------------------


def _kahn(target):
    nodes, stack = set(), [target]
    while stack:
        node = stack.pop()
        if node not in nodes:
            nodes.add(node)
            stack.extend(node.inputs)
    waiting = {n: len(set(n.inputs)) for n in nodes}
    users = {n: [m for m in nodes if n in m.inputs] for n in nodes}
    ready, order = sorted((n for n in nodes if not n.inputs), key=lambda n: -n.index), []
    while ready:
        node = ready.pop()
        order.append(node)
        for user in users[node]:
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return order


def _by_creation(target):
    nodes, stack = set(), [target]
    while stack:
        node = stack.pop()
        if node not in nodes:
            nodes.add(node)
            stack.extend(node.inputs)
    return sorted(nodes, key=lambda n: n.index)


@pytest.mark.parametrize("answer", [_kahn, _by_creation])
def test_run_order_accepts_every_valid_order(answer):
    assert run_check("01-run-order", answer).passed


def test_run_order_names_a_walk_that_visits_a_node_once_per_path():
    def every_path(target):
        order = []

        def visit(node):
            for inp in node.inputs:
                visit(inp)
            if node not in order:
                order.append(node)

        visit(target)
        return order

    result = run_check("01-run-order", every_path)
    assert result.case == "fourteen ops, each using the one before twice"
    assert "visited again for every path" in result.mistake


def test_run_order_names_state_kept_between_calls():
    placed = set()

    def remembers(target):
        order = []

        def visit(node):
            if node in placed:
                return
            placed.add(node)
            for inp in node.inputs:
                visit(inp)
            order.append(node)

        visit(target)
        return order

    assert "keeps something between calls" in run_check("01-run-order", remembers).mistake


def test_run_order_with_an_op_feeding_another_input_of_its_user_catches_breadth_first():
    def breadth_first(target):
        seen, queue, visited = {target}, [target], []
        while queue:
            node = queue.pop(0)
            visited.append(node)
            for inp in node.inputs:
                if inp not in seen:
                    seen.add(inp)
                    queue.append(inp)
        return [n for n in visited if not n.inputs][::-1] + [n for n in visited if n.inputs][::-1]

    result = run_check("01-run-order", breadth_first)
    assert result.status == "failed" and "before one of its inputs" in result.reason


def test_run_order_none_asks_about_return():
    assert "did you forget `return`" in run_check("01-run-order", lambda target: None).mistake


# --- 01-forward-pass ---------------------------------------------------------------------------------


def test_forward_pass_reports_the_first_wrong_node():
    def wrong_matmul(order, feed):
        values = {}
        for node in order:
            if isinstance(node, Placeholder):
                values[node] = feed[node]
            elif isinstance(node, Variable):
                values[node] = node.initial_value
            elif isinstance(node, Constant):
                values[node] = node.value
            elif node.op_type == "MatMul":
                values[node] = values[node.inputs[0]].T @ values[node.inputs[1]]
            else:
                values[node] = node.compute(*[values[i] for i in node.inputs])
        return values

    result = run_check("01-forward-pass", wrong_matmul)
    assert result.status == "failed" and "the value of node 'Wv'" in result.reason


def test_forward_pass_recomputing_shared_nodes_is_caught():
    def recursive(order, feed):
        def value(node):
            if isinstance(node, Placeholder):
                return feed[node]
            if isinstance(node, Variable):
                return node.initial_value
            if isinstance(node, Constant):
                return node.value
            return node.compute(*[value(i) for i in node.inputs])

        return {node: value(node) for node in order}

    result = run_check("01-forward-pass", recursive)
    assert result.status == "failed" and "computed again each time" in result.mistake


def test_forward_pass_that_fills_the_feed_is_told_it_changed_its_input():
    def fills_feed(order, feed):
        for node in order:
            if isinstance(node, Variable):
                feed[node] = node.initial_value
            elif isinstance(node, Constant):
                feed[node] = node.value
            elif not isinstance(node, Placeholder):
                feed[node] = node.compute(*[feed[i] for i in node.inputs])
        return feed

    assert "changed the dict `feed`" in run_check("01-forward-pass", fills_feed).mistake


def test_a_variable_looked_up_in_the_feed_is_told_where_its_value_is():
    def from_feed(order, feed):
        values = {}
        for node in order:
            if isinstance(node, (Placeholder, Variable)):
                values[node] = feed[node]
            elif isinstance(node, Constant):
                values[node] = node.value
            else:
                values[node] = node.compute(*[values[i] for i in node.inputs])
        return values

    result = run_check("01-forward-pass", from_feed)
    assert "KeyError" in result.reason and "stored in the node itself" in result.mistake


# --- lesson 2 ----------------------------------------------------------------------------------------


def test_softmax_shifted_by_the_wrong_statistic_is_caught_on_rows_with_a_wide_gap():
    for statistic in (lambda z: z.mean(axis=1, keepdims=True), lambda z: z.min(axis=1, keepdims=True)):
        result = run_check(
            "02-softmax", lambda z, s=statistic: np.exp(z - s(z)) / np.exp(z - s(z)).sum(axis=1, keepdims=True)
        )
        assert result.case == "rows with a wide gap"
        assert "Only the row's maximum" in result.mistake or "overflows" in result.mistake


def test_softmax_without_keepdims_is_told_about_keepdims_not_broadcasting():
    result = run_check("02-softmax", lambda z: np.exp(z) / np.exp(z).sum(axis=1))
    assert "keepdims=True" in result.mistake and "operands could not be broadcast" not in result.reason


def test_sigmoid_with_math_exp_is_named():
    import math

    result = run_check("02-sigmoid", lambda s: 1 / (1 + math.exp(-s)))
    assert "math.exp works on one number only" in result.mistake


def test_graph_exercises_add_nothing_to_the_default_graph():
    tf.reset_default_graph()
    for exercise_id in ("01-affine-graph", "02-affine", "02-probabilities", "03-nll-graph", "03-fused-loss"):
        found = exercise(exercise_id)
        run_check(exercise_id, found.reference_fn)
        for mistake in found.mistakes:
            run_check(exercise_id, mistake.fn)
    assert tf.get_default_graph().nodes == []


# --- lesson 3 ----------------------------------------------------------------------------------------


def test_error_rate_thresholding_at_one_half_is_caught_where_no_probability_is_above_it():
    result = run_check("03-error-rate", lambda p, y: np.mean(p[np.arange(len(y)), y] < 0.5))
    assert result.status == "failed" and result.case == "4 classes, no probability above 1/2"


def test_log_softmax_of_the_probabilities_is_caught_on_a_wide_gap():
    def naive(z):
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return np.log(e / e.sum(axis=1, keepdims=True))

    result = run_check("03-log-softmax", naive)
    assert result.case == "a gap of 800 between two scores" and "Stay in logs" in result.mistake


def test_the_grader_names_the_same_mistakes_from_plain_data():
    from deepslow.exercises.feedback import Feedback
    from deepslow.exercises.plain import from_plain

    found = exercise("03-cross-entropy")
    definition = Feedback.from_plain(found.feedback().to_plain())
    for mistake in found.mistakes:
        got = {k: from_plain(v) for k, v in found.answers(mistake.fn).items()}
        expected = {k: from_plain(v) for k, v in found.answers(found.reference_fn).items()}
        feedback = Feedback.from_reference_run(
            "03-cross-entropy", expected, [{"exercise": "03-cross-entropy", "definition": definition.to_plain()}]
        )
        assert feedback.judge(got).mistake == expected_name(found, mistake)
