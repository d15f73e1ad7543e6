"""The input of a schedule calculation: activities, links and date constraints, as validated numpy arrays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np

NO_CONSTRAINT = np.iinfo(np.int64).min  # in `start_no_earlier` / `finish_no_later`: no date set


class LinkType(IntEnum):
    """How a successor depends on its predecessor (the codes are the array values in `Network.link_type`)."""

    FS = 0  # finish-to-start: the successor starts after the predecessor finishes
    SS = 1  # start-to-start
    FF = 2  # finish-to-finish
    SF = 3  # start-to-finish

    @classmethod
    def parse(cls, value: str | int | LinkType) -> LinkType:
        if isinstance(value, str):
            try:
                return cls[value.upper()]
            except KeyError:
                raise ValueError(f"unknown link type {value!r}: use FS, SS, FF or SF") from None
        return cls(value)


#: Per link type: does the link leave from the predecessor's finish, and arrive at the successor's finish?
FROM_FINISH = np.array([1, 0, 1, 0], dtype=np.int64)
TO_FINISH = np.array([0, 0, 1, 1], dtype=np.int64)


@dataclass(frozen=True)
class Activity:
    """One activity for `Network.build`: a key of your own, a duration in working days, optional constraints."""

    key: object
    duration: int
    name: str = ""
    start_no_earlier: int | None = None  # working-day offset
    finish_no_later: int | None = None  # working-day offset of the last allowed working day


@dataclass(frozen=True)
class Link:
    predecessor: object
    successor: object
    type: LinkType | str = LinkType.FS
    lag: int = 0  # working days; negative is a lead


def _int_array(values, name: str, size: int | None = None) -> np.ndarray:
    array = np.ascontiguousarray(values, dtype=np.int64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if size is not None and array.shape[0] != size:
        raise ValueError(f"{name} has {array.shape[0]} values; expected {size}")
    return array


@dataclass(frozen=True)
class Network:
    """Activities 0 … n-1 with durations (working days, ≥ 0) and links between them.

    Links are parallel arrays: `predecessor[k]` → `successor[k]`, of `link_type[k]` (LinkType codes) with `lag[k]`
    working days. `start_no_earlier[i]` / `finish_no_later[i]` are working-day offsets, or NO_CONSTRAINT.
    `names` (optional) are used in error messages.
    """

    duration: np.ndarray
    predecessor: np.ndarray
    successor: np.ndarray
    link_type: np.ndarray
    lag: np.ndarray
    start_no_earlier: np.ndarray | None = None
    finish_no_later: np.ndarray | None = None
    names: Sequence[str] | None = None

    def __post_init__(self) -> None:
        duration = _int_array(self.duration, "duration")
        n = duration.shape[0]
        predecessor = _int_array(self.predecessor, "predecessor")
        m = predecessor.shape[0]
        successor = _int_array(self.successor, "successor", m)
        link_type = _int_array(self.link_type, "link_type", m)
        lag = _int_array(self.lag, "lag", m)
        set_ = object.__setattr__
        set_(self, "duration", duration)
        set_(self, "predecessor", predecessor)
        set_(self, "successor", successor)
        set_(self, "link_type", link_type)
        set_(self, "lag", lag)
        for name in ("start_no_earlier", "finish_no_later"):
            value = getattr(self, name)
            set_(self, name, _int_array(value, name, n) if value is not None else None)
        if self.names is not None and len(self.names) != n:
            raise ValueError(f"names has {len(self.names)} entries; expected {n}")
        if n and duration.min() < 0:
            raise ValueError(f"activity {self.name(int(np.argmin(duration)))} has a negative duration")
        if m:
            if min(predecessor.min(), successor.min()) < 0 or max(predecessor.max(), successor.max()) >= n:
                raise ValueError(f"a link refers to an activity outside 0 … {n - 1}")
            if link_type.min() < 0 or link_type.max() > 3:
                raise ValueError("link_type values must be 0 (FS), 1 (SS), 2 (FF) or 3 (SF)")
            loops = np.flatnonzero(predecessor == successor)
            if loops.size:
                raise ValueError(f"activity {self.name(int(predecessor[loops[0]]))} is linked to itself")

    @property
    def size(self) -> int:
        return int(self.duration.shape[0])

    def name(self, index: int) -> str:
        return str(self.names[index]) if self.names is not None else f"#{index}"

    def link_weights(self) -> np.ndarray:
        """`w` per link such that the link means: early start(successor) ≥ early start(predecessor) + w."""
        return (
            FROM_FINISH[self.link_type] * self.duration[self.predecessor]
            + self.lag
            - TO_FINISH[self.link_type] * self.duration[self.successor]
        )

    @classmethod
    def build(
        cls, activities: Sequence[Activity], links: Sequence[Link]
    ) -> tuple[Network, dict[object, int]]:
        """A network from activity and link records; returns it with the index of each activity key."""
        index: dict[object, int] = {}
        for position, activity in enumerate(activities):
            if activity.key in index:
                raise ValueError(f"activity key {activity.key!r} is used twice")
            index[activity.key] = position

        def lookup(key: object, role: str) -> int:
            try:
                return index[key]
            except KeyError:
                raise ValueError(f"a link names unknown {role} {key!r}") from None

        def constraint(values: list[int | None]) -> np.ndarray | None:
            if all(v is None for v in values):
                return None
            return np.array([NO_CONSTRAINT if v is None else v for v in values], dtype=np.int64)

        network = cls(
            duration=[a.duration for a in activities],
            predecessor=[lookup(link.predecessor, "predecessor") for link in links],
            successor=[lookup(link.successor, "successor") for link in links],
            link_type=[int(LinkType.parse(link.type)) for link in links],
            lag=[link.lag for link in links],
            start_no_earlier=constraint([a.start_no_earlier for a in activities]),
            finish_no_later=constraint([a.finish_no_later for a in activities]),
            names=[a.name or str(a.key) for a in activities],
        )
        return network, index
