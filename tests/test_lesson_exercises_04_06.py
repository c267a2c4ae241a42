"""Lessons 4-6: every exercise judges its reference, its named mistakes and a stub as it should; the
mistakes these lessons warn about are caught with the right words; the notebooks follow the
authoring format; their student versions run, every check "not attempted"; lesson 6 runs without
TensorFlow or PyTorch."""

import re

import numpy as np
import pytest
from lesson_exercises import LESSONS, exercise, expected_name, ids, run_check, stub

import deepslow as tf
from deepslow.registry import OpValues, get_gradient

EXERCISES = ids("04") + ids("05") + ids("06")


def test_the_lessons_have_their_exercises():
    assert EXERCISES == [
        "04-gd-step", "04-sigmoid-grad", "04-matmul-grad", "04-softplus-grad", "04-backprop-order",
        "04-backward-pass", "04-softmax-boundary",
        "05-hidden-layer", "05-collapse", "05-decision-map", "05-train-epoch",
        "06-tape-gradients", "06-torch-layout", "06-adam-torch",
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
        assert found.hint_texts[-1] not in result.mistake
    assert run_check(exercise_id, stub).status == "not attempted"
    assert found.feedback().problems() == []


# --- 04-gd-step, 04-sigmoid-grad, 04-matmul-grad ---------------------------------------------------------


def test_a_step_that_changes_w_in_place_is_caught():
    def in_place(w, grad, lr):
        w -= lr * grad
        return w

    assert "changed its input `w` in place" in run_check("04-gd-step", in_place).mistake


def test_a_sigmoid_gradient_that_recomputes_sigma_with_an_overflowing_exp_is_caught():
    def overflowing(op, grad):
        (a,) = op.input_values
        return [grad * np.exp(-a) / (1 + np.exp(-a)) ** 2]

    result = run_check("04-sigmoid-grad", overflowing)
    assert result.case == "large inputs (±1000)" and "overflow" in result.mistake


def _da_without_transpose(op, grad):
    A, B = op.input_values
    return [grad @ B, A.T @ grad]


def _named_gradients(op, grad):
    A, B = op.input_values
    dA = grad @ B.T
    dB = A @ grad
    return [dA, dB]


def test_a_missing_transpose_in_da_alone_is_named_and_the_shape_error_becomes_a_lesson():
    result = run_check("04-matmul-grad", _da_without_transpose)
    assert "gufunc" not in result.reason and "core dimension" not in (result.mistake or "")
    assert result.mistake.startswith("dA, the gradient for A: a missing transpose")


def test_a_shape_error_in_a_named_gradient_says_which_gradient_it_is():
    result = run_check("04-matmul-grad", _named_gradients)
    assert "dB, the gradient for B: a missing transpose" in result.mistake
    from deepslow.exercises.plain import from_plain

    found = exercise("04-matmul-grad")
    error = from_plain(found.answers(_named_gradients)["A 2×3, B 3×4"])
    assert "`A @ grad` cannot be computed: (2, 3) @ (2, 4) do not fit" in error["explanation"]
    assert (
        "dB must have B's shape (3, 4); grad is (2, 4), A is (2, 3): which product gives (3, 4)?"
        in error["explanation"]
    )


# --- 04-softplus-grad: registration ------------------------------------------------------------------------


def test_softplus_must_be_registered_under_its_op_type():
    def softplus_grad(op, grad):
        (a,) = op.input_values
        return [grad * 0.5 * (1 + np.tanh(0.5 * a))]

    assert "not registered as the gradient of 'Softplus'" in run_check("04-softplus-grad", softplus_grad).mistake
    tf.register_gradient("softplus")(softplus_grad)
    assert "registered for ops of type 'softplus'" in run_check("04-softplus-grad", softplus_grad).mistake
    tf.register_gradient("Softplus")(softplus_grad)
    assert run_check("04-softplus-grad", softplus_grad).passed


# --- 04-backprop-order -------------------------------------------------------------------------------------


def _kahn(loss):  # consumers first: a node is placed once every node that uses it is placed
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


def test_any_correct_backprop_order_passes_not_just_the_reference():
    assert run_check("04-backprop-order", _kahn).passed


def test_a_stack_walk_is_caught_where_an_ops_second_input_feeds_its_first():
    def stack_walk(loss):
        order, stack = [], [loss]
        while stack:
            node = stack.pop()
            if node not in order:
                order.append(node)
                stack.extend(node.inputs)
        return order

    result = run_check("04-backprop-order", stack_walk)
    assert result.status == "failed" and result.case == "an op whose second input also feeds its first"
    assert "comes before" in result.reason


def test_a_forward_order_is_named_whichever_topological_order_it_is():
    reference = exercise("04-backprop-order").reference_fn
    result = run_check("04-backprop-order", lambda loss: reference(loss)[::-1])
    assert result.status == "failed" and "the forward order" in result.reason


def test_the_librarys_own_order_is_not_an_answer():
    from deepslow.graph import ancestors, topological_order

    result = run_check("04-backprop-order", lambda loss: topological_order(ancestors([loss]))[::-1])
    assert result.status == "failed" and "uses ancestors, topological_order, deepslow's own" in result.reason


# --- 04-backward-pass --------------------------------------------------------------------------------------


def test_a_backward_pass_that_calls_none_or_reads_unreached_nodes_fails_with_its_mistake_named():
    found = exercise("04-backward-pass")
    calls_none = next(m for m in found.mistakes if m.name == "backward_pass_calls_none")
    result = run_check("04-backward-pass", calls_none.fn)
    assert "argmax and equal" in result.case and "Check for None first" in result.mistake
    looks_up_first = next(m for m in found.mistakes if m.name == "backward_pass_looks_up_first")
    assert "may have no gradient function at all" in run_check("04-backward-pass", looks_up_first.fn).mistake


def test_the_backward_pass_order_holds_ops_that_pass_no_gradient():
    seen = []
    found = exercise("04-backward-pass")

    def spy(order, values, loss):
        seen.append([node.op_type for node in order])
        return found.reference_fn(order, values, loss)

    assert run_check("04-backward-pass", spy).passed
    assert {"ArgMax", "Equal", "Softmax", "Cast"} <= {t for types in seen for t in types}


def test_a_backward_pass_that_accumulates_in_place_is_caught_where_add_shares_its_gradient():
    def in_place(order, values, loss):
        grads = {loss: np.ones_like(values[loss])}
        for node in order:
            if node not in grads or get_gradient(node) is None:
                continue
            shares = get_gradient(node)(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])
            for inp, g in zip(node.inputs, shares):
                if g is None:
                    continue
                if inp in grads:
                    grads[inp] += g
                else:
                    grads[inp] = g
        return grads

    result = run_check("04-backward-pass", in_place)
    assert result.case == "a node on two paths through add" and "`+=` on a NumPy array" in result.mistake


# --- lesson 5 ----------------------------------------------------------------------------------------------


def test_a_per_point_decision_map_is_caught_by_its_number_of_calls():
    def per_point(predict, xs, ys):
        return np.array([[predict(np.array([[x, y]]))[0] for x in xs] for y in ys])

    result = run_check("05-decision-map", per_point)
    assert "the number of calls to predict" in result.reason and "expected 1, got 20" in result.reason


def test_an_epoch_that_runs_the_loss_and_the_step_separately_is_caught():
    def two_runs(sess, train_op, loss, x, labels, X, Y, batch_size, order):
        losses = []
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            losses.append(sess.run(loss, {x: X[rows], labels: Y[rows]}))
            sess.run(train_op, {x: X[rows], labels: Y[rows]})
        return losses

    result = run_check("05-train-epoch", two_runs)
    assert "the number of sess.run calls" in result.reason and "two sess.run calls" in result.mistake


def test_an_epoch_that_shuffles_order_in_place_is_caught():
    def shuffles(sess, train_op, loss, x, labels, X, Y, batch_size, order):
        np.random.default_rng(0).shuffle(order)
        losses = []
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            losses.append(sess.run([train_op, loss], {x: X[rows], labels: Y[rows]})[1])
        return losses

    assert "changed its input `order` in place" in run_check("05-train-epoch", shuffles).mistake


# --- lesson 6 ----------------------------------------------------------------------------------------------


def test_a_tape_walked_forwards_names_the_walk():
    found = exercise("06-tape-gradients")
    forwards = next(m for m in found.mistakes if m.name == "tape_forwards")
    assert "walked the tape from its start" in run_check("06-tape-gradients", forwards.fn).mistake


def test_a_tape_reversed_in_place_is_caught():
    def reverses(tape, output):
        tape.reverse()
        return _walk(tape, output, tape)

    assert "changed the list `tape`" in run_check("06-tape-gradients", reverses).mistake


def _walk(tape, output, order):
    """A walk from the output, visiting the records in `order` (a reordered tape), skipping those with no
    gradient yet: right only when `order` puts every op after the ops that use its result."""
    grads = {output: 1.0}
    for out, inputs, vjp in order:
        if out in grads:
            for tensor, g in zip(inputs, vjp(grads[out])):
                grads[tensor] = grads[tensor] + g if tensor in grads else g
    return grads


def test_a_tape_walked_in_an_order_other_than_backwards_is_named_whatever_the_order():
    """Orders that depend on memory addresses (sorted by id) must get words, whichever order they give."""

    def by_id(tape, output):
        return _walk(tape, output, sorted(tape, key=lambda record: id(record[0])))

    def by_name(tape, output):
        return _walk(tape, output, sorted(tape, key=lambda record: record[0].name, reverse=True))

    for answer in (by_id, by_name):
        result = run_check("06-tape-gradients", answer)
        assert result.status == "failed" and result.mistake, answer.__name__
        assert re.search(r"[Ww]alk (it|the tape) from (its|the) end", result.mistake), (answer.__name__, result.mistake)


def test_a_share_arriving_after_its_ops_vjp_ran_is_named():
    """h is used by s and by t: a walk that visits h after t but before s loses s's share of h's gradient."""

    def h_too_early(tape, output):
        order = list(reversed(tape))
        names = [out.name for out, _, _ in order]
        if "s" in names and "h" in names:
            order.insert(names.index("h"), order.pop(names.index("s")))  # s now comes right after h
        return _walk(tape, output, order)

    result = run_check("06-tape-gradients", h_too_early)
    assert result.case == "a tensor used three times", repr(result)
    assert "'s' passed a gradient back to 'h' after the vjp of 'h' had run" in result.reason, repr(result)


def test_tapes_walked_other_right_ways_pass():
    """Passing each share on as it arrives, or computing a gradient only when asked for it (calling each vjp
    several times), or taking local derivatives first: no order verdict stands in the way of a right answer."""

    def push(tape, output):
        made_by = {out: (inputs, vjp) for out, inputs, vjp in tape}
        grads = {}

        def receive(tensor, g):
            grads[tensor] = grads[tensor] + g if tensor in grads else g
            if tensor in made_by:
                inputs, vjp = made_by[tensor]
                for t, share in zip(inputs, vjp(g)):
                    receive(t, share)

        receive(output, 1.0)
        return grads

    def pull(tape, output):
        memo = {}

        def gradient(tensor):
            if tensor is output:
                return 1.0
            if tensor not in memo:
                total = None
                for out, inputs, vjp in tape:
                    for position, t in enumerate(inputs):
                        if t is tensor and gradient(out) is not None:
                            share = vjp(gradient(out))[position]
                            total = share if total is None else total + share
                memo[tensor] = total
            return memo[tensor]

        tensors = {t for out, inputs, _ in tape for t in [out, *inputs]} | {output}
        return {t: gradient(t) for t in tensors if gradient(t) is not None}

    def locals_first(tape, output):
        local = [vjp(1.0) for _, _, vjp in tape]  # right here: every op of these tapes is elementwise
        grads = {output: 1.0}
        for (out, inputs, _), shares in reversed(list(zip(tape, local))):
            if out in grads:
                for tensor, s in zip(inputs, shares):
                    grads[tensor] = grads[tensor] + s * grads[out] if tensor in grads else s * grads[out]
        return grads

    for answer in (push, pull, locals_first):
        result = run_check("06-tape-gradients", answer)
        assert result.passed, (answer.__name__, repr(result))


def test_pytorchs_adam_and_tensorflow_1s_differ_only_through_epsilon():
    found = exercise("06-adam-torch")
    tf_form = next(m for m in found.mistakes if m.name == "adam_tf_form").fn
    rng = np.random.default_rng(0)
    w, g, m, v = rng.normal(size=(4, 5))
    v = np.abs(v)
    for t in (1, 3, 10):
        torch_w = found.reference_fn(w, g, m, v, t, 0.1, 0.9, 0.999, 0.0)[0]
        np.testing.assert_allclose(torch_w, tf_form(w, g, m, v, t, 0.1, 0.9, 0.999, 0.0)[0], rtol=1e-12)


# --- the notebooks ------------------------------------------------------------------------------------------


def _read(lesson):
    import nbformat

    return nbformat.read(LESSONS[lesson], as_version=4)


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_the_notebook_follows_the_authoring_format(lesson):
    from deepslow.grading.format import Assignment

    nb = _read(lesson)
    assignment = Assignment(nb, LESSONS[lesson])  # raises AuthoringError on a markup problem
    assert list(assignment.points) == ids(lesson) == assignment.exercises()
    assert len(assignment.points) >= 3 and all(p > 0 for p in assignment.points.values())
    assert nb.metadata["kernelspec"]["name"] == "python3"
    hidden = dict(assignment.hidden_tests())
    for exercise_id in ids(lesson):
        code = " ".join(hidden[exercise_id].split())
        assert re.search(rf'record\(\s*"{exercise_id}"', code) and "hidden_cases=" in code


@pytest.mark.parametrize("lesson", sorted(LESSONS))
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
    assign(LESSONS[lesson], out, tmp_path / "manifest.json")
    nb = nbformat.read(out / LESSONS[lesson].name, as_version=4)
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
def test_lesson_6_runs_without_tensorflow_or_pytorch(tmp_path):
    nb = _student_run("06", tmp_path, block_frameworks=True)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]
    printed = "\n".join(text for c in nb.cells if c.cell_type == "code" for text in _texts(c))
    assert "TensorFlow: not installed" in printed and "PyTorch:    not installed" in printed
    assert "deepslow: loss 0.6994 at the start" in printed
    checks = [c for c in nb.cells if c.metadata.get("deepslow", {}).get("role") == "check"]
    assert checks and all(any(": not attempted (course material)" in t for t in _texts(c)) for c in checks)
