// Small behaviours without inline scripts (the Content-Security-Policy forbids those).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
document.addEventListener("keydown", (event) => {
  // "/" jumps to the global search, as in most web products.
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName);
  if (event.key === "/" && !typing) {
    const box = document.querySelector(".search input");
    if (box) { event.preventDefault(); box.focus(); }
  }
  if (event.key === "Escape" && document.activeElement?.closest(".search")) {
    const results = document.getElementById("search-results");
    if (results) results.innerHTML = "";
  }
});

// Benefit map: pointing at or tabbing to an item lights up its whole chain (what leads to it, what it leads to).
function reach(edges, start, from, to) {
  const seen = new Set([start]);
  const todo = [start];
  while (todo.length) {
    const node = todo.pop();
    for (const edge of edges) {
      if (edge.dataset[from] === node && !seen.has(edge.dataset[to])) { seen.add(edge.dataset[to]); todo.push(edge.dataset[to]); }
    }
  }
  return seen;
}
function benefitChain(map, start) {
  const edges = [...map.querySelectorAll(".edge")];
  const down = reach(edges, start, "from", "to");
  const up = reach(edges, start, "to", "from");
  map.classList.add("focused");
  for (const node of map.querySelectorAll(".node")) {
    node.classList.toggle("lit", down.has(node.dataset.node) || up.has(node.dataset.node));
  }
  for (const edge of edges) {
    const { from, to } = edge.dataset;
    edge.classList.toggle("lit", (down.has(from) && down.has(to)) || (up.has(from) && up.has(to)));
  }
}
function clearChain(map) {
  map.classList.remove("focused");
  for (const item of map.querySelectorAll(".lit")) item.classList.remove("lit");
}
for (const type of ["mouseover", "focusin"]) {
  document.addEventListener(type, (event) => {
    const node = event.target.closest?.("#benefit-map .node");
    if (node) benefitChain(node.closest("svg"), node.dataset.node);
  });
}
for (const type of ["mouseout", "focusout"]) {
  document.addEventListener(type, (event) => {
    const node = event.target.closest?.("#benefit-map .node");
    if (node && !node.contains(event.relatedTarget)) clearChain(node.closest("svg"));
  });
}
document.addEventListener("DOMContentLoaded", () => {
  const map = document.getElementById("benefit-map");
  const target = map && location.hash && map.querySelector(location.hash);
  if (target) { benefitChain(map, target.dataset.node); target.scrollIntoView({ block: "center", inline: "center" }); }
});
