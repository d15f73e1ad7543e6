"""Layered layout of a directed graph, for drawing it in columns: a benefits dependency network runs from projects
through enabling and business changes to benefits and objectives.

    from pmo.engine.layers import crossings, layout
    edges = [("P1", "E2"), ("P2", "E1")]
    placed = layout({"P1": 0, "P2": 0, "E1": 1, "E2": 1}, edges)
    placed["E2"]                # Placed(node='E2', layer=1, position=0)
    crossings(placed, edges)    # 0, where the input order had 1

Geometry: a layer is a column at x = its layer index (layer indices need not be consecutive); a node at `position`
in a layer of `size` nodes sits at height y = position / (size - 1), so that every column spans [0, 1] (a lone
node sits in the middle, y = 0.5). An edge is a straight segment from a lower layer to a higher one, and may skip
layers; edges within a layer or running backwards are neither counted nor used for ordering. Two edges *cross*
when their segments intersect strictly inside the x-range both span: for two edges between the same two layers,
exactly when their ends lie in opposite orders. Edges that only touch (at a shared node) do not cross. Duplicate
edges count once.

Ordering follows the Sugiyama barycentre heuristic: starting from the input order, sweeps go alternately down
(each layer sorted by the mean height of its nodes' neighbours in lower layers) and up (neighbours in higher
layers), each followed by swaps of adjacent nodes that remove crossings. Nodes without neighbours on the side a
sweep looks at keep their places. The ordering with the fewest crossings seen wins, so the result is never worse
than the input order; there is no randomness, so the same input gives the same layout.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

Edge = tuple[Hashable, Hashable]
Segment = tuple[int, float, int, float]  # x and y of the lower end, x and y of the upper end

_EPS = 1e-9  # heights are ratios of small integers: a difference below this is a touch, not a crossing


@dataclass(frozen=True)
class Placed:
    node: Hashable
    layer: int
    position: int  # 0-based order within its layer, top to bottom


def _forward(layer_of: Mapping[Hashable, int], edges: Iterable[Edge]) -> list[Edge]:
    """The distinct edges that run from a lower layer to a higher one; unknown nodes are an error."""
    forward: dict[Edge, None] = {}
    for a, b in edges:
        for node in (a, b):
            if node not in layer_of:
                raise ValueError(f"the edge {a!r} → {b!r} has the unknown node {node!r}")
        if layer_of[a] < layer_of[b]:
            forward[(a, b)] = None
    return list(forward)


def _height(position: int, size: int) -> float:
    return position / (size - 1) if size > 1 else 0.5


def _heights(columns: Mapping[int, Sequence[Hashable]]) -> dict[Hashable, float]:
    return {node: _height(i, len(nodes)) for nodes in columns.values() for i, node in enumerate(nodes)}


def _at(segment: Segment, x: int) -> float:
    x1, y1, x2, y2 = segment
    return y1 + (y2 - y1) * (x - x1) / (x2 - x1)


def _cross(e: Segment, f: Segment) -> bool:
    if e[0] == f[0] and e[2] == f[2]:  # the same span, the common case: do the ends swap order?
        return (e[1] - f[1]) * (e[3] - f[3]) < 0
    lo, hi = max(e[0], f[0]), min(e[2], f[2])
    if lo >= hi:
        return False
    d_lo, d_hi = _at(e, lo) - _at(f, lo), _at(e, hi) - _at(f, hi)
    return (d_lo < -_EPS and d_hi > _EPS) or (d_lo > _EPS and d_hi < -_EPS)


def _count(
    layer_of: Mapping[Hashable, int],
    y: Mapping[Hashable, float],
    edges: Sequence[Edge],
    others: Sequence[Edge] | None = None,
) -> int:
    """The crossing pairs among `edges`, or, given `others`, between an edge of `edges` and one of `others`."""
    segments = [(layer_of[a], y[a], layer_of[b], y[b]) for a, b in edges]
    against = None if others is None else [(layer_of[a], y[a], layer_of[b], y[b]) for a, b in others]
    count = 0
    for i, e in enumerate(segments):
        count += sum(1 for f in (segments[i + 1 :] if against is None else against) if _cross(e, f))
    return count


def crossings(order: Mapping[Hashable, Placed], edges: Iterable[Edge]) -> int:
    """The number of pairs of `edges` that cross when drawn with the placement `order` (see the module docs)."""
    sizes: dict[int, list[int]] = {}
    for placed in order.values():
        sizes.setdefault(placed.layer, []).append(placed.position)
    for layer, positions in sizes.items():
        if sorted(positions) != list(range(len(positions))):
            raise ValueError(f"the positions in layer {layer} must be 0 .. {len(positions) - 1}, each once")
    layer_of = {node: placed.layer for node, placed in order.items()}
    y = {node: _height(p.position, len(sizes[p.layer])) for node, p in order.items()}
    return _count(layer_of, y, _forward(layer_of, edges))


def _by_barycentre(
    nodes: list[Hashable], neighbours: Mapping[Hashable, list[Hashable]], y: Mapping[Hashable, float]
) -> list[Hashable]:
    """`nodes` sorted by the mean height of their neighbours; nodes without neighbours keep their places, and
    ties keep their current order."""
    movable = iter(
        sorted(
            (n for n in nodes if neighbours[n]),
            key=lambda n: sum(y[m] for m in neighbours[n]) / len(neighbours[n]),
        )
    )
    return [next(movable) if neighbours[n] else n for n in nodes]


def _transpose(
    columns: dict[int, list[Hashable]],
    layer_of: Mapping[Hashable, int],
    y: dict[Hashable, float],
    edges: list[Edge],
) -> None:
    """Swap adjacent nodes of a layer wherever that removes crossings, until no swap does."""
    incident: dict[Hashable, list[Edge]] = {node: [] for node in layer_of}
    for edge in edges:
        for node in edge:
            incident[node].append(edge)
    spans = {(a, b): (layer_of[a], layer_of[b]) for a, b in edges}
    overlapping = {  # for each span, the edges over another span whose x-range overlaps it
        span: [f for f in edges if spans[f] != span and max(span[0], spans[f][0]) < min(span[1], spans[f][1])]
        for span in set(spans.values())
    }

    def local(u: Hashable, v: Hashable) -> int:
        """A count that changes by as much as the total when u and v swap: the crossings among their edges, and
        those of their edges with edges over another span (over the same span, only the order of u and v
        changes)."""
        near = incident[u] + incident[v]  # u and v share a layer, hence no edge
        far = dict.fromkeys(f for e in near for f in overlapping[spans[e]] if u not in f and v not in f)
        return _count(layer_of, y, near) + _count(layer_of, y, near, list(far))

    improved = True
    while improved:  # each swap removes at least one crossing, so this ends
        improved = False
        for nodes in columns.values():
            for i in range(len(nodes) - 1):
                u, v = nodes[i], nodes[i + 1]
                if not incident[u] and not incident[v]:
                    continue
                before = local(u, v)
                y[u], y[v] = y[v], y[u]
                if local(u, v) < before:
                    nodes[i], nodes[i + 1] = v, u
                    improved = True
                else:
                    y[u], y[v] = y[v], y[u]


def layout(
    layers: Mapping[Hashable, int], edges: Iterable[Edge], *, sweeps: int = 12
) -> dict[Hashable, Placed]:
    """Each node of `layers` (node → layer index) placed in its layer so that few `edges` cross."""
    for node, layer in layers.items():
        if not isinstance(layer, int) or isinstance(layer, bool):
            raise ValueError(f"the layer of {node!r} must be an integer, not {layer!r}")
    if sweeps < 0:
        raise ValueError(f"the number of sweeps cannot be negative ({sweeps})")
    forward = _forward(layers, edges)
    columns: dict[int, list[Hashable]] = {}
    for node, layer in layers.items():
        columns.setdefault(layer, []).append(node)
    columns = dict(sorted(columns.items()))
    below: dict[Hashable, list[Hashable]] = {node: [] for node in layers}
    above: dict[Hashable, list[Hashable]] = {node: [] for node in layers}
    for a, b in forward:
        above[a].append(b)
        below[b].append(a)

    y = _heights(columns)
    best, fewest = {layer: list(nodes) for layer, nodes in columns.items()}, _count(layers, y, forward)
    order = list(columns)
    for sweep in range(sweeps):
        if fewest == 0:
            break
        down = sweep % 2 == 0
        for layer in order[1:] if down else order[-2::-1]:
            columns[layer] = _by_barycentre(columns[layer], below if down else above, y)
            y.update(_heights({layer: columns[layer]}))
        _transpose(columns, layers, y, forward)
        count = _count(layers, y, forward)
        if count < fewest:
            best, fewest = {layer: list(nodes) for layer, nodes in columns.items()}, count
    return {node: Placed(node, layer, i) for layer, nodes in best.items() for i, node in enumerate(nodes)}


__all__ = ["Placed", "crossings", "layout"]
