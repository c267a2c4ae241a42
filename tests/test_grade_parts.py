"""The grader's parts, without a kernel: feedback composition, the answers' structure, reading and
naming hostile files, cgroups (v1 and v2, on fake cgroup file systems), notebook assembly and the
sandbox's command. Each attack here is also made end to end in test_grade_hostile.py and
test_grade_isolation.py; these tests pin down the rules quickly and on any machine."""

import base64
import json
import os
import stat
import zlib
from pathlib import Path

import nbformat
import numpy as np
import pytest
from grading_helpers import SOLUTIONS, SOURCE, solution_cell, student_notebook

from deepslow.exercises.feedback import Feedback
from deepslow.exercises.plain import from_plain, to_plain
from deepslow.grading import cgroups, sandbox
from deepslow.grading.feedback import UNKNOWN_EXCEPTION, Composer, public_names
from deepslow.grading.format import Assignment, read_notebook
from deepslow.grading.grade import TAMPERED, merge_answers
from deepslow.grading.runner import assemble, markup_of, only_checks
from deepslow.grading.submissions import NotGradableError, collect, read_bytes, student_ids

HIDDEN = 'record_value("04-gd-step", "a step the learner has not seen", gd_step(np.array([3.0, -1.0])))'


@pytest.fixture(scope="module")
def composer():
    return Composer(public_names(["def sigmoid_grad(op, grad):\n    s = op.output", "import numpy as np"]))


# --- feedback: only what the grader composed ---------------------------------------------------


@pytest.mark.parametrize(
    "ename, message, shown",
    [
        ("NameError", "name 'sigmoid_grad' is not defined", "NameError: name 'sigmoid_grad' is not defined"),
        ("ValueError", "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)", "(2, 3) and (2, 3) not aligned"),
        ("ValueError", "operands could not be broadcast together with shapes (2,3) (3,) ", "shapes (2, 3) (3,)"),
        ("IndexError", "index 5 is out of bounds for axis 0 with size 3", "index 5 is out of bounds for axis 0"),
        ("AttributeError", "'NoneType' object has no attribute 'T'", "'NoneType' object has no attribute 'T'"),
    ],
)
def test_known_forms_are_written_again_from_checked_parts(composer, ename, message, shown):
    assert shown in composer.exception(ename, message)


@pytest.mark.parametrize(
    "message",
    [
        HIDDEN,
        base64.b64encode(zlib.compress(HIDDEN.encode())).decode(),
        "name 'a_step_the_learner_has_not_seen' is not defined",  # a known form, with a secret for the name
        "shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0) " + HIDDEN,  # a known form, with a tail
        "root:x:0:0:root:/root:/bin/bash",
    ],
)
def test_other_messages_are_left_out(composer, message):
    text = composer.exception("ValueError", message)
    assert text.startswith("ValueError") and "not this one" in text
    for secret in ("record", "not_seen", "not seen", "eJ", "root:"):
        assert secret not in text


def test_exception_classes_are_named_only_when_python_or_deepslow_defines_them(composer):
    assert composer.exception("ShapeError", "") == "ShapeError"
    assert composer.exception("record_value_04_gd_step_a_step", "x") == UNKNOWN_EXCEPTION
    assert composer.exception(["MemoryError"], "x") == UNKNOWN_EXCEPTION
    assert "still the stub" in composer.exception("NotImplementedError", "replace this line")


def _decoded(answers):
    return {label: from_plain(value) for label, value in answers.items()}


def _gd_step_feedback(hidden=()):
    """04-gd-step's Feedback as the grader builds it from the source run: expected answers per case."""
    w, g = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    expected = {"a vector": from_plain(to_plain(w - 0.1 * g)), "a matrix": from_plain(to_plain(np.eye(2) - 0.5))}
    expected.update({label: from_plain({"kind": "none"}) for label in hidden})
    return Feedback.from_reference_run("04-gd-step", expected, []), {"a vector", "a matrix"}


def test_verdicts_quote_no_string_and_no_class_the_student_made(composer):
    feedback, public = _gd_step_feedback()
    got = dict(feedback.expected, **{"a vector": {"kind": "str", "value": HIDDEN}})
    status, message = composer.verdict(feedback, got, public)
    assert status == "failed" and "got a string" in message and "record" not in message
    got = dict(feedback.expected, **{"a vector": {"kind": "other", "type": "leak_" + "x" * 40}})
    assert "a class the notebook defines" in composer.verdict(feedback, got, public)[1]


def test_a_hidden_case_is_reported_without_label_input_or_expected_value(composer):
    feedback, public = _gd_step_feedback(hidden=["a step the learner has not seen"])
    got = dict(feedback.expected, **{"a step the learner has not seen": {"kind": "str", "value": "x"}})
    status, message = composer.verdict(feedback, got, public)
    assert status == "failed" and message == "a case of the hidden tests (its input is not shown): wrong answer"
    _, message = composer.verdict(feedback, dict(got, **{"a vector": {"kind": "none"}}), set())  # none public
    assert "hidden tests" in message and "a vector" not in message


# --- the answers: exactly what the reference run's hidden tests send ---------------------------


def _payload(labels, exercise="04-gd-step"):
    return {"exercise": exercise, "answers": {label: {"kind": "none"} for label in labels}}


def test_answers_must_have_the_reference_runs_structure():
    shape = [["a", "b"], ["c"]]
    assert merge_answers("04-gd-step", [_payload("ab"), _payload("c")], shape)[1] is None
    extra = [_payload("ab"), _payload("c"), _payload("c")]
    assert merge_answers("04-gd-step", extra, shape) == ({}, TAMPERED)  # a payload of the student's
    assert merge_answers("04-gd-step", [_payload("ab"), _payload("d")], shape) == ({}, TAMPERED)
    assert merge_answers("04-gd-step", [_payload("ab"), _payload("c", "04-sigmoid-grad")], shape) == ({}, TAMPERED)
    assert merge_answers("04-gd-step", [_payload("ab")], shape) == ({}, TAMPERED)  # one suppressed
    assert merge_answers("04-gd-step", [_payload("ab")], shape, partial=True)[1] is None  # stopped on an error
    assert merge_answers("04-gd-step", [{**_payload("ab"), "extra": 1}, _payload("c")], shape) == ({}, TAMPERED)
    assert merge_answers("04-gd-step", "not a list", shape) == ({}, TAMPERED)


def test_answers_are_decoded_strictly():
    bad = {"exercise": "04-gd-step", "answers": {"a": {"kind": "array", "npy": "!!"}}}
    assert "malformed" in merge_answers("04-gd-step", [bad], [["a"]])[1]
    pickled = {"exercise": "04-gd-step", "answers": {"a": {"kind": "pickle", "data": "gAN9cQAu"}}}
    assert "malformed" in merge_answers("04-gd-step", [pickled], [["a"]])[1]


# --- hostile files: found, named, read --------------------------------------------------------


def test_every_ipynb_entry_is_collected_whatever_it_is_but_links_to_folders_are_not_entered(tmp_path):
    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / "lesson.ipynb").write_text("{}")
    (subs / ".ipynb_checkpoints").mkdir()
    (subs / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_text("{}")
    (subs / "...ipynb").write_text("{}")
    os.mkfifo(subs / "fifo.ipynb")
    (subs / "zero.ipynb").symlink_to("/dev/zero")
    (tmp_path / "other" / "mallory").mkdir(parents=True)
    (tmp_path / "other" / "mallory" / "lesson.ipynb").write_text("{}")
    (subs / "linked").symlink_to(tmp_path / "other" / "mallory")
    found = collect([subs])
    assert sorted(str(p.relative_to(subs)) for p in found) == [
        "...ipynb",
        "alice/lesson.ipynb",
        "fifo.ipynb",
        "zero.ipynb",
    ]
    assert set(found.values()) == {subs}
    with pytest.raises(FileNotFoundError):
        collect([tmp_path / "missing"])


def test_only_regular_files_are_read_and_never_more_than_the_cap(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "small").write_bytes(b"x" * 10)
    with open(tmp_path / "sparse", "wb") as f:
        f.truncate(2**20)
    for name, words in [("fifo", "named pipe"), ("zero", "symbolic link"), ("sparse", "the limit is")]:
        with pytest.raises(NotGradableError, match=words):
            read_bytes(tmp_path / name, max_bytes=1000)
    assert read_bytes(tmp_path / "small") == b"x" * 10
    if os.geteuid() == 0:
        os.mknod(tmp_path / "device", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        with pytest.raises(NotGradableError, match="character device"):
            read_bytes(tmp_path / "device")


def test_a_folder_swapped_for_a_symlink_after_listing_is_not_followed(tmp_path):
    subs = tmp_path / "subs"
    (subs / "alice").mkdir(parents=True)
    (subs / "alice" / "lesson.ipynb").write_text("{}")
    found = collect([subs])
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "lesson.ipynb").write_text("the instructor's")
    (subs / "alice" / "lesson.ipynb").unlink()
    (subs / "alice").rmdir()
    (subs / "alice").symlink_to(tmp_path / "secret")  # planted between the listing and the reading
    path = subs / "alice" / "lesson.ipynb"
    with pytest.raises(NotGradableError, match="a folder on its path is a symbolic link"):
        read_bytes(path, base=found[path])
    assert read_bytes(path) == b"the instructor's"  # what a plain open would have read


def test_student_ids_are_safe_distinct_and_stable(tmp_path):
    names = ["a" * 245, "élève", "-rf", "..", "bob smith", "bob_smith", "=HYPERLINK(x)", "x\ny", "alice"]
    paths = [tmp_path / f"{n}.ipynb" for n in names]
    ids = student_ids({p: tmp_path for p in paths})
    assert len(ids) == len(paths) and set(ids.values()) == set(paths)
    assert student_ids({p: tmp_path for p in reversed(paths)}) == ids  # the same ids, whatever the order
    for student in ids:
        assert len(student) <= 64 and (student[0].isalnum() or student[0] == "_")
        assert all(c.isalnum() or c in "._@-" for c in student)
    assert ids["alice"] == tmp_path / "alice.ipynb"
    assert {ids[s].name for s in ids if s.startswith("bob_smith-")} == {"bob smith.ipynb", "bob_smith.ipynb"}
    lookalike = next(s for s in ids if ids[s].name == "...ipynb")  # "student-<hash>": a file can take that name
    pair = student_ids({tmp_path / "...ipynb": tmp_path, tmp_path / f"{lookalike}.ipynb": tmp_path})
    assert len(pair) == 2 and set(pair.values()) == {tmp_path / "...ipynb", tmp_path / f"{lookalike}.ipynb"}


def test_read_notebook_never_blocks_or_follows_links(tmp_path):
    os.mkfifo(tmp_path / "fifo.ipynb")
    (tmp_path / "link.ipynb").symlink_to(SOURCE)
    (tmp_path / "int.ipynb").write_text('{"cells": [], "n": ' + "9" * 10_000 + "}")
    for name, words in [("fifo", "not a regular file"), ("link", "symbolic link"), ("int", "cannot be read")]:
        with pytest.raises(ValueError, match=words):
            read_notebook(tmp_path / f"{name}.ipynb", name="their file")


# --- cgroups on fake file systems -------------------------------------------------------------


def _fake_v1(tmp_path):
    for controller in ("memory", "pids", "cpu"):
        (tmp_path / controller / "grader").mkdir(parents=True)
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "".join(f"3{i} 1 0:1 / {tmp_path / c} rw - cgroup cgroup rw,{c}\n" for i, c in enumerate(["memory", "pids"]))
        + f"40 1 0:2 / {tmp_path / 'cpu'} rw - cgroup cgroup rw,cpu,cpuacct\n"
    )
    own = tmp_path / "cgroup"
    own.write_text("4:memory:/grader\n8:pids:/grader\n1:cpu,cpuacct:/grader\n0::/\n")
    return mountinfo, own


def test_v1_cgroups_get_the_memory_and_process_limits(tmp_path):
    mountinfo, own = _fake_v1(tmp_path)
    candidates = cgroups.find_parents(str(mountinfo), str(own))
    assert candidates == [
        ("v1", {c: str(tmp_path / c / "grader") for c in ("memory", "pids", "cpu")}),
    ]
    group = cgroups.SubmissionCgroup.create(512, 40, candidates)
    memory = Path(group.folders["memory"])
    assert (memory / "memory.limit_in_bytes").read_text() == str(512 * 2**20)
    assert (Path(group.folders["pids"]) / "pids.max").read_text() == "40"
    assert group.limits == {"memory", "processes", "cpu"}
    assert len(group.procs_files()) == 3
    (memory / "memory.oom_control").write_text("oom_kill_disable 0\nunder_oom 0\noom_kill 2\n")
    assert group.oom_kills() == 2


def test_v2_cgroups_are_preferred_when_they_offer_memory_and_pids(tmp_path):
    parent = tmp_path / "unified" / "grader"
    parent.mkdir(parents=True)
    (parent / "cgroup.controllers").write_text("cpu memory pids\n")
    (parent / "cgroup.subtree_control").write_text("")
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(f"41 1 0:3 / {tmp_path / 'unified'} rw - cgroup2 cgroup2 rw\n")
    own = tmp_path / "cgroup"
    own.write_text("0::/grader\n")
    candidates = cgroups.find_parents(str(mountinfo), str(own))
    assert candidates == [("v2", {"": str(parent)})]
    group = cgroups.SubmissionCgroup.create(256, 30, candidates)
    folder = Path(group.folders[""])
    assert (parent / "cgroup.subtree_control").read_text() == "+cpu +memory +pids"
    assert (folder / "memory.max").read_text() == str(256 * 2**20) and (folder / "pids.max").read_text() == "30"
    (folder / "memory.events").write_text("low 0\nhigh 0\nmax 3\noom 1\noom_kill 1\n")
    assert group.oom_kills() == 1


def test_on_v2_a_grader_alone_in_its_cgroup_moves_into_a_leaf_to_make_room(tmp_path, monkeypatch):
    parent = tmp_path / "unified" / "container"
    parent.mkdir(parents=True)
    (parent / "cgroup.controllers").write_text("memory pids\n")
    (parent / "cgroup.subtree_control").write_text("")
    (parent / "cgroup.procs").write_text(f"{os.getpid()}\n")
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(f"41 1 0:3 / {tmp_path / 'unified'} rw - cgroup2 cgroup2 rw\n")
    own = tmp_path / "cgroup"
    own.write_text("0::/container\n")
    real_write, refused = cgroups._write, []

    def write(path, text):  # the kernel's rule: no controllers for children while processes are here
        if path.endswith("subtree_control") and (parent / "cgroup.procs").read_text().strip():
            refused.append(path)
            raise OSError(16, "Device or resource busy")
        real_write(path, text)
        if path == str(parent / cgroups.LEAF / "cgroup.procs"):
            (parent / "cgroup.procs").write_text("")  # the process moved

    monkeypatch.setattr(cgroups, "_write", write)
    assert cgroups.prepare(str(mountinfo), str(own))
    assert refused and (parent / cgroups.LEAF / "cgroup.procs").read_text() == str(os.getpid())
    assert (parent / "cgroup.subtree_control").read_text() == "+memory +pids"
    own.write_text(f"0::/container/{cgroups.LEAF}\n")  # where the grader now is
    assert cgroups.find_parents(str(mountinfo), str(own)) == [("v2", {"": str(parent)})]
    (parent / "cgroup.procs").write_text(f"{os.getpid()}\n1\n")  # not alone: others' processes stay put
    (parent / "cgroup.subtree_control").write_text("")
    own.write_text("0::/container\n")
    assert not cgroups.prepare(str(mountinfo), str(own))


def test_no_cgroup_file_system_means_no_cgroup(tmp_path):
    (tmp_path / "mountinfo").write_text("")
    (tmp_path / "cgroup").write_text("")
    assert cgroups.find_parents(str(tmp_path / "mountinfo"), str(tmp_path / "cgroup")) == []
    assert cgroups.SubmissionCgroup.create(256, 30, []) is None


# --- assembling the notebook that runs ---------------------------------------------------------


def _assembled(tmp_path, edit):
    nb = student_notebook(tmp_path)
    for exercise, code in SOLUTIONS.items():
        solution_cell(nb, exercise).source = code
    edit(nb)
    nb = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    return assemble(Assignment(read_notebook(SOURCE), SOURCE), nb)


def test_a_deleted_setup_cell_is_restored_where_the_source_has_it(tmp_path):
    def delete_setup(nb):
        nb.cells = [c for c in nb.cells if (c.metadata.get("deepslow") or {}).get("role") != "setup"]

    cells, notes = _assembled(tmp_path, delete_setup)
    kinds = [(c.kind, c.label) for c in cells]
    assert kinds[0] == ("locked", "cell 1 (setup)")  # before the first answer, as in the source
    assert kinds[1][0] == "student" and "04-sigmoid-grad" in kinds[1][1]
    assert any("(setup) was missing" in n for n in notes)


def test_metadata_of_any_type_is_read_safely(tmp_path):
    for metadata in ("check", 5, None, ["x"], {"role": 5}, {"role": "check", "exercise": {"a": 1}}):
        cell = nbformat.v4.new_code_cell("x = 1")
        cell.metadata["deepslow"] = metadata
        assert markup_of(cell) in ((None, None), ("check", None))
    cell = nbformat.v4.new_code_cell("x = 1")
    cell["metadata"] = "not a dict"
    assert markup_of(cell) == (None, None)


def test_only_visible_check_calls_are_left_out_of_the_run(tmp_path):
    assert only_checks("check('04-gd-step', gd_step)\ncheck('04-x', f)")
    assert not only_checks("check('04-gd-step', gd_step)\nx = 1")
    assert not only_checks("")
    cells, _ = _assembled(tmp_path, lambda nb: None)
    assert {c.label for c in cells if c.feedback_only} == {f"cell {i} ({e}, check)" for i, e in
                                                            [(6, "04-sigmoid-grad"), (11, "04-matmul-grad"),
                                                             (18, "04-backward-pass"), (23, "04-gd-step")]}  # fmt: skip


# --- the sandbox's command --------------------------------------------------------------------


def test_the_kernel_command_drops_every_privilege_and_sees_only_what_it_needs(tmp_path):
    root = os.geteuid() == 0
    plan = {
        "bwrap": "/usr/bin/bwrap",
        "prlimit": "/usr/bin/prlimit",
        "setpriv": "/usr/bin/setpriv",
        "uid": 61234 if root else None,
        "root": root,
        "readable": [str(tmp_path / "venv"), str(tmp_path / "course")],
        "secrets": [str(tmp_path / "course" / "source.ipynb"), str(tmp_path / "grades")],
    }
    (tmp_path / "venv").mkdir()
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "source.ipynb").write_text("{}")
    box = sandbox.KernelBox(plan, {"memory_mb": 1024, "max_procs": 32, "file_mb": 16})
    try:
        argv = box.kernel_argv()
        text = " ".join(argv)
        for flag in ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session"):
            assert flag in argv
        if root:
            assert "--reuid=61234" in argv and "--clear-groups" in argv and "--bounding-set=-all" in argv
            assert argv[:2] == ["/bin/sh", "-c"] or box.cgroup is None  # joins its cgroup first
        else:
            assert "--unshare-user" in argv and "--disable-userns" in argv
        assert "--as=1073741824" in argv and "--fsize=16777216" in argv
        assert f"--ro-bind {tmp_path / 'venv'} {tmp_path / 'venv'}" in text
        assert f"--ro-bind /dev/null {tmp_path / 'course' / 'source.ipynb'}" in text  # masked inside a readable folder
        assert str(tmp_path / "grades") not in text  # not under anything readable: simply absent
        assert "--ro-bind / /" not in text and "--bind / " not in text
        assert argv.index("--tmpfs") < argv.index(str(tmp_path / "venv"))  # private /tmp first, binds after
        assert oct(os.stat(box.root).st_mode & 0o777) == "0o700"
        assert os.stat(box.ipc_dir).st_uid == (61234 if root else os.geteuid())
    finally:
        box.close()
    assert not os.path.exists(box.root)


# --- what the run says about isolation --------------------------------------------------------

LIMITS = {"memory_mb": 1024, "max_procs": 32, "file_mb": 16}


def test_without_root_the_run_says_what_is_and_is_not_isolated(monkeypatch, capsys):
    from deepslow.grading import grade

    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    monkeypatch.setattr(sandbox, "probe", lambda plan, limits: None)  # bwrap works in a user namespace
    plans = grade.sandbox_plans(2, 61000, False, LIMITS, secrets=[])
    err = capsys.readouterr().err
    assert len(plans) == 2 and all(p["uid"] is None and not p["root"] for p in plans)
    assert "not running as root" in err and "own network, mount and pid namespaces" in err
    assert "Memory is limited per process" in err and "container recipe of docs/grading.md" in err
    monkeypatch.setattr(sandbox, "probe", lambda plan, limits: "bwrap: No permissions to creating new namespace")
    plans = grade.sandbox_plans(1, 61000, False, LIMITS, secrets=[])
    err = capsys.readouterr().err
    assert plans[0]["bwrap"] is None and "share the network" in err
    assert ("by Landlock only" if plans[0]["landlock"] else "NOT AT ALL") in err


@pytest.mark.skipif(os.geteuid() != 0, reason="the fallback from full isolation is a root-only path")
def test_as_root_a_sandbox_that_cannot_start_is_reported_before_falling_back(monkeypatch, capsys):
    from deepslow.grading import grade

    monkeypatch.setattr(sandbox, "probe", lambda plan, limits: None if plan["uid"] is None else "setpriv: EPERM")
    plans = grade.sandbox_plans(1, 64000, False, LIMITS, secrets=[])
    err = capsys.readouterr().err
    assert plans[0]["uid"] is None and "cannot confine kernels here as root (setpriv: EPERM)" in err
    assert "--same-user as root: kernels run as root without capabilities, in their own network" in err
    assert "root's access to the files they can see" in err and "container recipe" in err


def test_a_folder_on_sys_path_is_not_shown_to_kernels(tmp_path, monkeypatch):
    """A test runner, PYTHONPATH or a course repository can put any folder on sys.path; the
    kernel sees Python, its packages and deepslow's folders only."""
    from deepslow.grading import sandbox

    course = tmp_path / "course"
    course.mkdir()
    (course / "lesson.ipynb").write_text("{}")
    monkeypatch.syspath_prepend(str(course))
    paths = sandbox.python_paths()
    assert not any(str(course).startswith(p) for p in paths)
    assert any(__import__("numpy").__file__.startswith(p) for p in paths)


# --- names an answer must not use (names.py) -------------------------------------------------


def _cells(*specs):
    from deepslow.grading.runner import Cell

    return [Cell(kind, code, exercise) for kind, code, exercise in specs]


def test_an_answer_using_the_librarys_gradient_is_found_however_it_is_reached():
    from deepslow.grading.names import forbidden_uses

    banned = {"04-sigmoid-grad": ["get_gradient", "GRADIENTS", "_sigmoid_grad"]}
    direct = (
        "from deepslow.registry import get_gradient\n"
        "def sigmoid_grad(op, grad):\n    return get_gradient(op.node)(op, grad)"
    )
    assert forbidden_uses(_cells(("student", direct, "04-sigmoid-grad")), banned) == {
        "04-sigmoid-grad": ["get_gradient"]
    }
    helper = _cells(
        ("student", "import deepslow.registry as r\nlookup = r.GRADIENTS", None),
        ("student", "def helper(op):\n    return lookup['Sigmoid']", None),
        ("student", "def sigmoid_grad(op, grad):\n    return helper(op)(op, grad)", "04-sigmoid-grad"),
    )
    assert forbidden_uses(helper, banned) == {"04-sigmoid-grad": ["GRADIENTS"]}
    aliased = "from deepslow.ops import _sigmoid_grad as mine\ndef sigmoid_grad(op, grad):\n    return mine(op, grad)"
    assert forbidden_uses(_cells(("student", aliased, "04-sigmoid-grad")), banned) == {
        "04-sigmoid-grad": ["_sigmoid_grad"]
    }
    as_text = (
        "import deepslow.registry as r\n"
        "def sigmoid_grad(op, grad):\n    return getattr(r, 'get_gradient')(op.node)(op, grad)"
    )
    assert forbidden_uses(_cells(("student", as_text, "04-sigmoid-grad")), banned) == {
        "04-sigmoid-grad": ["get_gradient"]
    }


def test_an_honest_answer_and_the_lessons_own_cells_are_not_flagged():
    from deepslow.grading.names import forbidden_uses

    banned = {"04-sigmoid-grad": ["get_gradient"]}
    cells = _cells(
        ("locked", "from deepslow.registry import get_gradient", None),  # the lesson's setup: not the student's code
        ("student", "print(get_gradient)  # a demo cell the answer never calls", None),
        (
            "student",
            "def sigmoid_grad(op, grad):\n    s = op.output_value\n    return [grad * s * (1 - s)]",
            "04-sigmoid-grad",
        ),
        ("student", "def broken(:", None),  # a syntax error anywhere does not stop the reading
    )
    assert forbidden_uses(cells, banned) == {}
    assert forbidden_uses(cells, {}) == {}


def test_gradient_exercises_forbid_the_librarys_gradients_by_default():
    import deepslow as ds
    from deepslow.exercises import GradientExercise
    from deepslow.exercises.feedback import Feedback

    exercise = GradientExercise("zz-own-grad", "t", op=ds.sigmoid, cases={"c": (np.zeros(2),)}, may_not_use=["sigmoid"])
    exercise.reference(lambda op, grad: [grad * op.output_value * (1 - op.output_value)])
    data = Feedback.from_exercise(exercise).to_plain()
    assert {"get_gradient", "GRADIENTS", "gradients", "sigmoid"} <= set(data["may_not_use"])
    assert Feedback.from_plain(data).may_not_use == data["may_not_use"]
