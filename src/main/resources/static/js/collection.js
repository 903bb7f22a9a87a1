// A collection's order by drag and drop: the row dropped on another takes that row's place, sent as the
// same move the arrow buttons send (a form post, so the page shows the stored order afterwards).
(function () {
  var rows = document.querySelectorAll("tr.draggable");
  var form = document.getElementById("drag-move");
  var dragged = null;
  rows.forEach(function (row) {
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.position);
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("dragging");
      rows.forEach(function (r) { r.classList.remove("drop-target"); });
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      row.classList.add("drop-target");
    });
    row.addEventListener("dragleave", function () { row.classList.remove("drop-target"); });
    row.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged || dragged === row) return;
      form.action = dragged.dataset.move;
      form.elements.position.value = row.dataset.position;
      form.submit();
    });
  });
})();
