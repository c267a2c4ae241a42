"""Run TF1 programs, unchanged, with `import tensorflow` giving TensorFlow 1 or deepslow.

    python run.py tensorflow OUTDIR 01_linear_regression.py 02_logistic_regression.py ...
    python run.py deepslow   OUTDIR 01_linear_regression.py ...

With "tensorflow", `import tensorflow as tf` gives `tensorflow.compat.v1` with TensorFlow 2's
behaviour switched off (what TF1 code needs today); with "deepslow", it gives deepslow. Each
program runs as a script (`__name__ == "__main__"`) in a process of its own, forked from this
one after the library is imported (importing TensorFlow takes seconds; a fork takes
milliseconds), in the directory OUTDIR/<program name>, where its output goes to stdout.txt and
stderr.txt and its exit status to status.txt. tests/test_tf1_programs.py compares the two.
"""

import os
import pathlib
import runpy
import sys
import traceback
import warnings


def tensorflow_1():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # no C++ start-up messages
    os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.compat.v1.layers needs tf_keras
    warnings.filterwarnings("ignore")  # deprecation notices about TF1 itself
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
    tf.logging.set_verbosity(tf.logging.ERROR)
    return tf


def run_in_child(program, workdir):
    """Fork; the child runs `program` in `workdir` with its output going to files there."""
    pid = os.fork()
    if pid:
        _, status = os.waitpid(pid, 0)
        (workdir / "status.txt").write_text(str(os.waitstatus_to_exitcode(status)))
        return
    code = 1
    try:
        os.chdir(workdir)
        for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
            os.dup2(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
        sys.argv = [str(program)]
        runpy.run_path(str(program), run_name="__main__")
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main():
    library, outdir, programs = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3:]
    if library == "tensorflow":
        module = tensorflow_1()
    elif library == "deepslow":
        import deepslow as module
    else:
        raise SystemExit(f"usage: run.py tensorflow|deepslow OUTDIR PROGRAM... (got {library!r})")
    sys.modules["tensorflow"] = module
    for program in programs:
        program = pathlib.Path(program).resolve()
        workdir = outdir / program.stem
        workdir.mkdir(parents=True)
        run_in_child(program, workdir)


if __name__ == "__main__":
    main()
