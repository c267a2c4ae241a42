"""TF1 programs written as tutorials write them run UNCHANGED under TensorFlow and under deepslow,
and print the same numbers.

Each program in tests/tf1_programs/ starts with `import tensorflow as tf` and prints what it
computes. tf1_programs/run.py runs it in a process of its own with `tensorflow` meaning
`tensorflow.compat.v1` (v2 behaviour off), and again with `tensorflow` meaning deepslow; every
number printed must agree (relative 2e-5 unless the program's `# parity:` line says otherwise),
and the text around the numbers must be the same. The programs draw their data from seeded
NumPy, so both libraries see the same numbers; a program using TF's random ops prints only
what does not depend on the random stream (the two libraries' streams differ by design).
"""

import os
import pathlib
import re
import subprocess
import sys

import pytest

import deepslow

pytest.importorskip(
    "tensorflow", reason="TensorFlow is not installed (pip install -e '.[test]' to run the parity tests)"
)

HERE = pathlib.Path(__file__).parent / "tf1_programs"
PROGRAMS = sorted(p for p in HERE.glob("[0-9]*.py"))
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|nan|inf")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """{(library, program name): what it printed}, for every program under both libraries. Each
    library's runner imports it once and forks a process per program (see tf1_programs/run.py);
    the two runners work side by side."""
    root = pathlib.Path(deepslow.__file__).resolve().parent.parent  # the deepslow this test imports
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]))
    outdir = tmp_path_factory.mktemp("tf1_programs")
    runners = {
        library: subprocess.Popen(
            [sys.executable, str(HERE / "run.py"), library, str(outdir / library), *map(str, PROGRAMS)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for library in ("tensorflow", "deepslow")
    }
    for library, runner in runners.items():
        _, errors = runner.communicate(timeout=1200)
        assert runner.returncode == 0, f"the {library} runner failed:\n{errors[-3000:]}"
    return outdir


def output(printed, library, program):
    workdir = printed / library / program.stem
    status = (workdir / "status.txt").read_text()
    assert status == "0", f"{program.name} failed under {library}:\n{(workdir / 'stderr.txt').read_text()[-3000:]}"
    return (workdir / "stdout.txt").read_text()


def tolerance(program):
    """(rtol, atol): 2e-5 and 1e-6 unless the program has a line `# parity: rtol=..., atol=...`."""
    found = re.search(r"^# parity: (.*)$", program.read_text(), flags=re.MULTILINE)
    options = dict(rtol=2e-5, atol=1e-6)
    if found:
        options.update({k.strip(): float(v) for k, v in (item.split("=") for item in found.group(1).split(","))})
    return options["rtol"], options["atol"]


def _skeleton(line):
    """The text around the numbers, spacing ignored (NumPy pads arrays to the widest number)."""
    return "".join(NUMBER.sub("#", line).split())


def compare(theirs, ours, rtol, atol):
    """Line by line: the same text between the numbers (spacing aside), and numbers that agree."""
    their_lines, our_lines = theirs.splitlines(), ours.splitlines()
    assert len(our_lines) == len(their_lines), f"{len(our_lines)} lines printed, TensorFlow printed {len(their_lines)}"
    for number, (t, o) in enumerate(zip(their_lines, our_lines), start=1):
        where = f"line {number}:\n  TensorFlow: {t}\n  deepslow:   {o}"
        assert _skeleton(o) == _skeleton(t), f"different text on {where}"
        for a, b in zip(NUMBER.findall(t), NUMBER.findall(o)):
            a, b = float(a), float(b)
            assert abs(a - b) <= atol + rtol * abs(a) or (a != a and b != b), f"{b} vs TensorFlow's {a} on {where}"


@pytest.mark.slow
@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_program_prints_the_same_numbers_as_tensorflow(program, printed):
    theirs = output(printed, "tensorflow", program)
    ours = output(printed, "deepslow", program)
    assert NUMBER.search(theirs), f"{program.name} printed no numbers: nothing was compared"
    compare(theirs, ours, *tolerance(program))


def test_the_corpus_has_every_theme():
    assert len(PROGRAMS) >= 12
    text = "\n".join(p.read_text() for p in PROGRAMS)
    for must in ["tf.train.Saver", "tf.summary.FileWriter", "InteractiveSession", "tf.get_variable", "reuse=True"]:
        assert must in text, f"no program uses {must}"
    for must in ["tf.layers.dense", "RMSPropOptimizer", "AdagradOptimizer", "compute_gradients", "tf.assign"]:
        assert must in text, f"no program uses {must}"
    for program in PROGRAMS:
        assert program.read_text().lstrip().startswith(('"""', "#", "import")), program.name
        assert "import tensorflow as tf" in program.read_text(), program.name


@pytest.mark.parametrize(
    "theirs, ours",
    [("loss 0.5\n", "loss 0.51\n"), ("a 1\n", "b 1\n"), ("1 2\n", "1\n"), ("x\n", "x\ny\n")],
)
def test_compare_catches_a_difference(theirs, ours):
    with pytest.raises(AssertionError):
        compare(theirs, ours, 2e-5, 1e-6)


def test_compare_accepts_int_and_float_spellings_of_one_number():
    compare("step 3 [1 2]\n", "step 3.0 [1. 2.]\n", 2e-5, 1e-6)
