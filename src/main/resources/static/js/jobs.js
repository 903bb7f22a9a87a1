// Live progress of running jobs from each one's event stream; the stream ends with the job's final state.
(function () {
  "use strict";
  document.querySelectorAll("tr[data-live=true]").forEach(function (row) {
    var source = new EventSource("/api/jobs/" + row.dataset.job + "/events");
    function show(event) {
      var job = JSON.parse(event.data);
      row.querySelector(".state").textContent = String(job.status).toLowerCase();
      row.querySelector("progress").value = job.progress;
      row.querySelector(".count").textContent = job.processedItems;
    }
    source.addEventListener("progress", show);
    source.addEventListener("end", function (event) { show(event); source.close(); });
    source.onerror = function () { source.close(); };
  });
})();
