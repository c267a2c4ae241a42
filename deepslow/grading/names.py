"""What a submitted answer uses, read from its code's text (never run).

An exercise may name what its answer must not use (`may_not_use`: the library's own version of
what it asks for, e.g. the registered gradient of sigmoid). The kernel cannot be asked whether an
answer calls them (it is the student's), so the runner reads the submission's code instead: the
answer cell of the exercise, and, through every name it uses, what the student's other cells
define under that name (a helper function, `gg = get_gradient`, an import with `as`). A name
written as a string (`getattr(registry, "get_gradient")`) counts too. What is built at run time
(`"get_" + "gradient"`) is not seen: a reader of the notebook would, and it is no accident.
"""

import ast


def used_names(node):
    """Every identifier `node` mentions: names, attributes, imports and identifier strings."""
    found = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            found.add(inner.id)
        elif isinstance(inner, ast.Attribute):
            found.add(inner.attr)
        elif isinstance(inner, ast.alias):
            found.update(inner.name.split("."))
        elif isinstance(inner, ast.Constant) and isinstance(inner.value, str) and len(inner.value) < 200:
            found.update(part for part in inner.value.split(".") if part.isidentifier())
    return found


def definitions(tree):
    """{name: identifiers its definition uses} for what a cell's top level defines."""
    defined = {}
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.setdefault(statement.name, set()).update(used_names(statement))
        elif isinstance(statement, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        defined.setdefault(name.id, set()).update(used_names(statement))
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            module = getattr(statement, "module", None) or ""
            for alias in statement.names:
                defined.setdefault(alias.asname or alias.name.split(".")[0], set()).update(
                    {*alias.name.split("."), *module.split(".")}
                )
    return defined


def _parse(code):
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def forbidden_uses(cells, may_not_use):
    """{exercise: sorted names of its `may_not_use` that its answer uses} (see the docstring).
    `cells`: the runner's cells; those of kind "student" are the student's code."""
    if not may_not_use:
        return {}
    trees = [(cell, _parse(cell.source)) for cell in cells if cell.kind == "student"]
    defined = {}
    for _, tree in trees:
        for name, uses in definitions(tree).items() if tree is not None else ():
            defined.setdefault(name, set()).update(uses)
    found = {}
    for exercise, names in may_not_use.items():
        reached = set()
        todo = [n for cell, tree in trees if cell.exercise == exercise and tree is not None for n in used_names(tree)]
        while todo:
            name = todo.pop()
            if name not in reached:
                reached.add(name)
                todo.extend(defined.get(name, ()))
        hits = sorted(reached & set(names))
        if hits:
            found[exercise] = hits
    return found
