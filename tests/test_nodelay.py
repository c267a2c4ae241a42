"""The Jupyter server extension that sends kernel messages without Nagle's delay, and the places
that turn it on: `deepslow lessons`, a regular install's config file, and Binder's postBuild."""

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from deepslow import cli

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "jupyter-config" / "jupyter_server_config.d" / "deepslow.json"

websocket = pytest.importorskip("jupyter_server.services.kernels.websocket")


class FakeServerApp:
    class log:  # noqa: N801 - stands in for the server's logger
        lines = []

        @classmethod
        def info(cls, text):
            cls.lines.append(text)


def test_loading_the_extension_turns_nagle_off_when_a_kernel_websocket_opens(monkeypatch):
    from deepslow import nodelay

    calls = []

    async def original_open(self, kernel_id):
        calls.append(("open", kernel_id))

    handler_class = websocket.KernelWebsocketHandler
    monkeypatch.setenv(nodelay.MARKER, "0")  # restored (unset) after the test
    monkeypatch.setattr(handler_class, "open", original_open)
    monkeypatch.setattr(handler_class, "_deepslow_nodelay", False, raising=False)
    nodelay._load_jupyter_server_extension(FakeServerApp)
    nodelay._load_jupyter_server_extension(FakeServerApp)  # loading twice wraps once
    assert os.environ[nodelay.MARKER] == "1"  # the kernels this server starts can tell it is loaded

    class Handler:
        def set_nodelay(self, value):
            calls.append(("nodelay", value))

    opening = handler_class.open(Handler(), "kernel-1")
    with pytest.raises(StopIteration):  # nothing in it waits, so it runs to the end at once:
        opening.send(None)  # no event loop needed (the browser tests hold the main thread's)
    assert calls == [("nodelay", True), ("open", "kernel-1")]  # Nagle off first, then the usual open
    assert any("TCP_NODELAY" in line for line in FakeServerApp.log.lines)
    assert nodelay._jupyter_server_extension_points() == [{"module": "deepslow.nodelay"}]


def test_lessons_command_starts_jupyterlab_with_the_extension(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command: started.append(command) or 0)
    assert cli.main(["lessons", "--dir", str(tmp_path / "mine"), "--no-browser"]) == 0
    (command,) = started
    assert "--ServerApp.jpserver_extensions=deepslow.nodelay=True" in command


def test_the_installed_config_file_enables_the_extension():
    assert json.loads(CONFIG.read_text()) == {"ServerApp": {"jpserver_extensions": {"deepslow.nodelay": True}}}
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["data-files"]
    assert data_files["etc/jupyter/jupyter_server_config.d"] == [str(CONFIG.relative_to(ROOT))]


@pytest.mark.slow
def test_binder_postbuild_enables_the_extension(tmp_path):
    """Do what Binder does, in a copy of the repository and a fresh environment: install
    binder/requirements.txt, then run binder/postBuild. The environment sees the packages of
    this test run's own environment (so pip downloads only what the pins change) and nothing
    of the machine's base Python."""
    repo = tmp_path / "repo"
    skip = shutil.ignore_patterns(".git", ".venv", "my-lessons", "test-artifacts", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, repo, ignore=skip)
    env_dir = tmp_path / "env"
    venv.create(env_dir, system_site_packages=False, with_pip=True)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "test-run-packages.pth").write_text(ours + "\n")  # (a path line: its .pth files are not run)
    environment = {**os.environ, "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    environment.pop("PYTHONPATH", None)
    for step in (
        ["python", "-m", "pip", "install", "-q", "-r", "binder/requirements.txt"],
        ["bash", "binder/postBuild"],
    ):
        done = subprocess.run(step, cwd=repo, env=environment, capture_output=True, text=True)
        assert done.returncode == 0, f"{' '.join(step)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    listing = subprocess.run(
        [str(python), "-m", "jupyter_server.extension.serverextension", "list"],
        env={**environment, "JUPYTER_CONFIG_DIR": str(tmp_path / "no-user-config")},
        capture_output=True,
        text=True,
        check=True,
    )
    output = listing.stdout + listing.stderr
    env_config = output.split(f"Config dir: {env_dir}/etc/jupyter")[1].split("Config dir:")[0]  # this env's part
    assert "deepslow.nodelay" in env_config and "enabled" in env_config and "OK" in env_config
    assert sorted(p.name for p in (repo / "my-lessons").glob("*.ipynb")) == sorted(
        p.name for p in (ROOT / "lessons").glob("*.ipynb")
    )
