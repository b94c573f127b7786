/* Search worker for Material's search interface, answering from the prebuilt index of the
   page's language (?lang=nl|en in this script's URL). Message types as in Material:
   0 SETUP, 1 READY, 2 QUERY, 3 RESULT. */
/* global importScripts, lunr, kbSearch */
"use strict";
var params = new URL(self.location.href).searchParams;
var lang = params.get("lang") || "nl";
importScripts("vendor/lunr-2.3.9.min.js");
if (lang !== "en") {
  importScripts("lunr/min/lunr.stemmer.support.min.js", "lunr/min/lunr." + lang + ".min.js");
}
importScripts("kb-search-core.js");

var engine = null;
var waiting = [];

function answer(query) {
  self.postMessage({ type: 3, data: engine.search(query) });
}

var loading = null;

function load() {
  loading = loading || fetch(new URL("../../search/kb-index." + lang + ".json", self.location.href))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      engine = new kbSearch.Engine(lunr, data);
      self.postMessage({ type: 1 });
      waiting.forEach(answer);
      waiting = [];
    });
  return loading;
}

self.addEventListener("message", function (event) {
  var message = event.data;
  // SETUP (0) carries Material's document list, which this worker does not need: it loads
  // the prebuilt index instead.
  if (message.type === 0) {
    load();
  } else if (message.type === 2) {
    if (engine) answer(message.data);
    else { waiting.push(message.data); load(); }
  }
});
