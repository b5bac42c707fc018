"""Model artifacts: joblib / pickle / skops dump and load, recorded as `other` operators whose args name the file
(`artifact` write|read, absolute `path`, `sha256` of its bytes, the object's `class` and `objectId`). A serving run
is paired with the training run that wrote the model file it loads (same sha256, else same path)."""
import hashlib
import os

from .patch_pandas import FileRef
from .patching import run_recorded, wrap_function

HASH_CAP = 2 << 30  # files larger than 2 GiB are named by path only


def _path_of(target):
    """Absolute path of a dump/load target (a path, or an open file object with a real file name), else None."""
    if isinstance(target, (str, os.PathLike)):
        return os.path.abspath(os.fspath(target))
    name = getattr(target, "name", None)
    if isinstance(name, str) and os.path.exists(name):
        return os.path.abspath(name)
    return None


def _sha256(path):
    try:
        if os.path.getsize(path) > HASH_CAP:
            return None
        h = hashlib.sha256()
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _describe(s, obj, args):
    args["class"] = f"{type(obj).__module__}.{type(obj).__qualname__}"
    if hasattr(obj, "get_params") or hasattr(obj, "fit"):
        args["objectId"] = s.object_id(obj)


def _dumper(library, function, target_arg):
    def h(s, mode, caller, orig, args, kwargs):
        obj = args[0] if args else kwargs.get("value", kwargs.get("obj"))
        target = args[target_arg] if len(args) > target_arg else kwargs.get("filename", kwargs.get("file"))
        path = _path_of(target)
        if path is None:
            return orig(*args, **kwargs)
        ref = FileRef(path)
        info = {"artifact": "write", "path": path}
        _describe(s, obj, info)

        def post(res, op):
            if hasattr(target, "flush"):
                try:
                    target.flush()
                except Exception:
                    pass
            digest = _sha256(path) if not hasattr(target, "write") else None  # an open file may not be complete yet
            if digest:
                op.args["sha256"] = digest
            return [("file", ref, None, None)], None
        return run_recorded(s, mode, caller, function, "other", library, [], lambda: orig(*args, **kwargs), post,
                            args=info)
    return h


def _loader(library, function):
    def h(s, mode, caller, orig, args, kwargs):
        target = args[0] if args else kwargs.get("filename", kwargs.get("file"))
        path = _path_of(target)
        if path is None:
            return orig(*args, **kwargs)
        info = {"artifact": "read", "path": path}
        digest = _sha256(path) if os.path.isfile(path) else None
        if digest:
            info["sha256"] = digest

        def post(res, op):
            _describe(s, res, op.args)
            return [], None
        return run_recorded(s, mode, caller, function, "other", library, [FileRef(path)],
                            lambda: orig(*args, **kwargs), post, args=info)
    return h


def install(p):
    import pickle
    p.set_attr(pickle, "dump", wrap_function(pickle.dump, _dumper("pickle", "pickle.dump", 1)))
    p.set_attr(pickle, "load", wrap_function(pickle.load, _loader("pickle", "pickle.load")))
    try:
        import joblib
    except ImportError:  # pragma: no cover  (a scikit-learn dependency)
        joblib = None
    if joblib is not None:
        p.set_attr(joblib, "dump", wrap_function(joblib.dump, _dumper("joblib", "joblib.dump", 1)))
        p.set_attr(joblib, "load", wrap_function(joblib.load, _loader("joblib", "joblib.load")))
    try:
        import skops.io as sio
    except ImportError:
        sio = None
    if sio is not None:
        p.set_attr(sio, "dump", wrap_function(sio.dump, _dumper("skops", "skops.io.dump", 1)))
        p.set_attr(sio, "load", wrap_function(sio.load, _loader("skops", "skops.io.load")))
