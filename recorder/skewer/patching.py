"""Install and remove monkey patches, the wrappers that gate a patched call, and the common bracket every
recorded call goes through."""
import functools
import sys
import time
import warnings

from . import state


class Patcher:
    def __init__(self):
        self._undo = []
        self._seen = set()

    def set_attr(self, owner, name, new):
        key = (id(owner), name)
        if key in self._seen:
            return False
        self._seen.add(key)
        had = name in owner.__dict__ if isinstance(owner, type) else hasattr(owner, name)
        old = owner.__dict__[name] if isinstance(owner, type) and had else getattr(owner, name, None)
        setattr(owner, name, new)
        self._undo.append((owner, name, old, had))
        return True

    def patched(self, owner, name):
        return (id(owner), name) in self._seen

    def restore(self):
        while self._undo:
            owner, name, old, had = self._undo.pop()
            try:
                if had:
                    setattr(owner, name, old)
                else:
                    delattr(owner, name)
            except Exception:
                pass
        self._seen.clear()


def wrap_method(orig, handler):
    """orig (a method) as is unless recording and called from user code; then handler(session, mode, caller,
    orig, self, args, kwargs)."""
    @functools.wraps(orig)
    def wrapper(self, *args, **kwargs):
        s = state.ACTIVE
        if s is None:
            return orig(self, *args, **kwargs)
        caller = sys._getframe(1)
        mode = s.gate(caller)
        if mode is None:
            return orig(self, *args, **kwargs)
        return handler(s, mode, caller, orig, self, args, kwargs)
    wrapper.__skewer_wrapped__ = orig
    return wrapper


def wrap_function(orig, handler):
    """The same for a plain function: handler(session, mode, caller, orig, args, kwargs)."""
    @functools.wraps(orig)
    def wrapper(*args, **kwargs):
        s = state.ACTIVE
        if s is None:
            return orig(*args, **kwargs)
        caller = sys._getframe(1)
        mode = s.gate(caller)
        if mode is None:
            return orig(*args, **kwargs)
        return handler(s, mode, caller, orig, args, kwargs)
    wrapper.__skewer_wrapped__ = orig
    return wrapper


def run_recorded(s, mode, caller, function, kind, library, inputs, call, post, est=None, args=None,
                 inplace=False, on_fail=None, composite=False):
    """START, the real call (exactly once), then COMPLETE with post(result) -> (outputs, fitted facet),
    or FAIL (re-raising the user's exception unchanged)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            op = s.begin(function, kind, library, caller, mode, inputs, est=est, args=args, inplace=inplace)
    except Exception as e:
        s.warn(f"{function}: {type(e).__name__}: {e}")
        return call()
    if op is None:  # call-site cap reached
        return call()
    op.composite = composite
    t0 = time.perf_counter()
    try:
        result = call()
    except BaseException as e:
        dt = time.perf_counter() - t0
        fitted = None
        if on_fail is not None:
            try:
                fitted = on_fail(op)
            except Exception:
                fitted = None
        s.fail(op, e, dt, fitted)
        raise
    t1 = time.perf_counter()
    dt = t1 - t0
    s._local.busy = True
    # the recorder's own calls into pandas/sklearn must not print warnings into the user's output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            outputs, fitted = post(result, op)
        except Exception as e:
            s.warn(f"{function}: {type(e).__name__}: {e}")
            outputs, fitted = [], None
        finally:
            s._local.busy = False
        s.complete(op, outputs, dt, fitted, started=t1)
    return result


def caller_frame(depth=2):
    return sys._getframe(depth)


def module_function_map(patcher):
    """{id(original function): wrapper} for functions replaced on modules (to rebind names imported by value)."""
    import types
    out = {}
    for owner, name, old, had in patcher._undo:
        if isinstance(owner, types.ModuleType) and callable(old):
            out[id(old)] = (old, getattr(owner, name))
    return out
