"""``python -m happyhorse_desktop.cli`` runs ``happyhorse-cli``."""

import sys

from happyhorse_desktop.cli import main

sys.exit(main())
