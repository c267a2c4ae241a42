"""The blind answer set stays honest: each wrong answer still fails one of our own probes and each
correct one passes them all (see README.md). verify.py runs in a fresh interpreter per exercise,
because the notebooks' cells change global state (NumPy's print options, deepslow's default graph
and gradient registry) that other tests must not inherit."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
VERIFY = HERE / "_verify" / "verify.py"
EXERCISES = sorted(p.name for p in HERE.iterdir() if p.is_dir() and p.name[:2].isdigit())


def run_verify(*args):
    return subprocess.run([sys.executable, str(VERIFY), *args], capture_output=True, text=True, timeout=600)


def test_one_folder_per_exercise_of_the_student_notebooks():
    sys.path.insert(0, str(HERE / "_verify"))
    try:
        import notebooks
    finally:
        sys.path.pop(0)
    ids = notebooks.exercise_ids()
    assert len(ids) == 27
    assert sorted(ids) == EXERCISES


@pytest.mark.parametrize("lesson", sorted({exercise_id[:2] for exercise_id in EXERCISES}))
def test_answers_behave_as_labelled(lesson):
    result = run_verify(*[exercise_id for exercise_id in EXERCISES if exercise_id.startswith(lesson)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all answers behave as labelled" in result.stdout


def test_a_mislabelled_answer_is_caught(tmp_path):
    """Flip one wrong answer to 'correct' and one correct answer to 'wrong': both must be reported."""
    folder = tmp_path / "02-softmax"
    shutil.copytree(HERE / "02-softmax", folder)
    wrong, correct = folder / "02-global-max.py", folder / "10-row-loop.py"
    wrong.write_text(wrong.read_text().replace("# blind-answer: wrong", "# blind-answer: correct", 1))
    correct.write_text(correct.read_text().replace("# blind-answer: correct", "# blind-answer: wrong", 1))
    result = run_verify("02-softmax", "--answers", str(tmp_path))
    assert result.returncode == 1
    bad = [line for line in result.stdout.splitlines() if line.strip().startswith("BAD")]
    assert len(bad) == 2, result.stdout
    assert any("02-global-max.py" in line and "nan" in line for line in bad), result.stdout
    assert any("10-row-loop.py" in line for line in bad), result.stdout


def test_a_file_that_loses_its_stub_or_header_is_caught(tmp_path):
    folder = tmp_path / "04-gd-step"
    shutil.copytree(HERE / "04-gd-step", folder)
    no_header = folder / "01-plus.py"
    no_header.write_text("\n".join(no_header.read_text().splitlines()[2:]) + "\n")
    no_def = folder / "03-no-learning-rate.py"
    no_def.write_text(no_def.read_text().replace("def gd_step(w, grad, lr):", "def step(w, grad, lr):"))
    result = run_verify("04-gd-step", "--answers", str(tmp_path))
    assert result.returncode == 1
    assert "FORMAT 01-plus.py" in result.stdout
    assert "FORMAT 03-no-learning-rate.py" in result.stdout


def test_too_few_answers_are_reported(tmp_path):
    folder = tmp_path / "06-torch-layout"
    folder.mkdir()
    shutil.copy(HERE / "06-torch-layout" / "01-no-transpose.py", folder)
    result = run_verify("06-torch-layout", "--answers", str(tmp_path))
    assert result.returncode == 1
    assert "TOO FEW: 1 wrong answers" in result.stdout
    assert "TOO FEW: 0 correct answers" in result.stdout


def test_the_readme_counts_are_the_files_counts():
    rows = re.findall(r"^\| (\d\d-[a-z0-9-]+) \| (\d+) \| (\d+) \|$", (HERE / "README.md").read_text(), re.MULTILINE)
    documented = {exercise_id: (int(wrong), int(correct)) for exercise_id, wrong, correct in rows}
    actual = {}
    for exercise_id in EXERCISES:
        verdicts = [path.read_text().split("\n", 1)[0] for path in (HERE / exercise_id).glob("*.py")]
        actual[exercise_id] = (verdicts.count("# blind-answer: wrong"), verdicts.count("# blind-answer: correct"))
    assert documented == actual


def test_the_index_lists_every_answer_as_it_is_now():
    result = run_verify("--index")
    assert result.returncode == 0, result.stderr
    assert (HERE / "INDEX.md").read_text() == result.stdout, "regenerate: verify.py --index > INDEX.md"
