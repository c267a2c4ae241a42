"""The Jupyter server extension that sends kernel messages without Nagle's delay, and the places
that turn it on: `deepslow lessons`, a regular install's config file, and Binder's postBuild."""

import json
import os
import shutil
import subprocess
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
    """Run binder/postBuild in a copy of the repository with its own environment, as Binder does."""
    repo = tmp_path / "repo"
    skip = shutil.ignore_patterns(".git", ".venv", "my-lessons", "test-artifacts", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, repo, ignore=skip)
    env_dir = tmp_path / "env"
    venv.create(env_dir, system_site_packages=True, with_pip=True)  # jupyter_server from the system
    bin_dir = env_dir / "bin"
    environment = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["bash", "binder/postBuild"], cwd=repo, env=environment, check=True, capture_output=True)
    listing = subprocess.run(
        [str(bin_dir / "python"), "-m", "jupyter_server.extension.serverextension", "list"],
        env={**environment, "JUPYTER_CONFIG_DIR": str(tmp_path / "no-user-config")},
        capture_output=True,
        text=True,
        check=True,
    )
    output = listing.stdout + listing.stderr
    env_config = output.split(f"Config dir: {env_dir}/etc/jupyter")[1].split("Config dir:")[0]  # this env's part
    assert "deepslow.nodelay" in env_config and "enabled" in env_config and "OK" in env_config
    assert (repo / "my-lessons").is_dir()
