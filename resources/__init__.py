"""Runtime assets (icon, sample video) installed as ``happyhorse_desktop.resources``."""
