"""Hostile and broken submissions, each graded by the real grader on a real notebook.

One grading run (two at a time, short limits) covers every case; each test then reads the
verdict that case got, and checks that the other exercises of that submission were still graded.
"""

import csv
import hashlib
import os

import nbformat
import pytest
from grading_helpers import (
    EXERCISES,
    SOLUTIONS,
    SOURCE,
    check_cell,
    read_record,
    run_cli,
    solution_cell,
    statuses,
    submission,
)

pytestmark = pytest.mark.slow
LIMITS = [
    "--jobs",
    "2",
    "--cell-timeout",
    "5",
    "--timeout",
    "60",
    "--memory-mb",
    "1536",
    "--quiet",
    "--uid-base",
    "65200",
]
GOOD = dict(SOLUTIONS)


def with_answer(exercise, code):
    return {**GOOD, exercise: code}


def _edit_check(nb):
    check_cell(nb, "04-sigmoid-grad").source = "print('all checks passed!')"


def _delete_check(nb):
    nb.cells.remove(check_cell(nb, "04-matmul-grad"))


def _delete_answer(nb):
    nb.cells.remove(solution_cell(nb, "04-backward-pass"))


def _kernelspec(nb):
    nb.metadata["kernelspec"] = {"name": "evil", "display_name": "Evil", "language": "bash"}


def _empty(nb):
    nb.cells = []


def _forge(nb):
    cell = solution_cell(nb, "04-gd-step")
    cell.source = (
        "from IPython.display import display\n"
        "from deepslow.exercises import get_exercise\n"
        "from deepslow.exercises.inline import ANSWERS_MIME\n"
        "def gd_step(w, grad, lr):\n"
        "    ex = get_exercise('04-gd-step')\n"
        "    forged = ex.answers(ex.reference_fn)\n"  # the right answers, sent a second time
        "    display({ANSWERS_MIME: {'exercise': '04-gd-step', 'answers': forged}}, raw=True)\n"
        "    return w\n"
    )


SUPPRESS = (
    "ip = get_ipython()\n"
    "ip.showtraceback = lambda *a, **k: None\n"
    "ip.set_custom_exc((BaseException,), lambda *a, **k: None)\n"
)
PATCH_NUMPY = (
    "import builtins\n"
    "np.allclose = lambda *a, **k: True\n"
    "np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), dtype=bool)\n"
    "np.array_equal = lambda *a, **k: True\n"
    "np.testing.assert_allclose = lambda *a, **k: None\n"
    "builtins.abs = lambda x: 0\n"
)
LEAK = (  # the code of the cell that is running (the hidden tests) is In[-1]; try to send it back
    "def gd_step(w, grad, lr):\n    raise ValueError(get_ipython().user_ns['In'][-1])\n"
)

CASES = {
    "loop": with_answer("04-matmul-grad", "while True:\n    pass\n" + GOOD["04-matmul-grad"]),
    "loop_in_function": with_answer("04-gd-step", "def gd_step(w, grad, lr):\n    while True:\n        pass"),
    "ignores_sigint": with_answer(
        "04-matmul-grad", "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
    ),
    "os_exit": with_answer("04-sigmoid-grad", "import os\nos._exit(0)"),
    "memory_bomb": with_answer(
        "04-gd-step",
        "def gd_step(w, grad, lr):\n    hog = []\n    while True:\n        hog.append(bytearray(5 * 10**8))",
    ),
    "fork_bomb": with_answer(
        "04-gd-step",
        "import os\nfor _ in range(100000):\n    try:\n        os.fork()\n    except OSError:\n        pass",
    ),
    "prints_a_lot": with_answer(
        "04-gd-step", "print('\\n'.join(map(str, range(1_000_000))))\nprint('done')\n" + GOOD["04-gd-step"]
    ),
    "suppressed_tracebacks": with_answer(
        "04-gd-step", SUPPRESS + "def gd_step(w, grad, lr):\n    return w + lr * grad\nundefined_name"
    ),
    "always_equal": with_answer(
        "04-gd-step",
        "class Yes:\n    def __eq__(self, other):\n        return True\n"
        "class YesArray(np.ndarray):\n    def __eq__(self, other):\n        return True\n"
        "def gd_step(w, grad, lr):\n    return Yes() if np.ndim(w) == 2 else np.zeros_like(w).view(YesArray)",
    ),
    "patched_numpy": with_answer("04-gd-step", PATCH_NUMPY + "def gd_step(w, grad, lr):\n    return w - grad"),
    "check_redefined": with_answer(
        "04-gd-step",
        "import deepslow, deepslow.exercises\n"
        "def check(*args, **kwargs):\n    return 'passed'\n"
        "deepslow.check = deepslow.exercises.check = check\n"
        "def gd_step(w, grad, lr):\n    return w",
    ),
    "renamed": with_answer("04-sigmoid-grad", GOOD["04-sigmoid-grad"].replace("sigmoid_grad", "sigmoid_gradient")),
    "leaks_hidden_tests": with_answer("04-gd-step", LEAK),
    "reads_the_source": with_answer(  # full marks only if it can read the instructor's solutions
        "04-gd-step",
        f"try:\n    open({str(SOURCE)!r}).read()\n    def gd_step(w, grad, lr):\n        return w - lr * grad\n"
        "except OSError:\n    def gd_step(w, grad, lr):\n        return w\n",
    ),
}


def _tamper(nb):  # three edits in one submission: a check edited, another deleted, the kernelspec changed
    _edit_check(nb)
    _delete_check(nb)
    _kernelspec(nb)


EDITS = {
    "tampered_cells": _tamper,
    "missing_answer": _delete_answer,
    "empty": _empty,
    "forged_answers": _forge,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    subs, out = root / "subs", root / "out"
    for name, answers in CASES.items():
        submission(root, subs, name, answers)
    for name, edit in EDITS.items():
        submission(root, subs, name, GOOD, edit)
    submission(root, subs, "victim", GOOD)
    (subs / "not_json.ipynb").write_text("print('hello')\n")
    (subs / "not_a_notebook.ipynb").write_text('{"hello": "world"}')
    (subs / "binary.ipynb").write_bytes(bytes(range(256)) * 10)
    out.mkdir()
    targets = [
        out / "gradebook.csv",
        out / "victim.json",
        subs / "victim.ipynb",
        out / "planted.txt",
        root / "planted.txt",
    ]
    writer = "import pathlib\n" + "".join(
        f"try:\n    pathlib.Path({str(t)!r}).write_text('hacked')\nexcept OSError:\n    pass\n" for t in targets
    )
    submission(root, subs, "writer", with_answer("04-gd-step", writer + GOOD["04-gd-step"]))
    victim_sha = hashlib.sha256((subs / "victim.ipynb").read_bytes()).hexdigest()
    code, stdout, stderr = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), *LIMITS)
    return {"root": root, "out": out, "subs": subs, "code": code, "stdout": stdout, "victim_sha": victim_sha}


def verdict(hostile, student, exercise):
    return read_record(hostile["out"], student)["exercises"][exercise]


def others_passed(hostile, student, *spoiled):
    record = read_record(hostile["out"], student)
    return all(v["status"] == "passed" for ex, v in record["exercises"].items() if ex not in spoiled)


def test_every_submission_got_a_verdict_and_the_run_reports_the_unreadable_ones(hostile):
    assert hostile["code"] == 1  # some submissions could not be graded
    rows = list(csv.reader((hostile["out"] / "gradebook.csv").open()))
    assert len(rows) - 1 == len(CASES) + len(EDITS) + 5
    assert "4 could not be graded (binary, empty, not_a_notebook, not_json)" in hostile["stdout"]


def test_infinite_loop_is_interrupted_and_the_rest_is_graded(hostile):
    v = verdict(hostile, "loop", "04-matmul-grad")
    assert v["status"] == "timeout" and "interrupted" in v["message"]
    assert others_passed(hostile, "loop", "04-matmul-grad")
    v = verdict(hostile, "loop_in_function", "04-gd-step")
    assert v["status"] == "timeout" and "hidden tests were stopped" in v["message"]
    assert others_passed(hostile, "loop_in_function", "04-gd-step")


def test_loop_ignoring_sigint_is_killed_and_the_rest_is_graded(hostile):
    v = verdict(hostile, "ignores_sigint", "04-matmul-grad")
    assert v["status"] == "timeout" and "ignored the interrupt" in v["message"]
    assert others_passed(hostile, "ignores_sigint", "04-matmul-grad")


def test_os_exit_kills_only_its_own_cell(hostile):
    v = verdict(hostile, "os_exit", "04-sigmoid-grad")
    assert v["status"] == "error" and "kernel died" in v["message"]
    assert others_passed(hostile, "os_exit", "04-sigmoid-grad")


def test_memory_bomb_hits_the_memory_limit(hostile):
    v = verdict(hostile, "memory_bomb", "04-gd-step")
    assert v["status"] == "failed" and "MemoryError" in v["message"]
    assert others_passed(hostile, "memory_bomb", "04-gd-step")


def test_fork_bomb_is_contained(hostile):
    record = read_record(hostile["out"], "fork_bomb")
    assert record["exercises"]["04-gd-step"]["status"] in ("timeout", "error")
    assert others_passed(hostile, "fork_bomb", "04-gd-step")
    if os.geteuid() == 0:  # the sandbox users own nothing once grading is over
        from deepslow.grading.sandbox import _processes

        leftovers = [pid for pid, (ppid, uid) in _processes().items() if ppid == os.getpid() and uid >= 61000]
        assert not leftovers


def test_a_million_printed_lines_are_truncated_not_fatal(hostile):
    record = read_record(hostile["out"], "prints_a_lot")
    assert set(statuses(record).values()) == {"passed"}


def test_suppressed_tracebacks_do_not_hide_a_wrong_answer(hostile):
    v = verdict(hostile, "suppressed_tracebacks", "04-gd-step")
    assert v["status"] == "failed" and "wrong sign" in v["message"]


def test_objects_that_equal_everything_get_no_points(hostile):
    v = verdict(hostile, "always_equal", "04-gd-step")
    assert v["status"] == "failed" and "an object of type" in v["message"]


def test_monkeypatched_numpy_and_builtins_do_not_change_the_verdict(hostile):
    v = verdict(hostile, "patched_numpy", "04-gd-step")
    assert v["status"] == "failed" and "forgot the learning rate" in v["message"]


def test_redefined_check_does_not_change_the_verdict(hostile):
    assert verdict(hostile, "check_redefined", "04-gd-step")["status"] == "failed"


def test_renamed_and_missing_answers_are_reported(hostile):
    v = verdict(hostile, "renamed", "04-sigmoid-grad")
    assert v["status"] == "error" and "name 'sigmoid_grad' is not defined" in v["message"]
    v = verdict(hostile, "missing_answer", "04-backward-pass")
    assert v["status"] == "error" and "not defined" in v["message"]
    notes = read_record(hostile["out"], "missing_answer")["notes"]
    assert any("answer cell of 04-backward-pass was not found" in n for n in notes)


def test_edited_and_deleted_check_cells_are_restored_and_the_kernelspec_ignored(hostile):
    record = read_record(hostile["out"], "tampered_cells")
    assert set(statuses(record).values()) == {"passed"}
    assert any("04-sigmoid-grad, check) was edited and was restored" in n for n in record["notes"])
    assert any("04-matmul-grad, check) was missing and was restored" in n for n in record["notes"])


def test_an_empty_notebook_is_not_gradable_rather_than_a_real_zero(hostile):
    record = read_record(hostile["out"], "empty")
    assert record["status"] == "not gradable" and record["total"] == 0 and "empty" in record["message"]
    assert all(v["status"] == "not graded" for v in record["exercises"].values())
    row = next(r for r in csv.reader((hostile["out"] / "gradebook.csv").open()) if r[0] == "empty")
    assert row[1:] == ["", "", "", "", "", "8", "not gradable"]


@pytest.mark.parametrize(
    "student, words", [("not_json", "not valid JSON"), ("not_a_notebook", "not a Jupyter"), ("binary", "UTF-8")]
)
def test_files_that_are_not_notebooks_are_not_gradable(hostile, student, words):
    record = read_record(hostile["out"], student)
    assert record["status"] == "not gradable" and words in record["message"] and record["total"] == 0


def test_forged_answers_are_detected(hostile):
    v = verdict(hostile, "forged_answers", "04-gd-step")
    assert v["status"] == "failed" and "tampered" in v["message"]


def test_feedback_never_shows_hidden_test_code(hostile):
    v = verdict(hostile, "leaks_hidden_tests", "04-gd-step")
    assert v["status"] == "failed" and "ValueError" in v["message"]
    assert "record(" not in v["message"] and "not this one" in v["message"]
    for path in hostile["out"].glob("*.json"):
        assert "record_value(" not in path.read_text()


def test_writes_into_the_output_or_other_submissions_are_blocked(hostile):
    out, subs = hostile["out"], hostile["subs"]
    if os.geteuid() != 0 and read_record(out, "writer")["sandbox"]["file_isolation"] != "landlock":
        pytest.skip("without root, files are isolated only by Landlock, which is not available here")
    assert "hacked" not in (out / "gradebook.csv").read_text()
    assert not (out / "planted.txt").exists() and not (hostile["root"] / "planted.txt").exists()
    assert hashlib.sha256((subs / "victim.ipynb").read_bytes()).hexdigest() == hostile["victim_sha"]
    assert read_record(out, "victim")["total"] == 8
    assert set(statuses(read_record(out, "writer")).values()) == {"passed"}


def test_the_source_notebook_cannot_be_read_from_a_submission(hostile):
    record = read_record(hostile["out"], "reads_the_source")
    if record["sandbox"]["file_isolation"] != "landlock":
        pytest.skip("Landlock is not available on this kernel")
    assert record["exercises"]["04-gd-step"]["status"] == "failed"
    assert others_passed(hostile, "reads_the_source", "04-gd-step")


def test_a_notebook_over_its_wall_clock_cap_is_stopped(tmp_path):
    slow = "import time\ntime.sleep(4)\n"
    answers = {ex: slow + code for ex, code in SOLUTIONS.items()}
    sub = submission(tmp_path, tmp_path / "subs", "slow", answers)
    limits = ["--cell-timeout", "5", "--timeout", "12", "--quiet"]
    code, out, _ = run_cli("grade", "--source", str(SOURCE), str(sub), "--out", str(tmp_path / "out"), *limits)
    record = read_record(tmp_path / "out", "slow")
    assert code == 0 and record["status"] == "graded"
    assert any("time limit of 12.0 s" in n for n in record["notes"])
    assert "timeout" in statuses(record).values()
    assert all(v["status"] in ("passed", "timeout") for v in record["exercises"].values())


def test_the_exercises_list_matches_the_fixture():
    assert [
        c.metadata["deepslow"]["exercise"]
        for c in nbformat.read(SOURCE, 4).cells
        if c.metadata.get("deepslow", {}).get("role") == "check"
    ] == EXERCISES


def test_same_user_mode_still_limits_time_and_files(tmp_path):
    """--same-user (the mode of a grader that is not root): no per-submission user, so stopping a
    submission goes through the process tree, and files are kept out of reach by Landlock."""
    subs, out = tmp_path / "subs", tmp_path / "out"
    out.mkdir()
    writer = f"try:\n    open({str(out / 'planted.txt')!r}, 'w').write('x')\nexcept OSError:\n    pass\n"
    submission(tmp_path, subs, "writer", with_answer("04-gd-step", writer + GOOD["04-gd-step"]))
    submission(tmp_path, subs, "ignores_sigint", CASES["ignores_sigint"])
    code, _, _ = run_cli("grade", "--source", str(SOURCE), str(subs), "--out", str(out), "--same-user", *LIMITS)
    assert code == 0
    assert verdict({"out": out}, "ignores_sigint", "04-matmul-grad")["status"] == "timeout"
    assert others_passed({"out": out}, "ignores_sigint", "04-matmul-grad")
    writer_record = read_record(out, "writer")
    assert writer_record["sandbox"]["user"] == os.geteuid() and writer_record["total"] == 8
    if writer_record["sandbox"]["file_isolation"] == "landlock":
        assert not (out / "planted.txt").exists()
