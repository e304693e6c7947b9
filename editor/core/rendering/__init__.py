"""Markdown rendered the way Hugo's Goldmark renders it: the body, the shortcodes, and the live
(incremental) preview."""
