"""Find the user's code on the stack: the innermost frame outside the libraries Skewer patches,
the standard library and Skewer itself, with the exact span of the call being executed."""
import linecache
import os
import sys
import sysconfig

_LIB_NAMES = ("pandas", "numpy", "sklearn", "scipy", "joblib", "imblearn", "threadpoolctl", "pyarrow")


def _library_roots():
    roots = [os.path.dirname(os.path.abspath(__file__))]
    for name in _LIB_NAMES:
        mod = sys.modules.get(name)
        f = getattr(mod, "__file__", None) if mod else None
        if f:
            roots.append(os.path.dirname(os.path.abspath(f)))
    for key in ("stdlib", "platstdlib"):
        try:
            roots.append(os.path.abspath(sysconfig.get_paths()[key]))
        except Exception:
            pass
    return tuple(r + os.sep for r in roots)


class Locator:
    """Caches per-file 'is user code' decisions and per-code-object instruction positions."""

    def __init__(self, cwd: str):
        self.cwd = cwd
        self._roots = _library_roots()
        self._user = {}
        self._positions = {}
        # pseudo filenames of notebook cells -> (notebook path, cell index)
        self.cells = {}
        # skewer.start() inside a live Jupyter kernel: the saved .ipynb, to map kernel cell files to cells
        self.live_notebook = None
        self._live = {}

    def _live_cell(self, filename, module_globals):
        """A live kernel compiles each cell into a temp file; find the saved cell with the same source."""
        if filename in self._live:
            return self._live[filename]
        hit = None
        try:
            from .notebook import load_cells
            src = "".join(linecache.getlines(filename, module_globals)).strip()
            for index, cell_src in load_cells(self.live_notebook):
                if cell_src.strip() == src and src:
                    hit = (self.rel(self.live_notebook), index)
                    break
        except Exception:
            hit = None
        self._live[filename] = hit
        return hit

    def refresh_roots(self):
        self._roots = _library_roots()
        self._user.clear()

    def is_user(self, filename: str) -> bool:
        r = self._user.get(filename)
        if r is None:
            if filename in self.cells:
                r = True
            elif filename.startswith("<"):
                # <stdin>, <string> (python -c), <ipython-input-…>: interactive user code; <frozen …>: stdlib
                r = not filename.startswith("<frozen")
            else:
                p = os.path.abspath(filename)
                r = not (p.startswith(self._roots) or f"{os.sep}site-packages{os.sep}" in p
                         or f"{os.sep}dist-packages{os.sep}" in p)
            self._user[filename] = r
        return r

    def user_frame(self, frame):
        """Innermost user frame at or above `frame`."""
        while frame is not None:
            if self.is_user(frame.f_code.co_filename):
                return frame
            frame = frame.f_back
        return None

    def rel(self, filename: str) -> str:
        p = os.path.abspath(filename)
        try:
            r = os.path.relpath(p, self.cwd)
        except ValueError:
            return p.replace(os.sep, "/")
        if r.startswith(".."):
            return p.replace(os.sep, "/")
        return r.replace(os.sep, "/")

    def _span(self, frame, lineno: int):
        code = frame.f_code
        pos = self._positions.get(code)
        if pos is None and hasattr(code, "co_positions"):
            pos = self._positions[code] = list(code.co_positions())
        if pos:
            i = frame.f_lasti // 2
            if 0 <= i < len(pos):
                l0, l1, c0, c1 = pos[i]
                if l0 is not None and c0 is not None and l1 is not None and c1 is not None:
                    return l0, c0, l1, c1, True
        return lineno, None, lineno, None, False

    def location(self, frame, lineno=None) -> dict:
        """Code location dict (without _producer/_schemaURL) of the instruction `frame` is executing.
        With `lineno` (a traceback line) the whole line is used."""
        filename = frame.f_code.co_filename
        if lineno is None:
            l0, c0, l1, c1, exact = self._span(frame, frame.f_lineno or 1)
        else:
            l0, c0, l1, c1, exact = lineno, None, lineno, None, False
        text0 = linecache.getline(filename, l0, frame.f_globals).rstrip("\n")
        if exact:
            col = _char_col(text0, c0) + 1
            text1 = text0 if l1 == l0 else linecache.getline(filename, l1, frame.f_globals).rstrip("\n")
            end_col = _char_col(text1, c1) + 1
        else:
            stripped = text0.lstrip()
            col = len(text0) - len(stripped) + 1
            end_col = len(text0.rstrip()) + 1
            if end_col <= col:
                end_col = col + 1
        loc = {"file": None, "line": l0, "col": col, "endLine": l1, "endCol": end_col,
               "code": text0.strip(), "function": frame.f_code.co_name}
        cell = self.cells.get(filename)
        if cell is None and self.live_notebook:
            cell = self._live_cell(filename, frame.f_globals)
        if cell is not None:
            loc["file"], loc["cell"] = cell
        else:
            loc["file"] = self.rel(filename)
        return loc


def _char_col(text: str, byte_offset: int) -> int:
    """CPython column offsets are UTF-8 byte offsets; the run log counts code points."""
    if text.isascii():
        return byte_offset
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))
