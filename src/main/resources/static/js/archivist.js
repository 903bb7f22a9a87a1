// Every page: htmx requests and the page scripts' own requests carry the CSRF token the server gave the page.
(function () {
  var token = document.querySelector("meta[name=csrf-token]");
  var header = document.querySelector("meta[name=csrf-header]");
  if (!token || !header) return;
  window.archivistCsrf = { header: header.content, token: token.content };
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers[header.content] = token.content;
  });
})();
