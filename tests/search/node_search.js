// Browser-side search in node, for the parity tests: the site's own lunr.js, lunr.nl and
// kb-search-core.js, loaded from the built site exactly as the search worker loads them.
//   node node_search.js stem <site> <lang>         < words.json  > stems.json
//   node node_search.js rank <site> <lang>         < queries.json > ranks.json
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [command, site, lang] = process.argv.slice(2);
const js = (name) => path.join(site, "assets", "javascripts", name);

// Load the scripts as the worker does (importScripts): as plain scripts in one global scope.
const context = { console, self: {} };
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
} else if (command === "rank") {
  const data = JSON.parse(fs.readFileSync(path.join(site, "search", `kb-index.${lang}.json`), "utf-8"));
  const engine = new context.kbSearch.Engine(lunr, data);
  const out = input.map((q) => ({
    expanded: context.kbSearch.expandQuery(q, data.synonyms),
    ranks: engine.rank(q).map((r) => [r.ref, r.score]),
  }));
  process.stdout.write(JSON.stringify(out));
}
