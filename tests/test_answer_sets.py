"""Sets of learners' answers through the real check() (tests/answers_runner.py): the targets.

* tests/blind_answers/ — written blind from the student notebooks by someone who never saw the
  checks (merged from its own branch; set DEEPSLOW_BLIND_ANSWERS to run a copy elsewhere);
* tests/own_wrong_answers/ — my own answers, used while developing the checks;
* tests/own_holdout_answers/ — my own answers written after the checks, to estimate how the checks
  do on answers they were not tuned on: no false verdict and no check error is allowed there either,
  but its share of named mistakes is reported, not held to the 85% target.

Targets: at least 95% of the wrong answers caught, 85% named (a card that names a mistake or a
diagnosis, not only expected-vs-got), no false pass, no false fail, no check error.
"""

import os
from pathlib import Path

import pytest
from answers_runner import ROOT, figures, run, table

pytestmark = pytest.mark.slow

BLIND = Path(os.environ.get("DEEPSLOW_BLIND_ANSWERS", ROOT / "tests" / "blind_answers"))
OWN = ROOT / "tests" / "own_wrong_answers"
HOLDOUT = ROOT / "tests" / "own_holdout_answers"


@pytest.fixture(scope="module")
def results():
    """Every set at once: each lesson runs once, trying the answers of all sets at its exercises."""
    folders = [OWN, HOLDOUT] + ([BLIND] if BLIND.is_dir() else [])
    answers = run(folders)
    by_set = {folder: [a for a in answers if folder in a.path.parents] for folder in folders}
    for folder, group in by_set.items():
        print(f"\n== {folder.name} ({len(group)} answers)\n{table(group)}")
    return by_set


def _no_false_verdicts(group):
    f = figures(group)
    wrongly = [
        f"{a.name}: {a.verdict}"
        for a in group
        if a.verdict in ("false pass", "false fail", "check error", "timeout", "unknown exercise")
    ]
    assert not wrongly, wrongly
    assert f["caught %"] >= 95, f
    return f


def test_own_set_meets_the_targets(results):
    f = _no_false_verdicts(results[OWN])
    assert f["wrong"] >= 6 * 27 and f["named %"] >= 85, f


def test_holdout_set_has_no_false_verdict(results):
    f = _no_false_verdicts(results[HOLDOUT])
    assert f["wrong"] >= 3 * 26, f


def test_blind_set_meets_the_targets(results):
    if BLIND not in results:
        pytest.skip(f"the blind set is not here ({BLIND}): it is merged from its own branch")
    f = _no_false_verdicts(results[BLIND])
    assert f["named %"] >= 85, f


def test_the_runner_tells_a_false_pass_from_a_named_mistake(tmp_path):
    """The classification itself: a wrong answer that passes is a false pass, a right one a pass."""
    folder = tmp_path / "set" / "04-gd-step"
    folder.mkdir(parents=True)
    stub = "def gd_step(w, grad, lr):\n    return {}\n"
    (folder / "01.py").write_text(
        "# blind-answer: wrong\n# mistake: labelled wrong, but right\n" + stub.format("w - lr * grad")
    )
    (folder / "02.py").write_text("# blind-answer: correct\n# mistake: labelled right, but wrong\n" + stub.format("w"))
    (folder / "03.py").write_text("# blind-answer: wrong\n# mistake: the sign\n" + stub.format("w + lr * grad"))
    verdicts = {a.path.name: a.verdict for a in run([tmp_path / "set"])}
    assert verdicts == {"01.py": "false pass", "02.py": "false fail", "03.py": "named"}
