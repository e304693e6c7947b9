"""Hugo Post Editor: a desktop editor for Hugo posts that changes only what the author edits."""


def __getattr__(name: str) -> str:
    """`__version__` from the package metadata (in the bundle too), read only when asked for:
    importlib.metadata costs ~25 ms of every start otherwise."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("hugo-post-editor")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0+unknown"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'editor' has no attribute {name!r}")
