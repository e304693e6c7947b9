"""The PySide6 layer: turns Qt signals into core calls and core results into widget state."""
