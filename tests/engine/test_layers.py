"""Layered layout: hand-counted crossings, an untangled network, and properties on random layered graphs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo.engine.layers import Placed, crossings, layout


def as_given(layers: dict) -> dict:
    """The placement in the input order."""
    seen: dict[int, int] = {}
    placed = {}
    for node, layer in layers.items():
        placed[node] = Placed(node, layer, seen.get(layer, 0))
        seen[layer] = seen.get(layer, 0) + 1
    return placed


def orders(placed: dict) -> dict[int, list]:
    columns: dict[int, list] = {}
    for p in sorted(placed.values(), key=lambda p: (p.layer, p.position)):
        columns.setdefault(p.layer, []).append(p.node)
    return columns


# Projects → enabling changes → benefits, listed in a tangled order.
NETWORK = {"P1": 0, "P2": 0, "P3": 0, "E1": 1, "E2": 1, "E3": 1, "B1": 2, "B2": 2}
LINKS = [("P1", "E3"), ("P2", "E2"), ("P3", "E1"), ("E3", "B1"), ("E1", "B2"), ("E2", "B2"), ("P2", "E2")]


def test_crossings_between_adjacent_layers_by_hand():
    # P1→E3 crosses P2→E2 and P3→E1, P2→E2 crosses P3→E1; E3→B1 crosses E1→B2 and E2→B2; the two edges into
    # B2 only touch; the duplicate P2→E2 counts once.
    assert crossings(as_given(NETWORK), LINKS) == 5


def test_the_tangled_network_is_untangled():
    placed = layout(NETWORK, LINKS)
    assert crossings(placed, LINKS) == 0
    assert orders(placed) == {0: ["P1", "P2", "P3"], 1: ["E3", "E2", "E1"], 2: ["B1", "B2"]}
    assert placed["E3"] == Placed("E3", 1, 0)


def test_crossings_of_an_edge_that_skips_a_layer():
    layers = {"A": 0, "B": 0, "C": 1, "D": 1, "E": 2, "F": 2}
    # A→F runs from y 0 to y 1 and passes x = 1 at y 0.5; B→C falls from 1 to 0 and crosses it; B→D ends at
    # y 1, below it; C→E runs from 0 to 0 above it the whole way.
    assert crossings(as_given(layers), [("A", "F"), ("B", "C")]) == 1
    assert crossings(as_given(layers), [("A", "F"), ("B", "D"), ("C", "E")]) == 0
    # A lone node sits in the middle of its column: A→F passes through it, which is a touch, not a crossing.
    assert crossings(as_given({"A": 0, "B": 0, "C": 1, "E": 2, "F": 2}), [("A", "F"), ("B", "C")]) == 0


def test_edges_within_a_layer_or_backwards_are_ignored():
    layers = {"A": 0, "B": 0, "C": 1, "D": 1}
    edges = [("A", "D"), ("B", "C")]
    assert crossings(as_given(layers), edges) == 1
    assert crossings(as_given(layers), [*edges, ("A", "B"), ("D", "A"), ("C", "B")]) == 1
    assert orders(layout(layers, [*edges, ("D", "A"), ("C", "B")]))[1] == ["D", "C"]


def test_nodes_without_neighbours_keep_their_place():
    layers = {"P1": 0, "P2": 0, "E1": 1, "X": 1, "E2": 1, "Y": 3}
    placed = layout(layers, [("P1", "E2"), ("P2", "E1")])
    assert orders(placed) == {0: ["P1", "P2"], 1: ["E2", "X", "E1"], 3: ["Y"]}


def test_layers_need_not_be_consecutive_and_edges_may_skip():
    layers = {"P1": 0, "P2": 0, "O1": 5, "O2": 5, "B1": 2, "B2": 2}
    edges = [("P1", "O2"), ("P2", "O1"), ("P1", "B2"), ("P2", "B1")]
    # the two pairs over the same span cross, and so does each long edge with the other project's short one
    assert crossings(as_given(layers), edges) == 4
    assert crossings(layout(layers, edges), edges) == 0


def test_a_graph_without_edges_keeps_the_input_order():
    layers = {"c": 1, "a": 0, "b": 1}
    assert layout(layers, []) == as_given(layers)
    assert layout({}, []) == {}


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown node 'Z'"):
        layout({"A": 0, "B": 1}, [("A", "B"), ("A", "Z")])
    with pytest.raises(ValueError, match="unknown node 'Z'"):
        crossings(as_given({"A": 0, "B": 1}), [("Z", "B")])
    with pytest.raises(ValueError, match="layer of 'A' must be an integer"):
        layout({"A": 0.5, "B": 1}, [])
    with pytest.raises(ValueError, match="sweeps"):
        layout({"A": 0}, [], sweeps=-1)
    with pytest.raises(ValueError, match="positions in layer 0"):
        crossings({"A": Placed("A", 0, 0), "B": Placed("B", 0, 2)}, [])


@st.composite
def layered_graphs(draw):
    sizes = draw(st.lists(st.integers(1, 8), min_size=3, max_size=3))
    nodes = [(layer, i) for layer, size in enumerate(sizes) for i in range(size)]
    order = draw(st.permutations(nodes))
    layers = {node: node[0] for node in order}
    pairs = [(a, b) for a in nodes for b in nodes if a[0] < b[0]]
    edges = draw(st.lists(st.sampled_from(pairs), max_size=20))
    return layers, edges


@settings(max_examples=150, deadline=None)
@given(layered_graphs())
def test_layout_is_never_worse_than_the_input_and_deterministic(graph):
    layers, edges = graph
    placed = layout(layers, edges)
    assert crossings(placed, edges) <= crossings(as_given(layers), edges)
    assert layout(layers, edges) == placed
    assert set(placed) == set(layers)
    for layer, nodes in orders(placed).items():
        assert [placed[n].position for n in nodes] == list(range(len(nodes)))
        assert all(placed[n].layer == layers[n] == layer for n in nodes)


@settings(max_examples=50, deadline=None)
@given(st.permutations(range(8)), st.permutations(range(8)))
def test_a_planar_matching_is_fully_untangled(first, second):
    layers = {**{("a", i): 0 for i in first}, **{("b", i): 1 for i in second}}
    edges = [(("a", i), ("b", i)) for i in range(8)]
    assert crossings(layout(layers, edges), edges) == 0
