"""HappyHorse Desktop: a desktop client for EvoLink's HappyHorse image-to-video model."""

__version__ = "0.1.0"
APP_NAME = "HappyHorse Desktop"
ORG_NAME = "HappyHorse"
USER_AGENT = f"HappyHorseDesktop/{__version__} (+https://github.com/happyhorse-desktop)"
