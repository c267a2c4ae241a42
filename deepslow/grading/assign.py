"""`deepslow assign SOURCE OUT`: student notebooks from source notebooks, plus a manifest.

The manifest (exercise ids, points, sha256 of every locked cell as the student sees it) is
written *outside* OUT, since OUT is what students receive. Running assign twice gives the same
bytes, so it is safe to re-run after fixing a typo in a source notebook.
"""

import json
from pathlib import Path

import nbformat

from .. import __version__
from .format import Assignment, checksum, read_notebook, student_version
from .gradebook import write_atomic


def source_notebooks(source):
    """The .ipynb files named by SOURCE (a notebook, or a folder of them, not recursive)."""
    source = Path(source)
    if source.is_dir():
        found = sorted(p for p in source.glob("*.ipynb") if not p.name.startswith("."))
        if not found:
            raise ValueError(f"{source} holds no .ipynb notebooks")
        return found
    if not source.exists():
        raise ValueError(f"{source} does not exist")
    return [source]


def default_manifest(out):
    out = Path(out)
    return out.parent / f"{out.name}.manifest.json"


def assign(source, out, manifest=None):
    """Write the student version of every source notebook into `out`; return the manifest dict."""
    notebooks = source_notebooks(source)
    out = Path(out)
    manifest = Path(manifest) if manifest else default_manifest(out)
    resolved_out = out.resolve()
    for path in notebooks:
        if path.resolve().parent == resolved_out:
            raise ValueError(f"refusing to write into {out}: it holds the source notebook {path.name}")
    if resolved_out == manifest.resolve().parent or resolved_out in manifest.resolve().parents:
        raise ValueError(f"the manifest {manifest} must be outside {out}, which students receive")
    parsed = [(path, Assignment(read_notebook(path), path)) for path in notebooks]  # validate all first
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for path, assignment in parsed:
        nb, locked = student_version(assignment)
        text = nbformat.writes(nb) + "\n"
        write_atomic(out / path.name, text)
        entries.append(
            {
                "notebook": path.name,
                "source_sha256": checksum(path.read_text(encoding="utf-8")),
                "student_sha256": checksum(text),
                "exercises": [{"id": ex, "points": pts} for ex, pts in assignment.points.items()],
                "total_points": sum(assignment.points.values()),
                "locked_cells": locked,
            }
        )
    data = {"deepslow": __version__, "notebooks": entries}
    write_atomic(manifest, json.dumps(data, indent=1, sort_keys=True) + "\n")
    return data, manifest
