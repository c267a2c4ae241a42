"""Did the answer change its inputs in place?

`w -= lr * grad`, `z -= z.max()`, `tape.reverse()` or `feed[x] = ...` inside a function change the
caller's objects. The check would not notice from the return value alone (the answer may even
return the right numbers), but a caller that uses the same arrays afterwards gets wrong results,
far from the cause. So before an answer runs, a `Snapshot` copies what it was given; afterwards
`changed()` lists what is different, and the check reports it as the mistake.

Arrays are compared by value; lists and dicts by their items (the very same objects, in the same
order); other objects through their array attributes (a variable's `initial_value`, a tensor's
`data`), one level deep. That is enough for what learners write, and cheap.
"""

import numpy as np

MAX_COPIED = 5_000_000  # array elements copied per snapshot; beyond that, nothing more is watched
MAX_DEPTH = 4


class InputChangedError(Exception):
    """Raised by the check (not by the learner's code) when an answer changed an input in place."""

    def __init__(self, changes):
        self.changes = changes  # [(path, "array" | "list" | "dict")]
        super().__init__("changed in place: " + ", ".join(path for path, _ in changes))


class Snapshot:
    """A copy of what an answer was given, to compare with afterwards."""

    def __init__(self, named_values):
        self.watched, self.copied = [], 0
        seen = set()
        for name, value in named_values:
            self._take(name, value, 0, seen)

    def _take(self, path, value, depth, seen):
        if id(value) in seen or depth > MAX_DEPTH:
            return
        seen.add(id(value))
        if isinstance(value, np.ndarray):
            if self.copied + value.size <= MAX_COPIED and value.dtype != object:
                self.copied += value.size
                self.watched.append((path, value, "array", value.copy()))
        elif isinstance(value, list):
            self.watched.append((path, value, "list", list(value)))
            for i, item in enumerate(value[:200]):
                self._take(f"{path}[{i}]", item, depth + 1, seen)
        elif isinstance(value, tuple):
            for i, item in enumerate(value[:200]):
                self._take(f"{path}[{i}]", item, depth + 1, seen)
        elif isinstance(value, dict):
            self.watched.append((path, value, "dict", dict(value)))
            for key, item in list(value.items())[:200]:
                self._take(f"{path}[{_key_text(key)}]", item, depth + 1, seen)
        elif depth <= 2 and hasattr(value, "__dict__") and not isinstance(value, type) and not callable(value):
            for attr, item in list(vars(value).items())[:50]:
                if isinstance(item, np.ndarray):
                    self._take(f"{path}.{attr}", item, depth + 1, seen)

    def changed(self):
        """What was changed, as short paths ("w", "feed", "tape[2][0].data"), in the order given."""
        changes = []
        for path, obj, kind, copy in self.watched:
            if kind == "array":
                same = obj.shape == copy.shape and np.array_equal(obj, copy, equal_nan=obj.dtype.kind in "fc")
            elif kind == "list":
                same = len(obj) == len(copy) and all(a is b for a, b in zip(obj, copy))
            else:
                same = obj.keys() == copy.keys() and all(obj[k] is copy[k] for k in copy)
            if not same:
                changes.append((path, kind))
        return changes


def _key_text(key):
    name = getattr(key, "name", None)
    if isinstance(name, str) and hasattr(key, "op_type"):
        return repr(name)  # a graph node: by its name
    return repr(key)[:30]


def describe_changes(changes):
    """A card's sentence for what an answer changed in place, and which way to go instead."""
    path, kind = changes[0]
    more = f" (and {len(changes) - 1} more)" if len(changes) > 1 else ""
    if kind == "array":
        return (
            f"your function changed its input `{path}` in place{more}: the caller's array now holds other numbers. "
            f"`-=`, `+=`, `*=`, `/=` and assignments like `a[...] = ...` write into the array you were given; "
            f"compute a new array instead."
        )
    if kind == "list":
        return (
            f"your function changed the list `{path}` it was given{more} (its items were reordered, added or "
            f"removed). list.reverse(), list.sort(), append and pop work in place; reversed(...) or a copy do not."
        )
    return (
        f"your function changed the dict `{path}` it was given{more} (entries were added, removed or replaced). "
        f"Keep your results in a dict of your own."
    )
