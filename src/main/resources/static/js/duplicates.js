// Keyboard review of duplicate groups: j/k move between groups, 1-9 keep that copy, n: not duplicates, a: keep all.
(function () {
  "use strict";
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  if (!groups.length) return;
  var current = 0;
  function focus(i) {
    current = Math.max(0, Math.min(groups.length - 1, i));
    groups.forEach(function (g, n) { g.classList.toggle("focused", n === current); });
    groups[current].focus();
    groups[current].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.target.closest("input, textarea, select") || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "j") focus(current + 1);
    else if (event.key === "k") focus(current - 1);
    else if (/^[1-9]$/.test(event.key)) {
      var button = groups[current].querySelector('button[data-key="' + event.key + '"]');
      if (button) button.click();
    } else if (event.key === "a") {
      var all = groups[current].querySelector("button[data-keep-all]");
      if (all) all.click();
    } else if (event.key === "n") {
      var not = groups[current].querySelector("button[data-not-duplicate]");
      if (not) not.click();
    } else return;
    event.preventDefault();
  });
  focus(0);
})();
