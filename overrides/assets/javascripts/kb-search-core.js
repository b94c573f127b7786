/* Search over a prebuilt lunr index: query expansion with glossary synonyms, ranking and
   grouping in the shape Material's search interface renders. Runs in the search worker
   and, for the parity tests, in node. Keep expandQuery() in step with
   plugins/kennisbank/search/synonyms.py. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.kbSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var WORD = /[^\s\-]+/g;
  var STRIP = /[:^~+*()\[\]{}"'“”‘’,.;!?\/\\]/g;

  function words(text) {
    return (text.match(WORD) || [])
      .map(function (w) { return w.replace(STRIP, "").toLowerCase(); })
      .filter(function (w) { return w.length > 0; });
  }

  function byLengthThenText(a, b) {
    if (a.length !== b.length) return b.length - a.length;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function expandQuery(query, groups) {
    var own = words(query);
    var text = " " + own.join(" ") + " ";
    var extra = [];
    Object.keys(groups).sort(byLengthThenText).forEach(function (phrase) {
      if (text.indexOf(" " + phrase + " ") === -1) return;
      groups[phrase].forEach(function (other) {
        other.split(" ").forEach(function (word) {
          if (own.indexOf(word) === -1 && extra.indexOf(word) === -1) extra.push(word);
        });
      });
    });
    return own.concat(extra).join(" ");
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Wrap the words whose stem matched in <mark>. Works without position metadata. */
  function highlight(text, stems, stem) {
    return escapeHTML(text).replace(/[0-9A-Za-zÀ-ÖØ-öø-ÿ]+/g, function (word) {
      return stems[stem(word.toLowerCase())] ? "<mark>" + word + "</mark>" : word;
    });
  }

  function Engine(lunr, data) {
    this.lunr = lunr;
    this.data = data;
    this.index = lunr.Index.load(data.index);
    var pipeline = this.index.pipeline;
    this.stem = function (word) {
      var out = pipeline.runString(word);
      return out.length ? out[0] : word;
    };
  }

  /* Ranked matches: [{ref, score, terms}] exactly as lunr returns them. */
  Engine.prototype.rank = function (query) {
    var expanded = expandQuery(query, this.data.synonyms || {});
    if (!expanded) return [];
    try {
      return this.index.search(expanded).map(function (r) {
        return { ref: r.ref, score: r.score, terms: Object.keys(r.matchData.metadata) };
      });
    } catch (e) {
      return [];
    }
  };

  /* Results grouped per page, each group with its page (article) first-class. */
  Engine.prototype.search = function (query) {
    var self = this;
    var docs = this.data.docs;
    var queryWords = words(query);
    var groups = [];
    var byPage = {};
    this.rank(query).forEach(function (match) {
      var n = Number(match.ref);
      var doc = docs[n];
      var page = doc.p === -1 ? n : doc.p;
      var stems = {};
      match.terms.forEach(function (t) { stems[t] = true; });
      var terms = {};
      queryWords.forEach(function (w) { terms[w] = !!stems[self.stem(w)]; });
      var item = {
        location: doc.l,
        title: highlight(doc.t, stems, self.stem),
        text: doc.x ? "<p>" + highlight(doc.x, stems, self.stem) + (doc.x.length >= 320 ? " …" : "") + "</p>" : "",
        score: match.score,
        terms: terms
      };
      if (!(page in byPage)) {
        byPage[page] = groups.length;
        groups.push([]);
      }
      groups[byPage[page]].push(item);
    });
    groups.forEach(function (items) {
      var hasArticle = items.some(function (i) { return i.location.indexOf("#") === -1; });
      if (!hasArticle) {
        var page = docs.filter(function (d) { return d.l === items[0].location.split("#")[0]; })[0];
        if (page) items.push({ location: page.l, title: escapeHTML(page.t), text: "", score: 0, terms: {} });
      }
    });
    return { items: groups };
  };

  return { words: words, expandQuery: expandQuery, Engine: Engine };
});
