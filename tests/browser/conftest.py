"""Real-browser test harness: JupyterLab and Notebook 7 on 127.0.0.1, driven by Playwright with
Debian's chromium.

One server per front end (`jupyter_server` for JupyterLab, `notebook7_server` for Notebook 7,
each started when a test first needs it) and one headless chromium serve the whole test session;
every test gets a fresh browser context (and, in JupyterLab, a fresh workspace). Use the `lab`
fixture from any test in tests/browser/:

    def test_my_lesson(lab):
        nb = lab.open_notebook(["import deepslow as tf", "tf.placeholder(tf.float32, name='x')"])
        nb.run_all()                          # runs every cell, waits until the kernel is idle
        assert nb.errors() == []              # exceptions raised by any cell
        assert nb.output(1).locator("svg").count() == 1
        nb.screenshot("my-lesson")            # test-artifacts/my-lesson.png

    lab.open_notebook(Path("lessons/01-graphs.ipynb"), files=[Path("lessons/data.csv")])

For other window sizes or Notebook 7: Lab(server, browser, viewport, file_browser=True) (see
test_browser_lecture.py).

Isolation: each server listens on 127.0.0.1 only, on a random free port, with a random token, a
temporary root directory and temporary Jupyter config/data/runtime/settings/workspace
directories (nothing from the user's ~/.jupyter leaks in). Its kernel is the Python running
pytest (a `python3` kernelspec written to a temporary JUPYTER_PATH). The server is stopped by
its pid (API shutdown, then SIGTERM, then SIGKILL of its process group) and is killed anyway
after DEEPSLOW_BROWSER_MAX_SECONDS (default 900). Playwright only ever launches the chromium
found by shutil.which("chromium"); it never downloads a browser. Without chromium these tests
skip, saying so.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ARTIFACTS = Path(os.environ.get("DEEPSLOW_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAX_SECONDS = float(os.environ.get("DEEPSLOW_BROWSER_MAX_SECONDS", "900"))


def pytest_collection_modifyitems(items):
    """Mark every test in this directory `browser`, so `pytest -m "not browser"` skips them all."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


# --- the JupyterLab server ---------------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JupyterServer:
    """A `jupyter lab` (app="lab") or Notebook 7 (app="notebook") process on 127.0.0.1 with a
    token and a temporary root directory. With nodelay=False the deepslow.nodelay server
    extension is switched off, as in a Jupyter started by hand without it."""

    APPS = {"lab": ("jupyterlab", "LabApp"), "notebook": ("notebook", "JupyterNotebookApp")}

    def __init__(self, base, app="lab", nodelay=True):
        self.base = Path(base)
        self.app, self.nodelay = app, nodelay
        self.root = self.base / "root"  # notebooks live here
        self.token = secrets.token_hex(16)
        self.process = None
        self.log_path = self.base / "jupyter-lab.log"
        self._watchdog = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def _environment(self):
        dirs = {name: self.base / name for name in ("config", "data", "runtime", "kernels-path", "ipython")}
        for path in dirs.values():
            path.mkdir(parents=True, exist_ok=True)
        kernel_dir = dirs["kernels-path"] / "kernels" / "python3"
        kernel_dir.mkdir(parents=True, exist_ok=True)
        spec = {  # the kernel is the very Python running pytest, so it imports this deepslow
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
        }
        (kernel_dir / "kernel.json").write_text(json.dumps(spec))
        settings = self.base / "settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True, exist_ok=True)  # no news or update toasts over the screenshots
        (settings / "notification.jupyterlab-settings").write_text(
            json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True})
        )
        notebook_settings = self.base / "settings" / "@jupyterlab" / "notebook-extension"
        notebook_settings.mkdir(parents=True, exist_ok=True)  # every cell stays in the DOM, even off-screen
        (notebook_settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
        env = dict(os.environ)
        env.pop("DEEPSLOW_NODELAY", None)  # only the server extension, when loaded, may say it is on
        env.update(
            JUPYTER_CONFIG_DIR=str(dirs["config"]),
            JUPYTER_DATA_DIR=str(dirs["data"]),
            JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
            JUPYTER_PATH=str(dirs["kernels-path"]),
            IPYTHONDIR=str(dirs["ipython"]),
            JUPYTER_PLATFORM_DIRS="1",
            PYTHONUNBUFFERED="1",
        )
        return env

    def start(self, timeout=90):
        self.root.mkdir(parents=True, exist_ok=True)
        env = self._environment()
        for _attempt in range(3):  # a free port can be taken between choosing and binding it
            self.port = _free_port()
            module, app = self.APPS[self.app]
            command = [
                sys.executable,
                "-m",
                module,
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={self.port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root}",
                f"--{app}.expose_app_in_browser=True",  # lets tests call window.jupyterapp.commands
                # as `deepslow lessons` and Binder do: kernel messages without Nagle's delay (or not)
                f"--ServerApp.jpserver_extensions=deepslow.nodelay={self.nodelay}",
            ]
            # Settings and workspaces are served by JupyterLab's server extension in both front ends
            for configured in {"LabApp", app}:
                command.append(f"--{configured}.user_settings_dir={self.base / 'settings'}")
                command.append(f"--{configured}.workspaces_dir={self.base / 'workspaces'}")
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                command.append("--allow-root")  # CI containers run as root; jupyter refuses without it
            log = self.log_path.open("ab")
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=self.root, start_new_session=True
            )
            log.close()
            if self._wait_ready(timeout):
                self._watchdog = threading.Timer(MAX_SECONDS, self.stop)
                self._watchdog.daemon = True
                self._watchdog.start()
                return self
            self.stop()
        raise RuntimeError(f"jupyter {self.app} did not start; its log ends with:\n{self.log_tail()}")

    def _wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                self.api("GET", "/api/status")
                return True
            except OSError:
                time.sleep(0.25)
        return False

    def api(self, method, path, timeout=10):
        """Call the server's REST API with the token; returns the decoded JSON (or None)."""
        request = urllib.request.Request(
            self.url + path,
            method=method,
            headers={"Authorization": f"token {self.token}"},
            data=b"" if method == "POST" else None,
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self):
        """Stop every kernel session (between tests, so two cores are not shared by stale kernels)."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self):
        """Stop the server we started, by its pid: ask nicely, then SIGTERM, then SIGKILL its group."""
        if self._watchdog is not None:
            self._watchdog.cancel()
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            self.api("POST", "/api/shutdown", timeout=5)
        except OSError:
            pass
        for stop in (lambda: None, lambda: os.kill(process.pid, signal.SIGTERM)):
            stop()
            try:
                process.wait(timeout=10)
                return
            except subprocess.TimeoutExpired:
                continue
        os.killpg(process.pid, signal.SIGKILL)  # the group we created with start_new_session
        process.wait(timeout=10)


def _serve(base, app, nodelay=True):
    server = JupyterServer(base, app=app, nodelay=nodelay)
    try:
        server.start()
    except RuntimeError as exc:
        pytest.fail(str(exc))
    return server


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory, chromium_path):
    """JupyterLab, as `deepslow lessons` starts it."""
    server = _serve(tmp_path_factory.mktemp("jupyterlab"), "lab")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def notebook7_server(tmp_path_factory, chromium_path):
    """Jupyter Notebook 7 (`jupyter notebook`), with the same server extension."""
    server = _serve(tmp_path_factory.mktemp("notebook7"), "notebook")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server_without_nodelay(tmp_path_factory, chromium_path):
    """JupyterLab started by hand, without deepslow's server extension."""
    server = _serve(tmp_path_factory.mktemp("plainlab"), "lab", nodelay=False)
    yield server
    server.stop()


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        pytest.skip("browser tests need Debian's chromium on PATH (apt-get install chromium); it was not found")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


class NotebookPage:
    """One notebook open in JupyterLab or Notebook 7, in its own browser context (both front ends
    are built from JupyterLab's parts: the same cells, outputs and `window.jupyterapp`)."""

    def __init__(self, page, path):
        self.page = page
        self.path = path

    # JavaScript run inside JupyterLab (exposed as window.jupyterapp by the server option above)
    _KERNEL_STATUS = "() => window.jupyterapp?.shell?.currentWidget?.sessionContext?.session?.kernel?.status ?? 'none'"
    _ERRORS = """() => {
        const errors = [];
        window.jupyterapp.shell.currentWidget.content.widgets.forEach((cell, i) => {
            if (cell.model.type !== 'code') return;
            for (const out of cell.model.outputs.toJSON())
                if (out.output_type === 'error') errors.push(`cell ${i}: ${out.ename}: ${out.evalue}`);
        });
        return errors;
    }"""

    def wait_for_kernel_idle(self, timeout=60):
        self.page.wait_for_function(f"() => ({self._KERNEL_STATUS})() === 'idle'", timeout=timeout * 1000)

    def run_all(self, timeout=120):
        """Run every cell (JupyterLab's own 'Run All Cells'), wait for the last one and an idle kernel."""
        self.wait_for_kernel_idle(timeout)
        self.page.evaluate(
            """() => { window.__dsRunAll = 'running';
                window.jupyterapp.commands.execute('notebook:run-all-cells')
                    .then(() => { window.__dsRunAll = 'done'; }, (e) => { window.__dsRunAll = 'failed: ' + e; }); }"""
        )
        self.page.wait_for_function("() => window.__dsRunAll !== 'running'", timeout=timeout * 1000)
        state = self.page.evaluate("() => window.__dsRunAll")
        assert state == "done", f"Run All did not finish: {state}"
        self.wait_for_kernel_idle(timeout)

    def errors(self):
        """'cell i: Name: message' for every cell whose output is an exception."""
        return self.page.evaluate(self._ERRORS)

    def cell(self, index):
        return self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(index)

    def output(self, index):
        """The output of cell `index` (a Playwright locator; it matches each output of a cell that has several)."""
        return self.cell(index).locator(".jp-OutputArea-output")

    def outputs(self, index):
        """The area holding all the outputs of cell `index`: one element, however many outputs."""
        return self.cell(index).locator(".jp-Cell-outputArea")

    def screenshot(self, name, locator=None):
        """Save a PNG of the page (or of one element) as test-artifacts/<name>.png; returns the path."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        if locator is not None:  # grow the window so a tall element fits below JupyterLab's toolbars
            viewport = self.page.viewport_size
            height = max(viewport["height"], int(locator.bounding_box()["height"]) + 300)
            self.page.set_viewport_size({"width": viewport["width"], "height": height})
            locator.scroll_into_view_if_needed()
            locator.screenshot(path=str(path))
            self.page.set_viewport_size(viewport)
        else:
            self.page.screenshot(path=str(path))
        return path


class Lab:
    """What the `lab` fixture gives a test: open notebooks in a fresh workspace of the shared server.

    The server may be a Notebook 7 one (then each notebook opens in its own page). In JupyterLab
    the file browser is folded away for more room, unless file_browser=True (JupyterLab's own
    default, as a lecturer who just started it sees it).
    """

    def __init__(self, server, browser, viewport, file_browser=False):
        self.server, self.browser, self.viewport = server, browser, viewport
        self.file_browser = file_browser
        self.contexts = []

    def open_notebook(self, cells_or_path, name=None, files=(), timeout=90):
        """Open a notebook, given as a list of code-cell sources or a path to an .ipynb file
        (copied into the server root, with any `files` it needs). Returns a NotebookPage once
        the notebook is shown and its kernel is idle."""
        import nbformat

        if isinstance(cells_or_path, (str, Path)) and str(cells_or_path).endswith(".ipynb"):
            source = Path(cells_or_path)
            name = name or source.name
            shutil.copy(source, self.server.root / name)
        else:
            name = name or f"test-{uuid.uuid4().hex[:8]}.ipynb"
            notebook = nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell(source) for source in cells_or_path],
                metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            )
            nbformat.write(notebook, self.server.root / name)
        for extra in files:
            shutil.copy(extra, self.server.root / Path(extra).name)

        context = self.browser.new_context(viewport=self.viewport)
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(timeout * 1000)
        if self.server.app == "notebook":
            page.goto(f"{self.server.url}/notebooks/{name}?token={self.server.token}")
        else:
            workspace = f"ws-{uuid.uuid4().hex[:8]}"  # a fresh workspace: no tabs left over from other tests
            page.goto(f"{self.server.url}/lab/workspaces/{workspace}/tree/{name}?reset&token={self.server.token}")
        page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
        page.wait_for_function("() => window.jupyterapp?.shell?.currentWidget?.content?.widgets?.length > 0")
        if self.server.app == "lab" and self.file_browser:
            page.evaluate(
                "() => { window.jupyterapp.shell.expandLeft(); window.jupyterapp.shell.activateById('filebrowser'); }"
            )
        elif self.server.app == "lab":
            page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # more room for the notebook
        notebook = NotebookPage(page, self.server.root / name)
        notebook.wait_for_kernel_idle(timeout)
        return notebook

    def close(self):
        for context in self.contexts:
            context.close()
        try:
            self.server.shutdown_kernels()
        except OSError:
            pass


@pytest.fixture
def lab(jupyter_server, browser):
    """JupyterLab in chromium. `lab.open_notebook(cells or path)` -> NotebookPage (see above)."""
    session = Lab(jupyter_server, browser, viewport={"width": 1280, "height": 900})
    yield session
    session.close()
