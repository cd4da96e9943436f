"""``python -m happyhorse_desktop`` starts the desktop app."""

import sys

from happyhorse_desktop.app import main

sys.exit(main())
