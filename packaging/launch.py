"""Entry point of the frozen app (PyInstaller needs a script, not a console_scripts entry)."""

import sys

from happyhorse_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
