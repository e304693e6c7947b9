"""Hugo Post Editor: a desktop editor for Hugo posts that changes only what the author edits."""

__version__ = "0.1.0"
