"""Submitted files are hostile input: finding them, naming them, reading them.

* `collect` lists every entry whose name ends in ".ipynb" in the folders given (and one level of
  subfolders: nbgrader's submitted/<student>/), whatever it is. A FIFO, a device or a symlink
  named x.ipynb is listed too: it gets a row saying why it was not graded. Subfolders are never
  entered through a symlink, and hidden folders (.ipynb_checkpoints) are passed over.
* `student_ids` gives every file an id that is safe as a file name and as a CSV cell, and
  distinct for distinct files, whatever the names (245 characters, unicode, newlines, a
  leading dash, "...ipynb").
* `read_bytes` reads a regular file only (never through a symlink, not even a folder on its way
  below the folder given on the command line, never blocking on a FIFO), and at most a fixed
  size: the grader reads a submission once, hashes those bytes and grades exactly them.
"""

import errno
import hashlib
import os
import re
import stat
from pathlib import Path

SUFFIX = ".ipynb"
MAX_BYTES = 50 * 2**20
_CLEAN_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._@-]{0,63}$")  # no leading "=+-@": never a spreadsheet formula


class NotGradableError(ValueError):
    """The entry cannot be graded (not a regular file, too large, unreadable); the message says why."""


def collect(items):
    """{submission path: the folder given on the command line it was found in} (for a file named
    on the command line, its own folder). Raises FileNotFoundError naming an item that does not
    exist (the instructor's typo). read_bytes uses the folder to open the file without following
    any symlink below it, even one planted after this listing."""
    found = {}
    for item in items:
        path = Path(item)
        if path.is_dir():  # the instructor's folder: followed even if it is a symlink
            for entry in _entries(path):
                if entry.name.endswith(SUFFIX) and not entry.is_dir(follow_symlinks=False):
                    found.setdefault(Path(entry.path), path)
                elif entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                    for inner in _entries(Path(entry.path)):
                        if inner.name.endswith(SUFFIX) and not inner.is_dir(follow_symlinks=False):
                            found.setdefault(Path(inner.path), path)
        elif os.path.lexists(path):
            found.setdefault(path, path.parent)
        else:
            raise FileNotFoundError(item)
    return found


def _entries(folder):
    try:
        with os.scandir(folder) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError:
        return []


def _stem(path):
    name = path.name
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name


def _digest(text, length):
    return hashlib.sha256(os.fsencode(text)).hexdigest()[:length]


def _readable_part(raw):
    """The name with every character outside [A-Za-z0-9._@-] replaced, no leading punctuation."""
    return re.sub(r"[^A-Za-z0-9._@-]", "_", raw).lstrip(".@-")[:40]


def student_ids(bases):
    """{student id: path} for {path: the folder it was found in} (see collect).

    A notebook alone in a subfolder is named by that folder (nbgrader's submitted/alice/04.ipynb
    is "alice"); any other by its file name without .ipynb (submitted/alice.ipynb, or each of
    several in one subfolder). So each id depends only on the file and its own folder: a file a
    student adds elsewhere never renames a classmate. Made safe and distinct by safe_ids."""
    alone = {}
    for path, base in bases.items():
        if path.parent != Path(base):
            alone[path.parent] = path.parent not in alone
    raw = {str(p): (p.parent.name if alone.get(p.parent) else _stem(p)) for p in bases}
    ids = safe_ids(raw)
    return {ids[str(p)]: p for p in sorted(bases, key=str)}


def safe_ids(names):
    """{key: id} for {key: name as found}: each name with every character outside letters, digits
    and ._@- replaced by "_" ("bob smith" -> "bob_smith"), at most 64 characters, starting with a
    letter, a digit or "_". A name with nothing left ("...ipynb", "-.ipynb") becomes
    "student-<hash of the name>"; ids that two keys would share get a hash of each key instead.
    So two keys never share an id, and the same keys get the same ids every run."""
    first = {k: r if _CLEAN_ID.match(r) else _readable_part(r) or f"student-{_digest(r, 8)}" for k, r in names.items()}
    counts = {}
    for candidate in first.values():
        counts[candidate] = counts.get(candidate, 0) + 1
    ids, taken = {}, set()
    for key in sorted(names):
        candidate = first[key]
        if counts[candidate] > 1:  # shared: tell them apart by their whole key (a path)
            candidate = f"{_readable_part(names[key]) or 'student'}-{_digest(key, 12)}"
        base, n = candidate, 2
        while candidate in taken:  # only if a name looks like another key's hashed id
            candidate, n = f"{base}-{n}", n + 1
        ids[key] = candidate
        taken.add(candidate)
    return ids


def _open_below(path, base):
    """A read-only fd for `path`, opened from `base` one folder at a time without following a
    symlink (openat with O_NOFOLLOW), and without blocking on a FIFO."""
    path = Path(path)
    parts = path.relative_to(base).parts if base is not None else (str(path),)
    folder = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC) if base is not None else None
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder)
            os.close(folder)
            folder = inner
        return os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    finally:
        if folder is not None:
            os.close(folder)


def read_bytes(path, max_bytes=MAX_BYTES, base=None):
    """The bytes of a regular file, read without following a symlink (none below `base`, the
    folder it was found in) and without blocking. Raises NotGradableError with a reason an
    instructor can act on."""
    try:
        fd = _open_below(path, base)
    except OSError as exc:
        if os.path.islink(path):
            raise NotGradableError("it is a symbolic link, not a file (only regular files are graded)") from None
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise NotGradableError("a folder on its path is a symbolic link (not followed)") from None
        raise NotGradableError(f"it cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotGradableError(f"it is {_kind(info.st_mode)}, not a regular file (only regular files are graded)")
        if info.st_size > max_bytes:
            raise NotGradableError(f"it is {info.st_size / 2**20:.0f} MB; the limit is {max_bytes // 2**20} MB")
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(fd, min(2**20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:
            raise NotGradableError(f"it is larger than {max_bytes // 2**20} MB")
        return b"".join(chunks)
    except OSError as exc:
        raise NotGradableError(f"it cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def _kind(mode):
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((text for test, text in kinds if test(mode)), "a special file")
