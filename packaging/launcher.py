"""The frozen app's entry point (PyInstaller): the same command line as the installed script."""

import sys

from editor.cli import main

if __name__ == "__main__":
    sys.exit(main())
