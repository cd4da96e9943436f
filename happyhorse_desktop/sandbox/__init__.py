"""The EvoLink simulator used by the tests, the benchmarks and the app's demo mode."""

from happyhorse_desktop.sandbox.faults import Fault
from happyhorse_desktop.sandbox.render_plan import RenderSettings
from happyhorse_desktop.sandbox.simulator import EvoLinkSimulator

__all__ = ["EvoLinkSimulator", "Fault", "RenderSettings"]
