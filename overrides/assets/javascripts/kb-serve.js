/* Only during `mkdocs serve`: when the last rebuild failed, show its messages on the page
   (the pages are the last good ones). Written by kennisbank/serve.py, removed by a good build. */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.kbErrors;
  if (!url || !window.fetch) return;
  fetch(url, { cache: "no-store" }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (data) {
    if (!data || !data.messages || !data.messages.length) return;
    var box = document.createElement("div");
    box.className = "kb-serve-error";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.textContent = document.documentElement.lang === "en"
      ? "The last build failed. You see the last good version. Fix this and save the file:"
      : "De laatste build is mislukt. Je ziet de laatste goede versie. Herstel dit en sla het bestand op:";
    box.appendChild(title);
    var list = document.createElement("ul");
    data.messages.forEach(function (m) {
      var li = document.createElement("li");
      li.textContent = m;
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }).catch(function () { /* no error file: the last build was good */ });
})();
