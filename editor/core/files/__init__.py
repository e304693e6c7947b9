"""File safety: atomic writes, recovery copies, what is on disk now and merging with it."""
