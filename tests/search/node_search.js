// Browser-side search in node, for the parity tests: the site's own lunr.js, lunr.nl and
// kb-search-core.js, loaded from the built site exactly as the search worker loads them.
//   node node_search.js stem <site> <lang>         < words.json  > stems.json
//   node node_search.js lunr <site> <lang>         < queries.json > ranks.json  (lunr.js, whole index)
//   node node_search.js split <site> <lang>        < queries.json > ranks.json  (the worker's engine)
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [command, site, lang] = process.argv.slice(2);
const js = (name) => path.join(site, "assets", "javascripts", name);

// Load the scripts as the worker does (importScripts): as plain scripts in one global scope.
const context = { console, TextEncoder, self: {} };
context.self = context;
vm.createContext(context);
const load = (file) => vm.runInContext(fs.readFileSync(file, "utf-8"), context, { filename: file });
load(js("vendor/lunr-2.3.9.min.js"));
if (lang !== "en") {
  load(js("lunr/min/lunr.stemmer.support.min.js"));
  load(js(`lunr/min/lunr.${lang}.min.js`));
}
load(js("kb-search-core.js"));
const lunr = context.lunr;
const input = JSON.parse(fs.readFileSync(0, "utf-8"));

if (command === "stem") {
  const stemmer = lang === "en" ? lunr.stemmer : lunr[lang].stemmer;
  const out = input.map((w) => stemmer(new lunr.Token(w.toLowerCase())).toString());
  process.stdout.write(JSON.stringify(out));
} else if (command === "lunr") {
  const data = JSON.parse(fs.readFileSync(path.join(site, "search", `kb-index.${lang}.json`), "utf-8"));
  const index = lunr.Index.load(data.index);
  const out = input.map((q) => {
    const expanded = context.kbSearch.expandQuery(q, data.synonyms);
    return { expanded, ranks: expanded ? index.search(expanded).map((r) => [r.ref, r.score]) : [] };
  });
  process.stdout.write(JSON.stringify(out));
} else if (command === "split") {
  const folder = path.join(site, "search", lang);
  const read = (name) => JSON.parse(fs.readFileSync(path.join(folder, name), "utf-8"));
  const manifest = read("manifest.json");
  const pipeline = lunr.Pipeline.load(manifest.pipeline);
  const loaded = new Set();
  const engine = new context.kbSearch.Engine(manifest, (name) => { loaded.add(name); return Promise.resolve(read(name)); },
    (word) => { const out = pipeline.runString(word); return out.length ? out[0] : ""; });
  (async () => {
    const out = [];
    for (const q of input) {
      loaded.clear();
      const ranks = (await engine.rank(q)).map((r) => [r.ref, r.score]);
      engine.parts = {};
      out.push({ ranks, parts: [...loaded] });
    }
    process.stdout.write(JSON.stringify(out));
  })();
}
