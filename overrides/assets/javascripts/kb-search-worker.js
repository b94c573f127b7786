/* Search worker for Material's search interface, answering from the split prebuilt index
   of the page's language (?lang=nl|en in this script's URL). Message types as in Material:
   0 SETUP, 1 READY, 2 QUERY, 3 RESULT. Only the query stemmer is loaded up front; index
   parts are fetched per query. */
/* global importScripts, lunr, kbSearch */
"use strict";
var lang = new URL(self.location.href).searchParams.get("lang") || "nl";
// The build writes kb-search-worker.<lang>.js with lunr, the language's stemmer and
// kb-search-core.js bundled in front of this file (one request); this file alone loads them.
if (typeof kbSearch === "undefined") {
  importScripts("vendor/lunr-2.3.9.min.js");
  if (lang !== "en") {
    importScripts("lunr/min/lunr.stemmer.support.min.js", "lunr/min/lunr." + lang + ".min.js");
  }
  importScripts("kb-search-core.js");
}

var base = new URL("../../search/" + lang + "/", self.location.href);
var engine = null;
var pending = [];
var loading = null;
var latest = 0;

function part(name) {
  return fetch(new URL(name, base)).then(function (response) { return response.json(); });
}

function setup() {
  loading = loading || part("manifest.json").then(function (manifest) {
    var pipeline = lunr.Pipeline.load(manifest.pipeline);
    engine = new kbSearch.Engine(manifest, part, function (word) {
      var out = pipeline.runString(word);
      return out.length ? out[0] : "";
    });
    self.postMessage({ type: 1 });
    pending.forEach(answer);
    pending = [];
  });
  return loading;
}

var timer = null;
var last = 0;

/* Material sends a query on every keystroke. A query that follows another within 120 ms
   waits until typing pauses, so that only the index parts of the words that stay are
   fetched; a first query (or a shared ?q= link) is answered at once. */
function answer(query) {
  var id = ++latest;
  var now = Date.now();
  var wait = now - last < 120 ? 120 : 0;
  last = now;
  clearTimeout(timer);
  timer = setTimeout(function () {
    engine.search(query).then(function (result) {
      if (id === latest) self.postMessage({ type: 3, data: result });  // drop stale answers
    });
  }, wait);
}

// Start loading the manifest at once, in parallel with Material's own start-up.
setup();

self.addEventListener("message", function (event) {
  var message = event.data;
  // SETUP (0) carries Material's document list; this worker uses its own index instead.
  if (message.type === 0) {
    setup();
  } else if (message.type === 2) {
    if (engine) answer(message.data);
    else { pending.push(message.data); setup(); }
  }
});
