"""`deepslow gradescope`: the autograder zip, results.json against Gradescope's documented
format, and a local stand-in of Gradescope's harness grading lesson 4 with it.

Gradescope's specification (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
the zip's files are extracted into /autograder/source, `setup.sh` runs once as root, then for
each submission `run_autograder` runs with the student's files in /autograder/submission and
writes /autograder/results/results.json. RESULTS_SCHEMA below is that page's results.json
format written as a JSON schema; it is checked with `jsonschema` when it is installed (it is in
the project's environment: nbformat depends on it), else with the small check in `validate`.
"""

import json
import os
import shutil
import stat
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest
from grading_helpers import run_cli

from deepslow.grading import gradescope
from deepslow.grading.format import Assignment, read_notebook

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "lessons" / "04-gradient-descent-and-backprop.ipynb"
LESSON6 = ROOT / "lessons" / "06-real-frameworks.ipynb"

FORMATS = ["text", "html", "simple_format", "md", "ansi"]
VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"]
TEST_SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "max_score": {"type": "number"},
        "status": {"enum": ["passed", "failed"]},
        "name": {"type": "string"},
        "name_format": {"enum": FORMATS},
        "number": {"type": "string"},
        "output": {"type": "string"},
        "output_format": {"enum": FORMATS},
        "tags": {"type": "array", "items": {"type": "string"}},
        "visibility": {"enum": VISIBILITY},
        "extra_data": {"type": "object"},
    },
    "additionalProperties": False,
}
RESULTS_SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "output_format": {"enum": FORMATS},
        "test_output_format": {"enum": FORMATS},
        "test_name_format": {"enum": FORMATS},
        "visibility": {"enum": VISIBILITY},
        "stdout_visibility": {"enum": VISIBILITY},
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": TEST_SCHEMA},
        "leaderboard": {"type": "array"},
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["score"]}, {"required": ["tests"]}],  # "score ... required if not on each test"
}
OUR_TEST_FIELDS = {"name", "score", "max_score", "status", "output", "visibility"}  # what we promise per exercise


def validate(results):
    """results.json against RESULTS_SCHEMA (jsonschema when installed), and what we promise on top:
    a top-level score and every field of every test."""
    try:
        import jsonschema
    except ImportError:
        _validate_by_hand(results)
    else:
        jsonschema.validate(results, RESULTS_SCHEMA)
    assert isinstance(results.get("score"), (int, float))
    for test in results["tests"]:
        assert set(test) == OUR_TEST_FIELDS, test


def _validate_by_hand(results):
    kinds = {"number": (int, float), "string": str, "object": dict, "array": list}

    def check(value, schema):
        assert isinstance(value, dict)
        assert set(value) <= set(schema["properties"]), set(value) - set(schema["properties"])
        for key, item in value.items():
            rule = schema["properties"][key]
            if "enum" in rule:
                assert item in rule["enum"], (key, item)
            else:
                assert isinstance(item, kinds[rule["type"]]) and not isinstance(item, bool), (key, item)

    check(results, RESULTS_SCHEMA)
    assert "score" in results or "tests" in results
    for test in results.get("tests", []):
        check(test, TEST_SCHEMA)


def record(status="graded", **exercises):
    """A grader record as `deepslow grade` writes it (the fields results.json is made from)."""
    verdicts = {
        ex: {"status": st, "points": pts if st == "passed" else 0, "max_points": pts, "message": msg, "seconds": 0.1}
        for ex, (st, pts, msg) in exercises.items()
    }
    total = sum(v["points"] for v in verdicts.values())
    return {
        "student": "alice",
        "submission": "/autograder/submission/lesson.ipynb",
        "status": status,
        "total": total if status == "graded" else 0,
        "max_total": sum(v["max_points"] for v in verdicts.values()),
        "message": f"{total} of 3 points" if status == "graded" else "lesson.ipynb is not gradable: not JSON",
        "exercises": verdicts,
        "notes": [],
    }


# --- results.json -----------------------------------------------------------------------------


def test_schema_check_rejects_what_gradescope_does_not_document():
    good = gradescope.results_json(record(a=("passed", 1, "passed")))
    validate(good)
    for bad in (
        {**good, "tests": [{**good["tests"][0], "status": "ok"}]},
        {**good, "tests": [{**good["tests"][0], "visibility": "students"}]},
        {**good, "scores": 1},
        {**good, "score": "1"},
    ):
        with pytest.raises(Exception):  # noqa: B017 - jsonschema's ValidationError, or AssertionError by hand
            validate(bad)


def test_a_graded_record_becomes_one_test_per_exercise_and_the_total():
    results = gradescope.results_json(
        record(**{"04-gd-step": ("passed", 1, "passed"), "04-sigmoid-grad": ("failed", 2, "wrong on case 'x'")})
    )
    validate(results)
    assert results["score"] == 1
    assert [(t["name"], t["score"], t["max_score"], t["status"]) for t in results["tests"]] == [
        ("04-gd-step", 1, 1, "passed"),
        ("04-sigmoid-grad", 0, 2, "failed"),
    ]
    assert results["tests"][1]["output"] == "wrong on case 'x'"
    assert {t["visibility"] for t in results["tests"]} == {"visible"}
    assert results["stdout_visibility"] == "hidden"  # the autograder's log is for instructors


def test_visibility_is_passed_on_to_every_test():
    results = gradescope.results_json(record(a=("passed", 1, "passed")), visibility="after_due_date")
    validate(results)
    assert results["visibility"] == "after_due_date" and results["tests"][0]["visibility"] == "after_due_date"


def test_a_record_that_could_not_be_graded_scores_zero_and_says_why_at_the_top():
    results = gradescope.results_json(record(status="not gradable", a=("not graded", 2, "not JSON")))
    validate(results)
    assert results["score"] == 0 and results["tests"][0]["status"] == "failed"
    assert results["output"].startswith("Your notebook could not be graded: lesson.ipynb is not gradable")


def test_run_writes_results_json_even_when_grading_raises(tmp_path, monkeypatch, capsys):
    def broken(*args, **kwargs):
        raise RuntimeError("the grader broke")

    monkeypatch.setattr(gradescope, "grade_submission", broken)
    out = tmp_path / "results" / "results.json"
    gradescope.run(LESSON, tmp_path, out)
    results = json.loads(out.read_text())
    validate(results)
    assert results["score"] == 0 and "problem of the autograder, not of your work" in results["output"]
    assert "the grader broke" in capsys.readouterr().out  # the details go to the instructors' log only
    assert "the grader broke" not in out.read_text()


def test_a_submission_without_a_notebook_gets_a_result_that_says_so(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "answers.py").write_text("x = 1\n")
    results = gradescope.grade_submission(LESSON, tmp_path / "sub")
    validate(results)
    assert results["score"] == 0
    assert "No notebook (.ipynb file)" in results["output"] and "answers.py" in results["output"]
    assert LESSON.name in results["output"]


# --- what setup.sh installs -------------------------------------------------------------------


def test_import_scan_separates_optional_imports_and_skips_magics():
    code = (
        "%matplotlib inline\n!pip list\nimport numpy as np, os.path\nfrom PIL import Image\n"
        "try:\n    import torch\nexcept ImportError:\n    torch = None\n"
        "def f():\n    import sklearn.linear_model\n"
    )
    required, optional = gradescope.code_imports(code)
    assert required == {"numpy", "os.path", "PIL", "sklearn.linear_model"} and optional == {"torch"}
    assert gradescope.third_party(required) == {"numpy", "PIL", "sklearn"}
    assert [gradescope.pip_name(m) for m in ("PIL", "sklearn.linear_model", "IPython.display", "numpy")] == [
        "pillow",
        "scikit-learn",
        "ipython",
        "numpy",
    ]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    return gradescope.build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.mark.slow
def test_lesson_6_needs_tensorflow_and_not_pytorch(wheel):
    requirements, left_out = gradescope.lesson_requirements(nbformat.read(LESSON6, as_version=4), wheel)
    names = [r.split(">")[0].split("=")[0] for r in requirements]
    assert "tensorflow" in names  # optional in the lesson, and a requirement of deepslow's own tests
    assert "torch" not in names and left_out == ["torch"]  # optional, and never installed by deepslow
    assert {"nbformat", "nbclient", "ipykernel", "matplotlib"} <= set(names)


@pytest.mark.slow
def test_lesson_4_needs_what_its_cells_and_deepslow_widgets_import(wheel):
    requirements, left_out = gradescope.lesson_requirements(nbformat.read(LESSON, as_version=4), wheel)
    names = {r.split(">")[0].split("=")[0] for r in requirements}
    # matplotlib and IPython from the lesson's cells, ipywidgets from deepslow.widgets (followed in the wheel)
    assert {"matplotlib", "ipython", "ipywidgets", "numpy", "nbformat", "nbclient", "ipykernel"} <= names
    assert "tensorflow" not in names and "tensorboard" not in names and left_out == []
    assert "matplotlib>=3.7" in requirements  # deepslow's own version bound, from the wheel's metadata


# --- the zip ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    out = tmp_path_factory.mktemp("gradescope") / "autograder-04.zip"
    code, stdout, stderr = run_cli("gradescope", str(LESSON), str(out))
    assert code == 0, stderr
    return out, stdout


@pytest.mark.slow
def test_the_zip_holds_the_scripts_at_its_root_the_source_and_the_wheel(autograder):
    out, stdout = autograder
    with zipfile.ZipFile(out) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        (wheel,) = [name for name in infos if name.startswith("deepslow-") and name.endswith(".whl")]
        assert set(infos) == {"setup.sh", "run_autograder", "requirements.txt", LESSON.name, wheel}
        for script in ("setup.sh", "run_autograder"):
            mode = infos[script].external_attr >> 16
            assert stat.S_ISREG(mode) and mode & 0o111 == 0o111, oct(mode)  # executable once unzipped
            assert archive.read(script).startswith(b"#!/usr/bin/env bash\n")
        assert archive.read(LESSON.name) == LESSON.read_bytes()
        setup = archive.read("setup.sh").decode()
        requirements = archive.read("requirements.txt").decode().split()
        run = archive.read("run_autograder").decode()
    assert f'"$SOURCE/{wheel}" -r "$SOURCE/requirements.txt"' in setup
    assert {"matplotlib>=3.7", "ipywidgets>=8", "nbclient>=0.9", "ipykernel>=6"} <= set(requirements)
    assert f'--source "$SOURCE"/{LESSON.name}' in run and "results/results.json" in run
    assert f"wrote {out}" in stdout and "04-backward-pass (3 pt)" in stdout


@pytest.mark.slow
def test_run_autograder_writes_a_result_even_when_python_cannot_start(autograder, tmp_path):
    """setup.sh failed (no deepslow environment): the script still leaves a results.json."""
    out, _ = autograder
    source = tmp_path / "autograder" / "source"
    extract(out, source)
    (tmp_path / "autograder" / "submission").mkdir()
    done = subprocess.run([str(source / "run_autograder")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "without writing results.json" in done.stdout
    results = json.loads((tmp_path / "autograder" / "results" / "results.json").read_text())
    validate(results)
    assert results["score"] == 0 and "problem of the autograder" in results["output"]


def test_bad_input_gets_a_clear_error_naming_the_file(tmp_path):
    code, _, err = run_cli("gradescope", str(tmp_path / "missing.ipynb"), str(tmp_path / "a.zip"))
    assert code == 2 and f"the source notebook {tmp_path / 'missing.ipynb'} does not exist" in err
    plain = tmp_path / "plain.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), plain)
    code, _, err = run_cli("gradescope", str(plain), str(tmp_path / "a.zip"))
    assert code == 2 and f"{plain} has no graded exercise" in err
    code, _, err = run_cli("gradescope", str(LESSON), str(tmp_path / "autograder.tar"))
    assert code == 2 and f"{tmp_path / 'autograder.tar'}: the autograder must be a .zip file" in err
    assert not list(tmp_path.glob("a.zip")) and not list(tmp_path.glob("*.tar"))


def test_without_a_checkout_it_says_the_wheel_cannot_be_built(tmp_path, monkeypatch):
    import deepslow

    installed = tmp_path / "site-packages" / "deepslow"
    installed.mkdir(parents=True)
    monkeypatch.setattr(deepslow, "__file__", str(installed / "__init__.py"))
    with pytest.raises(gradescope.GradescopeError, match="deepslow is not installed from a checkout"):
        gradescope.checkout_root()


def extract(zip_path, folder):
    """Unzip as Gradescope does, with the files' modes (zipfile.extractall would drop them)."""
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            target = Path(archive.extract(info, folder))
            target.chmod(info.external_attr >> 16 & 0o777)


# --- a local stand-in of Gradescope's harness -------------------------------------------------

# Runs in a private mount namespace as root: a tmpfs becomes the new root, every top-level folder of
# the real one is bound into it (/tmp without what is mounted below it, so the new root does not
# appear inside itself) plus the test's folder at /autograder; then chroot. The machine's own
# / is never written to, and /autograder exists only for this process and its children.
HARNESS = r"""
set -eu
ag="$1"; new="$2"; command="$3"
mount -t tmpfs tmpfs "$new"
for entry in /*; do
    name="${entry#/}"
    if [ -L "$entry" ]; then
        ln -s "$(readlink "$entry")" "$new/$name"
    elif [ -d "$entry" ]; then
        mkdir "$new/$name"
        if [ "$name" = tmp ]; then mount --bind "$entry" "$new/$name"; else mount --rbind "$entry" "$new/$name"; fi
    fi
done
mkdir "$new/autograder"
mount --bind "$ag" "$new/autograder"
exec chroot "$new" /bin/bash -c "cd /autograder && $command"
"""
ENV = {  # a container's plain environment; pip may download from PyPI (its cache is root's own)
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "HOME": "/root",
    "LANG": "C.UTF-8",
    "DEEPSLOW_SETUP_NO_APT": "1",  # never apt-get install on the machine running the tests
}


def harness_skip_reason(tmp_path):
    if os.geteuid() != 0:
        return "the Gradescope stand-in needs root (a private mount namespace, like Gradescope's container)"
    if shutil.which("unshare") is None or shutil.which("chroot") is None:
        return "the Gradescope stand-in needs unshare and chroot (util-linux, coreutils)"
    new = tmp_path / "probe-root"
    new.mkdir()
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", f"mount -t tmpfs tmpfs {new} && touch {new}/x"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if done.returncode != 0:
        return f"unshare cannot make a private mount namespace here: {done.stderr.strip()}"
    return None


def in_harness(ag, command, timeout):
    new = ag.parent / "new-root"
    new.mkdir(exist_ok=True)
    return subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "bash", "-c", HARNESS, "-", str(ag), str(new), command],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
    )


@pytest.fixture(scope="module")
def harness(autograder, tmp_path_factory):
    """/autograder as Gradescope builds it: the zip in source/, setup.sh run once, run_autograder
    copied to /autograder. Yields grade(files) -> results.json of run_autograder on those files."""
    root = tmp_path_factory.mktemp("harness")
    reason = harness_skip_reason(root)
    if reason:
        pytest.skip(reason)
    ag = root / "autograder"
    extract(autograder[0], ag / "source")
    shutil.copy2(ag / "source" / "run_autograder", ag / "run_autograder")
    setup = in_harness(ag, "cd /autograder/source && ./setup.sh", timeout=1500)
    assert setup.returncode == 0, setup.stdout[-3000:] + setup.stderr[-3000:]
    assert (ag / gradescope.VENV / "bin" / "python").exists()

    def grade(files):
        submission = ag / "submission"
        shutil.rmtree(submission, ignore_errors=True)
        submission.mkdir()
        for name, data in files.items():
            (submission / name).write_bytes(data)
        done = in_harness(ag, "/autograder/run_autograder", timeout=900)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        results = json.loads((ag / "results" / "results.json").read_text())
        validate(results)
        return results, done.stdout

    yield grade


POINTS = Assignment(read_notebook(LESSON), LESSON).points


@pytest.mark.slow
def test_in_the_harness_the_source_scores_full_marks(harness):
    results, log = harness({LESSON.name: LESSON.read_bytes()})
    assert results["score"] == sum(POINTS.values()), results
    assert {t["name"]: (t["score"], t["max_score"], t["status"]) for t in results["tests"]} == {
        ex: (pts, pts, "passed") for ex, pts in POINTS.items()
    }
    assert "graded, " in log  # run_autograder's log line, for instructors


@pytest.mark.slow
def test_in_the_harness_the_student_version_scores_zero_without_hidden_code(harness, tmp_path):
    from deepslow.grading.assign import assign

    assign(LESSON, tmp_path / "student")
    results, _ = harness({"my-lesson-04.ipynb": (tmp_path / "student" / LESSON.name).read_bytes()})
    assert results["score"] == 0
    assert [t["name"] for t in results["tests"]] == list(POINTS)
    assert {t["status"] for t in results["tests"]} == {"failed"} and all(t["output"] for t in results["tests"])
    hidden = Assignment(read_notebook(LESSON), LESSON).hidden_lines()
    shown = "\n".join([results["output"], *(t["output"] for t in results["tests"])])  # what students read
    assert not [line for line in hidden if line in shown]


@pytest.mark.slow
def test_in_the_harness_a_file_that_is_not_json_gets_a_clear_result(harness):
    results, _ = harness({"lesson04.ipynb": b"this is not a notebook\n"})
    assert results["score"] == 0
    assert results["output"].startswith("Your notebook could not be graded: lesson04.ipynb")
    assert all(t["score"] == 0 and t["status"] == "failed" for t in results["tests"])
