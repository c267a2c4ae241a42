"""A Jupyter server extension: send kernel messages to the browser without Nagle's delay.

jupyter_server's kernel websocket leaves TCP_NODELAY off, so a small message (the kernel's
"busy" status, say) can hold back the next ones until the browser acknowledges it, which
browsers delay by up to 40 ms. A TrainingPlayground then reaches the page in clumps, and only
one frame of each clump is painted. Tornado documents the cure: `set_nodelay(True)` once the
websocket is open. `deepslow lessons` passes it to JupyterLab, Binder's postBuild and a
regular `pip install` enable it through jupyter-config/; in another environment, start
JupyterLab with --ServerApp.jpserver_extensions=deepslow.nodelay=True.

Once loaded it also sets DEEPSLOW_NODELAY=1 in the server's environment, which every kernel the
server starts inherits: a TrainingPlayground whose frames are acknowledged slowly then knows the
cure is in place (the network is slow) and does not advise turning it on.

It sits in the core package, not in deepslow.widgets, so a server loading it imports NumPy
but not ipywidgets and IPython; it imports jupyter_server only when a server loads it.
"""

import functools
import inspect
import os

MARKER = "DEEPSLOW_NODELAY"  # set to "1" in the server's environment, so its kernels can tell


def _jupyter_server_extension_points():
    return [{"module": "deepslow.nodelay"}]


def _load_jupyter_server_extension(serverapp):
    try:
        from jupyter_server.services.kernels.websocket import KernelWebsocketHandler
    except ImportError:  # an older jupyter_server: leave it as it is
        serverapp.log.warning("deepslow.nodelay: this jupyter_server has no KernelWebsocketHandler; not loaded")
        return
    if getattr(KernelWebsocketHandler, "_deepslow_nodelay", False):
        os.environ[MARKER] = "1"
        return
    original_open = KernelWebsocketHandler.open

    @functools.wraps(original_open)
    async def open_without_delay(self, *args, **kwargs):
        try:
            self.set_nodelay(True)
        except Exception as exc:  # never let a socket option stop the kernel from connecting
            serverapp.log.debug(f"deepslow.nodelay: could not set TCP_NODELAY: {exc}")
        result = original_open(self, *args, **kwargs)
        return await result if inspect.isawaitable(result) else result

    KernelWebsocketHandler.open = open_without_delay
    KernelWebsocketHandler._deepslow_nodelay = True
    os.environ[MARKER] = "1"  # kernels started from now on inherit it (jupyter_client copies os.environ)
    serverapp.log.info("deepslow: kernel websockets send without Nagle's delay (TCP_NODELAY)")
