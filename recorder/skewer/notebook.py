"""Run a Jupyter notebook (nbformat 4) as a script: code cells in saved order, one shared namespace.
Each cell is compiled under its own pseudo filename so code locations carry the cell index."""
import json
import linecache
import os
import sys
import types


class NotebookError(Exception):
    pass


def load_cells(path):
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except json.JSONDecodeError as e:
        raise NotebookError(f"{path}:{e.lineno}: not valid JSON: {e.msg}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise NotebookError(f"{path}: not an nbformat 4 notebook (no 'cells' list)")
    if nb.get("nbformat") != 4:
        raise NotebookError(f"{path}: nbformat {nb.get('nbformat')!r} is not supported (need 4)")
    cells = []
    for i, c in enumerate(nb["cells"]):
        if c.get("cell_type") != "code":
            continue
        src = c.get("source", "")
        if isinstance(src, list):
            src = "".join(src)
        cells.append((i, _strip_magics(src)))
    return cells


def _strip_magics(src):
    """IPython magics and shell escapes cannot run in plain Python; comment them out, keeping line numbers."""
    out = []
    for line in src.split("\n"):
        t = line.lstrip()
        out.append(line[: len(line) - len(t)] + "# " + t if t.startswith(("%", "!")) else line)
    return "\n".join(out)


def _display(*objs, **_kwargs):
    for o in objs:
        print(repr(o))


def pseudo_filename(path, index):
    return f"{os.path.abspath(path)}#cell{index}"


def run_notebook(path, locator=None, rel=None):
    cells = load_cells(path)
    mod = types.ModuleType("__main__")
    mod.__file__ = os.path.abspath(path)
    mod.__dict__["__builtins__"] = __builtins__
    mod.__dict__["display"] = _display  # IPython's display(), common in notebooks
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = mod
    try:
        for index, src in cells:
            fname = pseudo_filename(path, index)
            lines = src.splitlines(True)
            linecache.cache[fname] = (len(src), None, lines, fname)
            if locator is not None:
                locator.cells[fname] = (rel or path, index)
            code = compile(src, fname, "exec")
            exec(code, mod.__dict__)
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved
