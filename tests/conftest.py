"""Suite-wide settings: which notebooks pytest collects, a Jupyter setup of the suite's own,
and the lesson timing report."""

import os
import tempfile

import pytest

# Hermetic Jupyter: kernels, configs and IPython profiles come from this environment only, never
# from the user's own folders (a kernelspec "python3" there could point at another Python).
_JUPYTER_HOME = tempfile.mkdtemp(prefix="deepslow-tests-jupyter-")
for _variable, _folder in (("JUPYTER_DATA_DIR", "data"), ("JUPYTER_CONFIG_DIR", "config"), ("IPYTHONDIR", "ipython")):
    os.environ[_variable] = os.path.join(_JUPYTER_HOME, _folder)
os.environ.pop("JUPYTER_PATH", None)

collect_ignore_glob = ["fixtures/*"]  # test input notebooks, not lessons: nbval must not run them

_LESSON_TIMES = {}  # lesson file name -> seconds to run top to bottom


@pytest.fixture(autouse=True)
def restore_gradient_registry():
    """Gradients that a test registers (a learner's Cube op, a deliberately broken one) are
    global in deepslow, as in TensorFlow; put the registry back so no test sees another's."""
    from deepslow import registry

    saved = dict(registry.GRADIENTS)
    yield
    registry.GRADIENTS.clear()
    registry.GRADIENTS.update(saved)


@pytest.fixture(scope="session")
def lesson_times():
    """Tests record how long each lesson took here; the summary prints them at the end."""
    return _LESSON_TIMES


def pytest_terminal_summary(terminalreporter):
    if _LESSON_TIMES:
        terminalreporter.section("lesson run times (each must stay under 60 s)")
        for name, seconds in sorted(_LESSON_TIMES.items()):
            terminalreporter.write_line(f"{name:<45} {seconds:6.1f} s")
