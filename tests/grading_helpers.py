"""Helpers for the grader tests: make submissions by editing the student version of the fixture."""

import contextlib
import io
import json
from pathlib import Path

import nbformat

FIXTURES = Path(__file__).parent / "fixtures"
SOURCE = FIXTURES / "lesson04_mini.ipynb"
EXERCISES = ["04-sigmoid-grad", "04-matmul-grad", "04-backward-pass", "04-gd-step"]

SOLUTIONS = {
    "04-sigmoid-grad": "def sigmoid_grad(op, grad):\n    s = op.output_value\n    return [grad * s * (1 - s)]",
    "04-matmul-grad": "def matmul_grad(op, grad):\n    a, b = op.input_values\n    return [grad @ b.T, a.T @ grad]",
    "04-backward-pass": (
        "def backward_pass(order, values, loss):\n"
        "    grads = {loss: np.ones_like(values[loss])}\n"
        "    for node in order:\n"
        "        fn = get_gradient(node) if node in grads else None\n"
        "        if fn is None:\n"
        "            continue\n"
        "        gs = fn(OpValues(node, [values[i] for i in node.inputs], values[node]), grads[node])\n"
        "        for inp, g in zip(node.inputs, gs):\n"
        "            if g is not None:\n"
        "                grads[inp] = grads[inp] + g if inp in grads else g\n"
        "    return grads"
    ),
    "04-gd-step": "def gd_step(w, grad, lr):\n    return w - lr * grad",
}


FUNCTIONS = {
    "04-sigmoid-grad": "sigmoid_grad",
    "04-matmul-grad": "matmul_grad",
    "04-backward-pass": "backward_pass",
    "04-gd-step": "gd_step",
}


def probing_answer(exercise, attack):
    """An answer cell that tries `attack` first, then defines the right answer, which raises when
    it is called if the attack worked (the code sets `hit = True`) or did not run to its end.
    So the exercise passes only if the attack was really tried and failed: the verdict is the
    probe's report, read back through the real grader."""
    name = FUNCTIONS[exercise]
    return (
        "hit, ran = False, False\n"
        + attack
        + "\nran = True\n"
        + SOLUTIONS[exercise]
        + f"\n_right_{name} = {name}\n"
        + f"def {name}(*args, _hit=hit, _ran=ran):\n"
        + "    if _hit or not _ran:\n"
        + "        raise RuntimeError('the attack worked')\n"
        + f"    return _right_{name}(*args)\n"
    )


def attack_succeeds_here(attack, **names):
    """Run an attack's code in this (unconfined) process: True if it works here, which shows the
    probe would notice it in a kernel."""
    scope = dict(names)
    exec("hit, ran = False, False\n" + attack + "\nran = True\n", scope)
    return scope["hit"] and scope["ran"]


def student_notebook(tmp_path):
    """The student version of the fixture, made by `deepslow assign` (as a notebook object)."""
    from deepslow.grading.assign import assign

    out = tmp_path / "_student"
    if not (out / SOURCE.name).exists():
        assign(SOURCE, out)
    return nbformat.read(out / SOURCE.name, as_version=4)


def solution_cell(nb, exercise):
    for cell in nb.cells:
        markup = cell.metadata.get("deepslow", {})
        if markup.get("exercise") == exercise and markup.get("role") == "solution":
            return cell
    raise KeyError(exercise)


def check_cell(nb, exercise):
    for cell in nb.cells:
        markup = cell.metadata.get("deepslow", {})
        if markup.get("exercise") == exercise and markup.get("role") == "check":
            return cell
    raise KeyError(exercise)


def submission(tmp_path, folder, name, answers=None, edit=None):
    """Write folder/name.ipynb: the student version with `answers` ({exercise: code}) filled in,
    then `edit(nb)` applied. Returns the path."""
    nb = student_notebook(tmp_path)
    for exercise, code in (answers or {}).items():
        solution_cell(nb, exercise).source = code
    if edit is not None:
        nb = edit(nb) or nb
    path = Path(folder) / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def read_record(out, student):
    return json.loads((Path(out) / f"{student}.json").read_text())


def statuses(record):
    return {ex: v["status"] for ex, v in record["exercises"].items()}


def full_sandbox_missing():
    """Why the full sandbox (as root: own uid, cgroups, bubblewrap namespaces) cannot run here, or None."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0:
        return "needs root: the full sandbox (own uid, cgroups) exists only when grading as root"
    if not shutil.which("bwrap"):
        return "needs bubblewrap (apt-get install bubblewrap; scripts/setup.sh installs it)"
    probe = subprocess.run(
        ["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"], capture_output=True
    )
    return None if probe.returncode == 0 else f"bwrap cannot make namespaces here: {probe.stderr.decode()[:200]}"


def run_cli(*args):
    """Run `deepslow ...` in this process: (exit code, stdout, stderr)."""
    from deepslow.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()
