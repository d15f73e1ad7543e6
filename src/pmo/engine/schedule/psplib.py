"""Reader for PSPLIB single-mode RCPSP files (`.sm`): the activities, precedences, durations and resources.

PSPLIB (Kolisch & Sprecher, 1996) is the standard benchmark for project scheduling; its headers give the critical
path length ("MPM-Time"), which `cpm` must reproduce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .network import LinkType, Network


@dataclass(frozen=True)
class RcpspInstance:
    name: str
    network: Network  # finish-to-start links, job j is activity j - 1 (job 1 and N are zero-length dummies)
    demand: np.ndarray  # jobs × resources, per-period demand
    capacity: np.ndarray  # per resource
    mpm_time: int  # critical path length printed in the file


def read_sm(path: str | Path) -> RcpspInstance:
    """Parse one `.sm` file; raises ValueError naming the part of the file that does not fit the format."""
    path = Path(path)
    text = path.read_text()
    try:
        jobs = int(re.search(r"jobs \(incl\. supersource/sink \):\s*(\d+)", text).group(1))
        info = text.split("PROJECT INFORMATION:")[1].split("\n")[2].split()
        mpm_time = int(info[5])
        precedence = text.split("PRECEDENCE RELATIONS:")[1].split("*****")[0].strip().splitlines()[1:]
        requests = text.split("REQUESTS/DURATIONS:")[1].split("*****")[0].strip().splitlines()[2:]
        capacity_lines = text.split("RESOURCEAVAILABILITIES:")[1].strip().splitlines()
    except (AttributeError, IndexError, ValueError) as error:
        raise ValueError(f"{path.name}: not a PSPLIB single-mode file ({error})") from None
    predecessors, successors = [], []
    for line in precedence:
        fields = [int(x) for x in line.split()]
        job, count = fields[0], fields[2]
        for successor in fields[3 : 3 + count]:
            predecessors.append(job - 1)
            successors.append(successor - 1)
    duration = np.zeros(jobs, dtype=np.int64)
    demand_rows = []
    for line in requests:
        fields = [int(x) for x in line.split()]
        duration[fields[0] - 1] = fields[2]
        demand_rows.append(fields[3:])
    network = Network(
        duration=duration,
        predecessor=predecessors,
        successor=successors,
        link_type=np.full(len(predecessors), int(LinkType.FS)),
        lag=np.zeros(len(predecessors), dtype=np.int64),
        names=[f"job {j}" for j in range(1, jobs + 1)],
    )
    return RcpspInstance(
        name=path.stem,
        network=network,
        demand=np.array(demand_rows, dtype=np.int64),
        capacity=np.array([int(x) for x in capacity_lines[1].split()], dtype=np.int64),
        mpm_time=mpm_time,
    )
