"""Scheduling engine: calendars, the critical path method and (later) schedule risk.

from pmo.engine.schedule import Activity, Link, Network, cpm
network, index = Network.build([Activity("A", 5), Activity("B", 3)], [Link("A", "B", "FS", lag=2)])
result = cpm(network)          # result.early_start, .total_float, .critical, .project_duration …
"""

from .calendar import Calendar, dutch_public_holidays, easter_sunday
from .cpm import CycleError, ScheduleResult, cpm, order_network, topological_levels
from .network import NO_CONSTRAINT, Activity, Link, LinkType, Network

__all__ = [
    "NO_CONSTRAINT",
    "Activity",
    "Calendar",
    "CycleError",
    "Link",
    "LinkType",
    "Network",
    "ScheduleResult",
    "cpm",
    "dutch_public_holidays",
    "easter_sunday",
    "order_network",
    "topological_levels",
]
