"""scikit-learn entry points: estimator construction sites, fit/transform/predict/score/fit_resample of every
estimator class (patched on the class that defines the method, lazily for classes imported later),
train_test_split and the cross-validation helpers."""
import functools
import inspect
import sys

import numpy as np

from . import lineage as L
from . import state
from .jsonsafe import to_json
from .patching import run_recorded
from .patching import wrap_function as _function
from .session import n_rows

METHODS = ("fit", "transform", "fit_transform", "predict", "predict_proba", "decision_function", "score",
           "fit_resample", "inverse_transform")
KIND = {"fit": "fit", "transform": "transform", "inverse_transform": "transform", "fit_transform": "fit_transform",
        "predict": "predict", "predict_proba": "predict", "decision_function": "predict", "score": "score",
        "fit_resample": "resample"}
PORT = {"transform": "out", "inverse_transform": "out", "fit_transform": "out", "predict": "pred",
        "predict_proba": "proba", "decision_function": "decision"}
FITS = ("fit", "fit_transform", "fit_resample")
CV_FUNCS = ("cross_val_score", "cross_validate", "cross_val_predict")

_P = None            # the Patcher of the active session
_patched_classes = set()


def _library(est):
    return "imblearn" if type(est).__module__.startswith("imblearn") else "sklearn"


def _qual(cls):
    return f"{cls.__module__}.{cls.__qualname__}"


def _composites():
    from sklearn.compose import ColumnTransformer
    from sklearn.pipeline import FeatureUnion, Pipeline
    return Pipeline, ColumnTransformer, FeatureUnion


def _is_search(est):
    try:
        from sklearn.model_selection._search import BaseSearchCV
        return isinstance(est, BaseSearchCV)
    except Exception:
        return False


def _role(est):
    Pipeline, ColumnTransformer, FeatureUnion = _composites()
    if isinstance(est, Pipeline):
        return "pipeline"
    if hasattr(est, "fit_resample"):
        return "sampler"
    if isinstance(est, (ColumnTransformer, FeatureUnion)):
        return "transformer"
    if hasattr(est, "predict"):
        return "model"
    if hasattr(est, "transform"):
        return "transformer"
    return "other"


def _xy(method, args, kwargs):
    X = args[0] if args else kwargs.get("X")
    y = args[1] if len(args) > 1 else kwargs.get("y", kwargs.get("Y"))
    if method in ("transform", "predict", "predict_proba", "decision_function", "inverse_transform"):
        y = None
    return X, y


def _feature_names(est, out):
    try:
        if hasattr(est, "get_feature_names_out") and hasattr(out, "shape") and len(out.shape) == 2:
            names = est.get_feature_names_out()
            if len(names) == out.shape[1]:
                return list(names)
    except Exception:
        pass
    return None


def _learned(est):
    out = {}
    for k, v in vars(est).items():
        if k.endswith("_") and not k.startswith("_") and not k.endswith("__"):
            try:
                out[k] = to_json(v)
            except Exception as e:
                out[k] = {"repr": f"<unserialisable: {type(e).__name__}>", "type": type(v).__name__}
    return out


def _params(est):
    try:
        return {k: to_json(v, 3) for k, v in est.get_params(deep=False).items()}
    except Exception as e:
        return {"error": f"{type(e).__name__}: {e}"}


def _steps(s, est):
    Pipeline, ColumnTransformer, FeatureUnion = _composites()
    steps = []
    try:
        if isinstance(est, Pipeline):
            items = [(n, t, None) for n, t in est.steps]
        elif isinstance(est, ColumnTransformer):
            items = [(n, t, c) for n, t, c in getattr(est, "transformers_", est.transformers)]
        elif isinstance(est, FeatureUnion):
            items = [(n, t, None) for n, t in est.transformer_list]
        else:
            return None
        for n, t, c in items:
            d = {"name": str(n)}
            if isinstance(t, str):
                d["class"] = t
            elif t is not None:
                d["class"] = _qual(type(t))
                d["objectId"] = s.object_id(t)
            if c is not None:
                d["columns"] = to_json(c, 2)
            steps.append(d)
    except Exception:
        return None
    return steps


def _fitted_facet(s, est, method, op, X, result=None, failed=False):
    oid = s.object_id(est)
    fit_like = method in FITS
    body = {"class": _qual(type(est)), "method": method, "role": _role(est), "objectId": oid,
            "params": _params(est), "learned": _learned(est)}
    rows = n_rows(X) if X is not None else None
    if rows is not None:
        body["nRows"] = rows
    if fit_like and not failed:
        s.set_fit(oid, op.run_id, rows)
    info = s.fit_info(oid)
    if info is not None:
        body["fittedBy"] = info[0]
        body["fittedInRun"] = True
        if info[1] is not None:
            body["nFitRows"] = info[1]
    else:
        body["fittedInRun"] = False
    if result is not None:
        body["result"] = to_json(result)
    steps = _steps(s, est)
    if steps:
        body["steps"] = steps
    return body


def _record_estimator(s, mode, caller, orig, method, est, args, kwargs):
    X, y = _xy(method, args, kwargs)
    inputs = [o for o in (X, y) if o is not None]
    Pipeline, ColumnTransformer, FeatureUnion = _composites()
    kind = "cv" if (method == "fit" and _is_search(est)) else KIND[method]
    name = f"{type(est).__name__}.{method}"

    def post(res, op):
        outputs = []
        if method in PORT:
            port = PORT[method]
            fn = _feature_names(est, res) if method in ("transform", "fit_transform") else None
            if method == "predict_proba" and getattr(est, "classes_", None) is not None:
                fn = [str(c) for c in est.classes_]
            outputs.append((port, res, L.identity(0), fn))
        elif method == "fit_resample" and isinstance(res, tuple) and len(res) == 2:
            outputs.extend(_resample_outputs(est, X, y, res))
        result = res if method == "score" else None
        return outputs, _fitted_facet(s, est, method, op, X, result)

    def on_fail(op):
        return _fitted_facet(s, est, method, op, X, failed=True)
    call = lambda: orig(est, *args, **kwargs)  # noqa: E731
    # composites let their steps be recorded as nested operators
    s_args = None
    if kind == "cv":
        s_args = {"cv": repr(getattr(est, "cv", None))}
    return run_recorded(s, mode, caller, name, kind, _library(est), inputs, call, post, est=est, args=s_args,
                        on_fail=on_fail, composite=isinstance(est, (Pipeline, ColumnTransformer, FeatureUnion)))


def _resample_outputs(est, X, y, res):
    Xr, yr = res
    idx = getattr(est, "sample_indices_", None)
    lin_method, ambiguous = None, 0
    if idx is not None and len(idx) == n_rows(Xr):
        pos = np.asarray(idx, dtype=np.int64)
    else:
        hin, hout = L.row_hashes(X), L.row_hashes(Xr)
        pos, ambiguous = L.match_rows(hin, hout)
        lin_method = "content-hash"
    outs = []
    for port, obj, inp in (("X", Xr, 0), ("y", yr, 1)):
        if inp == 1 and y is None:
            continue
        lin = L.select(inp, pos, lin_method)
        if ambiguous:
            lin["ambiguous"] = ambiguous
        outs.append((port, obj, lin, None))
    return outs


def _est_wrapper(orig, method):
    @functools.wraps(orig)
    def wrapper(self, *args, **kwargs):
        s = state.ACTIVE
        if s is None:
            return orig(self, *args, **kwargs)
        mode = s.gate(sys._getframe(1), est=self, nested_ok=True)
        if mode is None:
            return orig(self, *args, **kwargs)
        return _record_estimator(s, mode, sys._getframe(1), orig, method, self, args, kwargs)
    wrapper.__skewer_wrapped__ = orig
    return wrapper


def patch_class(cls):
    """Wrap each recorded method where it is defined in cls's MRO (functions and available_if descriptors)."""
    if cls in _patched_classes or _P is None:
        return
    _patched_classes.add(cls)
    for method in METHODS:
        for owner in cls.__mro__:
            if method in owner.__dict__:
                break
        else:
            continue
        if owner is object or _P.patched(owner, method):
            continue
        attr = owner.__dict__[method]
        if inspect.isfunction(attr):
            if getattr(attr, "__skewer_wrapped__", None) is None:
                _P.set_attr(owner, method, _est_wrapper(attr, method))
        elif inspect.isfunction(getattr(attr, "fn", None)) and getattr(attr.fn, "__skewer_wrapped__", None) is None:
            _P.set_attr(attr, "fn", _est_wrapper(attr.fn, method))  # available_if keeps its availability check
            _P._seen.add((id(owner), method))


def _init_wrapper(orig):
    """Record where an estimator is constructed. __init__ (not __new__) is wrapped because a __new__ set on
    BaseEstimator cannot be removed cleanly again (CPython keeps a broken tp_new slot after `del`)."""
    @functools.wraps(orig)
    def __init__(self, *args, **kwargs):
        s = state.ACTIVE
        if s is not None and s.site_of(self) is None:
            cls = type(self)
            if cls not in _patched_classes:
                patch_class(cls)
            s.on_construct(self, sys._getframe(1))
        return orig(self, *args, **kwargs)
    __init__.__skewer_wrapped__ = orig
    return __init__


def _wrap_init(cls):
    init = cls.__dict__.get("__init__")
    if inspect.isfunction(init) and getattr(init, "__skewer_wrapped__", None) is None and _P is not None:
        _P.set_attr(cls, "__init__", _init_wrapper(init))


def _setstate_wrapper(orig):
    """Unpickled estimators (a model loaded in a serving script) skip __init__: patch their class here."""
    @functools.wraps(orig)
    def __setstate__(self, state_):
        if state.ACTIVE is not None and type(self) not in _patched_classes:
            patch_class(type(self))
        return orig(self, state_)
    __setstate__.__skewer_wrapped__ = orig
    return __setstate__


def _subclass_hook(cls, **kwargs):
    """Classes defined while recording (in the user's script) get their __init__ wrapped too."""
    from sklearn.base import BaseEstimator
    super(BaseEstimator, cls).__init_subclass__(**kwargs)
    if state.ACTIVE is not None:
        _wrap_init(cls)


def _all_subclasses(root):
    seen, todo = set(), [root]
    while todo:
        c = todo.pop()
        for sub in c.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return seen


# ---- functions ---------------------------------------------------------------------------------------------
def h_train_test_split(s, mode, caller, orig, arrays, kwargs):
    n = n_rows(arrays[0]) if arrays else None
    if not arrays or n is None:
        return orig(*arrays, **kwargs)
    k = len(arrays)
    if k == 1:
        ports = [("train", "test")]
    elif k == 2:
        ports = [("X_train", "X_test"), ("y_train", "y_test")]
    else:
        ports = [(f"{i}_train", f"{i}_test") for i in range(k)]
    box = {}

    def call():
        try:
            full = orig(*arrays, np.arange(n, dtype=np.int64), **kwargs)
        except Exception:
            return orig(*arrays, **kwargs)  # raise exactly what the user's call raises
        box["train"], box["test"] = full[-2], full[-1]
        return full[:-2]

    def post(res, op):
        outs = []
        if "train" not in box:
            return outs, None
        for i, (ptrain, ptest) in enumerate(ports):
            outs.append((ptrain, res[2 * i], L.select(i, box["train"]), None))
            outs.append((ptest, res[2 * i + 1], L.select(i, box["test"]), None))
        return outs, None
    args = {}
    for key in ("test_size", "train_size", "random_state", "shuffle"):
        if key in kwargs:
            v = kwargs[key]
            args[key] = v if isinstance(v, (int, float, bool, str)) or v is None else repr(v)
    if "stratify" in kwargs and kwargs["stratify"] is not None:
        args["stratify"] = True
    return run_recorded(s, mode, caller, "train_test_split", "split", "sklearn", list(arrays), call, post,
                        args=args or None)


def _cv_handler(fname):
    def h(s, mode, caller, orig, args, kwargs):
        est = args[0] if args else kwargs.get("estimator")
        X = args[1] if len(args) > 1 else kwargs.get("X")
        y = args[2] if len(args) > 2 else kwargs.get("y")
        inputs = [o for o in (X, y) if o is not None]

        def post(res, op):
            outs = []
            if fname == "cross_val_predict":
                outs.append(("pred", res, L.identity(0), None))
            fitted = _fitted_facet(s, est, fname, op, X, None if fname == "cross_val_predict" else res) \
                if est is not None else None
            return outs, fitted
        cv = kwargs.get("cv", args[4] if len(args) > 4 and fname != "cross_val_predict" else None)
        return run_recorded(s, mode, caller, fname, "cv", "sklearn", inputs, lambda: orig(*args, **kwargs), post,
                            est=est, args={"cv": repr(cv), "scoring": repr(kwargs.get("scoring"))})
    return h


def _column_subset_wrapper(orig):
    """ColumnTransformer hands each transformer a column subset of its X (made by _safe_indexing). Record that
    projection as a nested operator so the transformer's input links back to X instead of being untracked."""
    @functools.wraps(orig)
    def w(X, indices, *args, **kwargs):
        res = orig(X, indices, *args, **kwargs)
        s = state.ACTIVE
        axis = kwargs.get("axis", args[0] if args else 0)
        if s is None or axis != 1 or getattr(s._local, "busy", False):
            return res
        st = s._stack()
        if not st or not st[-1].composite or not st[-1].function.startswith("ColumnTransformer."):
            return res
        if s.lookup(X) is None or res is X:
            return res
        try:
            op = s.begin("ColumnTransformer.select_columns", "project", "sklearn", None, "nested", [X],
                         args={"columns": to_json(indices, 2)})
            if op is not None:
                s.complete(op, [("out", res, L.identity(0), None)], 0.0)
        except Exception as e:
            s.warn(f"ColumnTransformer column selection: {e}")
        return res
    w.__skewer_wrapped__ = orig
    return w


def install(p):
    global _P
    _P = p
    _patched_classes.clear()
    import sklearn.model_selection as ms
    from sklearn import base
    from sklearn.model_selection import _split, _validation
    import sklearn.compose  # noqa: F401  (register composite classes)
    import sklearn.pipeline  # noqa: F401
    p.set_attr(base.BaseEstimator, "__init_subclass__", classmethod(_subclass_hook))
    if inspect.isfunction(base.BaseEstimator.__dict__.get("__setstate__")):
        p.set_attr(base.BaseEstimator, "__setstate__", _setstate_wrapper(base.BaseEstimator.__setstate__))
    for cls in _all_subclasses(base.BaseEstimator):
        patch_class(cls)
        _wrap_init(cls)
    replaced = []
    tts = _function(_split.train_test_split, h_train_test_split)
    p.set_attr(_split, "train_test_split", tts)
    p.set_attr(ms, "train_test_split", tts)
    replaced.append(tts)
    from sklearn.compose import _column_transformer as ctm
    if inspect.isfunction(getattr(ctm, "_safe_indexing", None)):
        p.set_attr(ctm, "_safe_indexing", _column_subset_wrapper(ctm._safe_indexing))
    for fname in CV_FUNCS:
        w = _function(getattr(_validation, fname), _cv_handler(fname))
        p.set_attr(_validation, fname, w)
        p.set_attr(ms, fname, w)
        replaced.append(w)
    return replaced


def uninstall():
    global _P
    _P = None
    _patched_classes.clear()

