"""Action icons: Lucide's SVGs (ISC licence, ``resources/icons/``), drawn in the palette's colours.

Lucide draws with ``stroke="currentColor"``; Qt's SVG renderer has no current colour, so the engine
below substitutes the palette's text colour for each icon mode (normal, disabled, selected) when it
renders, at the size and device pixel ratio asked for. The icons therefore follow the light and dark
palettes and stay sharp at 200 %. Nothing is read or rendered until an icon is first painted: building
the window only creates cheap ``QIcon`` handles (start-up measured with ``benchmarks/startup.py``; an
icon font library such as qtawesome costs ~250 ms of imports before the first paint here).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap

from happyhorse_desktop.assets import asset_path


@cache
def _svg(name: str) -> bytes:
    return asset_path(f"icons/{name}.svg").read_bytes()


def _mode_colour(mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorRole.WindowText)


class SvgIconEngine(QIconEngine):
    """Renders one Lucide SVG in a colour that follows the palette (or a fixed one)."""

    def __init__(self, name: str, colour: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._colour = colour
        self._cache: dict[tuple[int, int, int, str], QPixmap] = {}

    def _render(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        colour = self._colour if self._colour is not None and mode != QIcon.Mode.Disabled else None
        colour = colour or _mode_colour(mode)
        width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
        key = (width, height, int(mode.value), colour.name(QColor.NameFormat.HexArgb))
        pixmap = self._cache.get(key)
        if pixmap is None:
            from PySide6.QtSvg import QSvgRenderer  # loaded with the first icon painted, not at start

            data = _svg(self._name).replace(b"currentColor", colour.name().encode())
            if colour.alpha() < 255:
                data = data.replace(b"<svg", f'<svg opacity="{colour.alphaF():.2f}"'.encode(), 1)
            pixmap = QPixmap(width, height)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            QSvgRenderer(QByteArray(data)).render(painter, QRectF(0, 0, width, height))
            painter.end()
            if len(self._cache) > 32:
                self._cache.clear()
            self._cache[key] = pixmap
        pixmap = QPixmap(pixmap)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._render(size, mode, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return self._render(size, mode, scale)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawPixmap(rect, self._render(rect.size(), mode, scale))

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._colour)

    def key(self) -> str:
        return "happyhorse-svg"


def icon(name: str, colour: QColor | str | None = None) -> QIcon:
    """The icon ``name`` (a file in resources/icons, without ".svg"), in the palette's text colour unless
    ``colour`` is given. Raises ``KeyError`` for a name that has no file, when it is asked for."""
    if not asset_path(f"icons/{name}.svg").is_file():
        raise KeyError(f"no icon named {name!r}")
    return QIcon(SvgIconEngine(name, QColor(colour) if colour is not None else None))


def app_icon() -> QIcon:
    """The app's own icon (window, tray, notifications)."""
    return QIcon(str(asset_path("icon.svg")))
