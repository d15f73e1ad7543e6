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
