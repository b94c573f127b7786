/* Search worker for Material's search interface, answering from the split prebuilt index
   of the page's language (?lang=nl|en in this script's URL). Message types as in Material:
   0 SETUP, 1 READY, 2 QUERY, 3 RESULT. For a shared ?q= link the page's own early script
   (overrides/partials/kb-search-early.html) starts this worker before Material's script
   has loaded, with the query in this script's URL so that the search starts at once, and
   sends "kb-attached" when Material takes the worker over. Index parts are fetched per
   query. */
/* global importScripts, lunr, kbSearch */
"use strict";
var params = new URL(self.location.href).searchParams;
// The copy that works from a folder runs this in an iframe (no worker URL to read the
// language from) and carries the index parts in the bundle (no fetch from file://).
var lang = self.kbLang || params.get("lang") || "nl";
// The build writes kb-search-worker.<lang>.js with lunr, the language's stemmer,
// kb-search-core.js and the index manifest (self.kbManifest) bundled in front of this file,
// so the worker starts with one request; this file alone loads them itself.
if (typeof kbSearch === "undefined") {
  importScripts("vendor/lunr-2.3.9.min.js");
  if (lang !== "en") {
    importScripts("lunr/min/lunr.stemmer.support.min.js", "lunr/min/lunr." + lang + ".min.js");
  }
  importScripts("kb-search-core.js");
}

var base = new URL("../../search/" + lang + "/", self.location.href);

function part(name) {
  if (self.kbParts && self.kbParts[name]) return Promise.resolve(self.kbParts[name]);
  return fetch(new URL(name, base)).then(function (response) { return response.json(); });
}

var engine = (self.kbManifest ? Promise.resolve(self.kbManifest) : part("manifest.json"))
  .then(function (manifest) {
    var pipeline = lunr.Pipeline.load(manifest.pipeline);
    return new kbSearch.Engine(manifest, part, function (word) {
      var out = pipeline.runString(word);
      return out.length ? out[0] : "";
    });
  });

var latest = 0;       // id of the newest query; answers to older ones are dropped
var timer = null;
var last = 0;
var shared = null;    // the ?q= query of a shared link, searched from the start

function post(id, result) {
  if (id === latest) self.postMessage({ type: 3, data: result });
}

/* Material sends a query on every keystroke. A query that follows another within 120 ms
   waits until typing pauses, so that only the index parts of the words that stay are
   fetched; a first query (or a shared ?q= link) is answered at once. The best pages are
   posted as soon as their documents are in, the full list when all are. */
function answer(query) {
  var id = ++latest;
  var now = Date.now();
  var wait = now - last < 120 ? 120 : 0;
  last = now;
  clearTimeout(timer);
  if (shared && shared.query === query) return showShared(id);
  shared = null;
  timer = setTimeout(function () {
    engine.then(function (e) {
      return e.search(query, function (partial) { post(id, partial); });
    }).then(function (result) { post(id, result); });
  }, wait);
}

/* The shared query's answers so far go out under id, and later ones follow. */
function showShared(id) {
  shared.id = id;
  if (shared.best) post(id, shared.best);
}

function startShared(query) {
  var started = shared = { query: query, id: 0, best: null };
  function update(result) {
    started.best = result;
    if (started.id) post(started.id, result);
  }
  engine.then(function (e) { return e.search(query, update); }).then(update);
}

if (params.get("q")) startShared(params.get("q"));

/* READY tells Material to send its queries; they wait here for the index if need be.
   Material acts on the first READY only, so a second one is harmless. */
function announce() {
  self.postMessage({ type: 1 });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === "kb-attached") {
    // Material listens now and has put the shared query in its search box: answer it at
    // once, without waiting for Material's SETUP (which comes only after it has fetched
    // the stub of its own index) and QUERY (which comes only after READY). The results go
    // first: Material renders a result list whenever one arrives, and each message costs
    // its busy start-up a task; READY then brings the QUERY that updates the count.
    if (shared) showShared(++latest);
    announce();
  } else if (message.type === 0) {
    // SETUP carries Material's document list; this worker uses its own index instead.
    engine.then(announce);
  } else if (message.type === 2) {
    answer(message.data);
  }
});
