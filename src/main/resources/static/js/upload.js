// Uploads from the libraries page: a file picker (a phone's too) or files dropped on the form, each
// sent as the body of one request so the server streams it to disk; progress and the answer per file.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  if (!form) return;
  var results = document.getElementById("upload-results");

  function send(file) {
    var line = document.createElement("li");
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    line.textContent = file.name + " ";
    line.appendChild(bar);
    results.appendChild(line);
    var request = new XMLHttpRequest();
    var library = form.elements.library.value;
    var keep = form.elements.keepDuplicate.checked;
    request.open("PUT", "/api/libraries/" + encodeURIComponent(library) + "/uploads?name=" + encodeURIComponent(file.name)
      + (keep ? "&keepDuplicate=true" : ""));
    if (window.archivistCsrf) request.setRequestHeader(window.archivistCsrf.header, window.archivistCsrf.token);
    request.upload.onprogress = function (event) { if (event.lengthComputable) bar.value = 100 * event.loaded / event.total; };
    request.onload = function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (e) { /* not JSON: the status says enough */ }
      var text;
      if (request.status === 201) text = "stored as " + answer.path;
      else if (request.status === 200) text = "already in the library as " + answer.duplicateOf + " (not stored again)";
      else text = "refused: " + (answer.detail || request.status);
      line.textContent = file.name + ": " + text;
    };
    request.onerror = function () { line.textContent = file.name + ": the upload was interrupted"; };
    request.send(file);
  }

  function sendAll(files) { Array.prototype.forEach.call(files, send); }
  form.elements.files.addEventListener("change", function () { sendAll(form.elements.files.files); form.elements.files.value = ""; });
  form.addEventListener("dragover", function (event) { event.preventDefault(); form.classList.add("over"); });
  form.addEventListener("dragleave", function () { form.classList.remove("over"); });
  form.addEventListener("drop", function (event) {
    event.preventDefault();
    form.classList.remove("over");
    sendAll(event.dataTransfer.files);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
