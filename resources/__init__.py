"""Bundled resources: icons, preview page, sample site. Read with importlib.resources."""
