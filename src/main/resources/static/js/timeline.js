// The timeline's endless scrolling with a bounded page, and selection for bulk changes.
// htmx loads the next chunk when its marker comes into view. Here: chunks far above or below are
// swapped for empty boxes of the same height (so the scroll position stays), and fetched again from
// the URL they came from when one scrolls back to them. However far one scrolls, the page holds at
// most data-max-chunks chunks of 100 thumbnails.
(function () {
  "use strict";
  var timeline = document.getElementById("timeline");
  if (!timeline) return;
  var maxChunks = parseInt(timeline.dataset.maxChunks || "5", 10);

  function liveChunks() {
    return Array.prototype.filter.call(timeline.children, function (c) { return c.matches("section.chunk"); });
  }

  function drop(chunk) {
    var box = document.createElement("div");
    box.className = "placeholder-chunk";
    box.style.height = chunk.getBoundingClientRect().height + "px";
    box.dataset.src = chunk.dataset.src;
    box.dataset.last = chunk.querySelector(":scope > p.more[hx-get]") ? "true" : "false";
    chunk.replaceWith(box);
    watcher.observe(box);
  }

  function bound(keepNear) {
    var chunks = liveChunks();
    while (chunks.length > maxChunks) {
      // Drop the live chunk farthest from the one the person is looking at.
      var first = chunks[0], last = chunks[chunks.length - 1];
      var far = Math.abs(chunks.indexOf(keepNear) - 0) >= Math.abs(chunks.indexOf(keepNear) - (chunks.length - 1)) ? first : last;
      drop(far);
      chunks = liveChunks();
    }
  }

  var watcher = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      var box = entry.target;
      watcher.unobserve(box);
      fetch(box.dataset.src, { headers: { "HX-Request": "true" } }).then(function (r) {
        if (!r.ok) throw new Error("status " + r.status);
        return r.text();
      }).then(function (html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var chunk = holder.querySelector("section.chunk");
        if (!chunk || !box.isConnected) return;
        // Its next chunk is already on the page (or a box): only the last one keeps its marker.
        if (box.dataset.last !== "true") chunk.querySelectorAll(":scope > p.more").forEach(function (m) { m.remove(); });
        box.replaceWith(chunk);
        htmx.process(chunk);
        showSelection(chunk);
        bound(chunk);
      }).catch(function () {
        // Not now (the server restarting, the network gone): try again when it next comes into view.
        if (box.isConnected) setTimeout(function () { watcher.observe(box); }, 2000);
      });
    });
  }, { rootMargin: "100% 0px" });

  // The next chunk's marker asks once when it comes into view (htmx's "intersect once", which also
  // sees it appear by a change of layout, not only by a scroll). If that request fails (the server
  // busy or restarting), the marker asks again a little later instead of staying put: 2 s, then
  // twice as long each time up to a minute. An answer that asking again cannot change (signed out,
  // no longer allowed, gone) is said once and left.
  function retryMarker(event) {
    var marker = event.detail.elt;
    if (!marker.matches || !marker.matches("p.more[hx-get]")) return;
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status && status < 500 && status !== 429) {
      marker.textContent = status === 401 ? "Signed out: sign in again to see more." : "Could not load more (" + status + ").";
      return;
    }
    var wait = Math.min(60000, Number(marker.dataset.retryWait || 1000) * 2);
    marker.dataset.retryWait = wait;
    marker.textContent = "Could not load more; trying again…";
    setTimeout(function () {
      if (marker.isConnected) htmx.ajax("GET", marker.getAttribute("hx-get"), { source: marker, target: marker, swap: "outerHTML" });
    }, wait);
  }
  document.body.addEventListener("htmx:responseError", retryMarker);
  document.body.addEventListener("htmx:sendError", retryMarker);

  document.body.addEventListener("htmx:afterSettle", function (event) {
    // A chunk arrives in place of the marker inside the one before: lift it to the timeline itself.
    timeline.querySelectorAll("section.chunk section.chunk").forEach(function (inner) {
      inner.parentElement.closest("section.chunk").after(inner);
    });
    var chunks = liveChunks();
    bound(chunks[chunks.length - 1]);
  });

  // Selection: a click on a tile's box toggles it; shift-click selects the range from the last one.
  var selected = new Set();
  var lastPicked = null;
  var bar = document.getElementById("selection");
  var allMatching = document.getElementById("all-matching");
  function refresh() {
    document.getElementById("selected-count").textContent = selected.size;
    document.getElementById("selected-items").value = Array.from(selected).join(",");
    document.getElementById("selection-what").hidden = allMatching.checked;
    bar.classList.toggle("active", selected.size > 0 || allMatching.checked);
  }
  // "All of this search": the change goes to every item the filters match, not only those on the page.
  document.getElementById("select-all-matching").addEventListener("click", function () {
    allMatching.checked = true;
    refresh();
    bar.querySelector("input[name=addTag]").focus();
  });
  allMatching.addEventListener("change", refresh);
  timeline.addEventListener("click", function (event) {
    var box = event.target.closest("input.pick");
    if (!box) return;
    var tile = box.closest(".tile");
    var tiles = Array.prototype.slice.call(timeline.querySelectorAll(".tile"));
    var range = event.shiftKey && lastPicked && lastPicked.isConnected
      ? tiles.slice(Math.min(tiles.indexOf(lastPicked), tiles.indexOf(tile)), Math.max(tiles.indexOf(lastPicked), tiles.indexOf(tile)) + 1)
      : [tile];
    range.forEach(function (t) {
      var input = t.querySelector("input.pick");
      input.checked = box.checked;
      t.classList.toggle("selected", box.checked);
      if (box.checked) selected.add(t.dataset.item); else selected.delete(t.dataset.item);
    });
    lastPicked = tile;
    refresh();
  });
  document.getElementById("clear-selection").addEventListener("click", function () {
    selected.clear();
    allMatching.checked = false;
    timeline.querySelectorAll("input.pick:checked").forEach(function (i) { i.checked = false; i.closest(".tile").classList.remove("selected"); });
    refresh();
  });
  // Tiles a chunk brings (new or back) show what is still selected.
  function showSelection(root) {
    root.querySelectorAll(".tile").forEach(function (t) {
      var on = selected.has(t.dataset.item);
      t.querySelector("input.pick").checked = on;
      t.classList.toggle("selected", on);
    });
  }
  document.body.addEventListener("htmx:afterSettle", function () { showSelection(timeline); });
})();
