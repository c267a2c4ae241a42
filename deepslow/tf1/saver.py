"""tf.train.Saver: save a session's variables to a file and restore them, with TF1's paths.

    saver = tf.train.Saver()
    path = saver.save(sess, "checkpoints/model.ckpt", global_step=100)   # "checkpoints/model.ckpt-100"
    ...
    saver.restore(sess, tf.train.latest_checkpoint("checkpoints"))

deepslow's checkpoint format is its own, and simple: ONE NumPy .npz file, `<path>.npz`, holding
one array per variable under the variable's name (read it with `np.load("model.ckpt-100.npz")`).
TensorFlow's own format (an .index file plus data shards, and a .meta graph) is not written or
read: a checkpoint moves between deepslow sessions, not between deepslow and TensorFlow. As in
TF, a small text file `checkpoint` next to it records the latest checkpoints, for
`latest_checkpoint`.
"""

import os
import re

import numpy as np

from ..graph import Node, Variable, get_default_graph

STATE_FILE = "checkpoint"


class Saver:
    """Saves and restores `var_list` (default: every variable of the graph now): a list of
    Variables, saved under their names, or a dict {name in the file: Variable}."""

    def __init__(self, var_list=None, max_to_keep=5, name=None, **unused_options):
        if var_list is None:
            var_list = [n for n in get_default_graph().nodes if isinstance(n, Variable)]
        if isinstance(var_list, dict):
            named = dict(var_list)
        else:
            named = {}
            for var in var_list:
                if not isinstance(var, Variable):
                    raise TypeError(f"Saver saves Variables; {var!r:.80} is not one")
                if var.name in named:
                    raise ValueError(f"Saver got two variables named {var.name!r}; pass a dict {{name: variable}}")
                named[var.name] = var
        if not named:
            raise ValueError("No variables to save: create the Variables before the Saver")
        self.variables = named
        self.max_to_keep = max_to_keep
        self._last_checkpoints = []

    @property
    def last_checkpoints(self):
        """The paths this Saver wrote and still keeps, oldest first."""
        return list(self._last_checkpoints)

    def save(self, sess, save_path, global_step=None, latest_filename=None, write_state=True, **unused_options):
        """Write the variables' values in `sess` to `<save_path>[-<step>].npz`; return that path
        without the extension (what restore and latest_checkpoint take)."""
        if global_step is not None:
            step = sess.run(global_step) if isinstance(global_step, Node) else global_step
            save_path = f"{save_path}-{int(step)}"
        directory = os.path.dirname(save_path) or "."
        if not os.path.isdir(directory):
            raise ValueError(
                f"Parent directory of {save_path} doesn't exist, can't save. Create it first (os.makedirs)."
            )
        values = sess.variable_values(list(self.variables.values()))
        arrays = {name: values[var] for name, var in self.variables.items()}
        _write_npz(_file_of(save_path), arrays)
        if save_path in self._last_checkpoints:
            self._last_checkpoints.remove(save_path)
        self._last_checkpoints.append(save_path)
        while self.max_to_keep and len(self._last_checkpoints) > self.max_to_keep:
            old = self._last_checkpoints.pop(0)
            if os.path.exists(_file_of(old)):
                os.remove(_file_of(old))
        if write_state:
            _write_state(directory, save_path, self._last_checkpoints, latest_filename or STATE_FILE)
        return save_path

    def restore(self, sess, save_path):
        """Set the variables in `sess` to the values saved at `save_path` (no initializer needed)."""
        if save_path is None:
            raise ValueError("Can't load save_path when it is None (did latest_checkpoint find no checkpoint?)")
        path = _file_of(save_path)
        if not os.path.isfile(path):
            raise ValueError(
                f"The passed save_path is not a valid checkpoint: {save_path} (deepslow looks for {path}, "
                "written by deepslow's Saver.save; TensorFlow's own checkpoints cannot be read)"
            )
        with np.load(path, allow_pickle=False) as saved:
            missing = [name for name in self.variables if name not in saved.files]
            if missing:
                raise ValueError(
                    f"Key {missing[0]} not found in checkpoint {path} (it holds: {', '.join(saved.files)})"
                )
            sess.load_variables({var: saved[name] for name, var in self.variables.items()})


def _file_of(save_path):
    return f"{save_path}.npz"


def _write_npz(path, arrays):
    """Write to a temporary file first, then rename: a crash mid-write leaves the old checkpoint whole."""
    partial = f"{path}.partial"
    with open(partial, "wb") as file:
        np.savez(file, **arrays)
    os.replace(partial, path)


def _write_state(directory, latest, all_paths, filename):
    """The `checkpoint` file, in TF's text form; paths relative to the directory."""
    lines = [f'model_checkpoint_path: "{os.path.basename(latest)}"']
    lines += [f'all_model_checkpoint_paths: "{os.path.basename(p)}"' for p in all_paths]
    with open(os.path.join(directory, filename), "w") as file:
        file.write("\n".join(lines) + "\n")


class CheckpointState:
    """What get_checkpoint_state reads from a `checkpoint` file."""

    def __init__(self, model_checkpoint_path, all_model_checkpoint_paths):
        self.model_checkpoint_path = model_checkpoint_path
        self.all_model_checkpoint_paths = all_model_checkpoint_paths


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The latest checkpoint and all kept ones in `checkpoint_dir`, or None if it has none."""
    path = os.path.join(checkpoint_dir, latest_filename or STATE_FILE)
    if not os.path.isfile(path):
        return None
    with open(path) as file:
        entries = re.findall(r'^(\w+): "(.*)"$', file.read(), flags=re.MULTILINE)

    def located(p):
        return p if os.path.isabs(p) else os.path.join(checkpoint_dir, p)

    latest = [located(p) for key, p in entries if key == "model_checkpoint_path"]
    kept = [located(p) for key, p in entries if key == "all_model_checkpoint_paths"]
    return CheckpointState(latest[-1], kept) if latest else None


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The path of the newest checkpoint saved in `checkpoint_dir`, or None (as in TF)."""
    state = get_checkpoint_state(checkpoint_dir, latest_filename)
    if state is None or not os.path.isfile(_file_of(state.model_checkpoint_path)):
        return None
    return state.model_checkpoint_path


def checkpoint_exists(checkpoint_prefix):
    return os.path.isfile(_file_of(checkpoint_prefix))
