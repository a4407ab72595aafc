"""Make PySide6's import hook cheap.

Once PySide6 is imported, its ``__feature__`` support decides for every module imported afterwards
whether it uses PySide6, by reading the module's whole source with ``inspect.getsource``. That fills
``linecache`` with the source of every module loaded later (pydantic and the core: about 8 MB kept
for the life of the app) and costs time at start-up. The check is replaced by the same test, "PySide6"
in the file's bytes, without the cache. Modules without a source file keep the original check.
"""

from __future__ import annotations


def lighten_feature_hook() -> bool:
    """Install the cheaper check; True when installed (or already in place)."""
    try:
        import shiboken6  # noqa: F401 - creates the shibokensupport package
        import shibokensupport.feature as feature
    except ImportError:
        return False
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, "rothwizard", False):
        return True

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return original(module)

    uses_pyside.rothwizard = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
