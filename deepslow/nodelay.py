"""A Jupyter server extension: send kernel messages to the browser without Nagle's delay.

jupyter_server's kernel websocket leaves TCP_NODELAY off, so a small message (the kernel's
"busy" status, say) can hold back the next ones until the browser acknowledges it, which
browsers delay by up to 40 ms. A TrainingPlayground then reaches the page in clumps, and only
one frame of each clump is painted. Tornado documents the cure: `set_nodelay(True)` once the
websocket is open. `deepslow lessons` passes it to JupyterLab, Binder's postBuild and a
regular `pip install` enable it through jupyter-config/; in another environment, start
JupyterLab with --ServerApp.jpserver_extensions=deepslow.nodelay=True.

It lives in the core package only so that loading it stays light (deepslow.widgets imports
ipywidgets and IPython); it imports jupyter_server only when a server loads it.
"""


def _jupyter_server_extension_points():
    return [{"module": "deepslow.nodelay"}]


def _load_jupyter_server_extension(serverapp):
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    if getattr(KernelWebsocketHandler, "_deepslow_nodelay", False):
        return
    original_open = KernelWebsocketHandler.open

    async def open_without_delay(self, *args, **kwargs):
        self.set_nodelay(True)
        return await original_open(self, *args, **kwargs)

    KernelWebsocketHandler.open = open_without_delay
    KernelWebsocketHandler._deepslow_nodelay = True
    serverapp.log.info("deepslow: kernel websockets send without Nagle's delay (TCP_NODELAY)")
