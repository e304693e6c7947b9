"""Hugo Post Editor: a desktop editor for Hugo posts that changes only what the author edits."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hugo-post-editor")  # from the package metadata, in the bundle too
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
