/* Search over the split prebuilt index (see plugins/kennisbank/search/split.py).
   Runs in the search worker and, for the parity tests, in node. It loads only the index
   parts a query needs and computes lunr's own score from precomputed weights, so the
   ranking equals that of lunr.js on the whole index. Keep expandQuery() in step with
   plugins/kennisbank/search/synonyms.py. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.kbSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var WORD = /[^\s\-]+/g;
  var STRIP = /[:^~+*()\[\]{}"'“”‘’,.;!?\/\\]/g;
  var GROUPS = 12;        // pages returned per query (each needs its document chunks)
  var SECTIONS = 4;       // sections shown per page
  var FIRST = 4;          // pages shown before the documents of the others are in

  function words(text) {
    return (text.match(WORD) || [])
      .map(function (w) { return w.replace(STRIP, "").toLowerCase(); })
      .filter(function (w) { return w.length > 0; });
  }

  function byLengthThenText(a, b) {
    if (a.length !== b.length) return b.length - a.length;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /* The glossary phrases a query contains (longest first) and the words each one adds. */
  function synonymsIn(own, groups) {
    var text = " " + own.join(" ") + " ";
    return Object.keys(groups).sort(byLengthThenText)
      .filter(function (phrase) { return text.indexOf(" " + phrase + " ") !== -1; })
      .map(function (phrase) {
        var adds = [];
        groups[phrase].forEach(function (other) { adds.push.apply(adds, other.split(" ")); });
        return { phrase: phrase, adds: adds };
      });
  }

  function expandQuery(query, groups) {
    var own = words(query);
    var extra = [];
    synonymsIn(own, groups).forEach(function (match) {
      match.adds.forEach(function (word) {
        if (own.indexOf(word) === -1 && extra.indexOf(word) === -1) extra.push(word);
      });
    });
    return own.concat(extra).join(" ");
  }

  /* For each word of the query, the words its glossary phrases add, so that a page found
     through a synonym is not shown as "missing" the word the reader typed. */
  function addedWords(query, groups) {
    var added = {};
    synonymsIn(words(query), groups).forEach(function (match) {
      match.phrase.split(" ").forEach(function (w) { added[w] = (added[w] || []).concat(match.adds); });
    });
    return added;
  }

  var PREFIX_TERMS = 30;   // index terms a word being typed may expand to

  /* Position of the last entry of a sorted list that is <= value: the part whose term
     range holds a term, the page or chunk that holds a document. */
  function lastAtMost(list, value) {
    var lo = 0, hi = list.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (list[mid] <= value) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  var partOf = lastAtMost;

  /* Parts that can hold terms starting with prefix. */
  function partsWithPrefix(bounds, prefix) {
    var first = partOf(bounds, prefix), last = first;
    while (last + 1 < bounds.length && bounds[last + 1].indexOf(prefix) === 0) last++;
    var out = [];
    for (var i = first; i <= last; i++) out.push(i);
    return out;
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Wrap the words whose stem matched in <mark> (the index keeps no positions). */
  function highlight(text, stems, stem) {
    return escapeHTML(text).replace(/[0-9A-Za-zÀ-ÖØ-öø-ÿ]+/g, function (word) {
      return stems[stem(word.toLowerCase())] ? "<mark>" + word + "</mark>" : word;
    });
  }

  /* manifest: search/<lang>/manifest.json; load(name) -> Promise of a part's JSON;
     stem(word) -> the search pipeline's stem of a lowercase word. */
  function Engine(manifest, load, stem) {
    this.manifest = manifest;
    this.load = load;
    var stems = Object.create(null);   // stemming is the costly part of highlighting
    this.stem = function (word) {
      return word in stems ? stems[word] : (stems[word] = stem(word));
    };
    this.parts = {};
  }

  Engine.prototype.part = function (name) {
    if (!this.parts[name]) this.parts[name] = this.load(name);
    return this.parts[name];
  };

  /* lunr's Index.search for a query of plain terms, on the split index. With prefix, the
     last word the reader typed also counts as a trailing wildcard (lunr's "word*"), so that
     results appear while typing. */
  Engine.prototype.rank = function (query, prefix) {
    var self = this;
    var fields = this.manifest.fields;
    var bounds = this.manifest.bounds || [];
    if (!bounds.length) return Promise.resolve([]);
    var expanded = expandQuery(query, this.manifest.synonyms || {});
    var terms = words(expanded).map(function (w) { return self.stem(w); }).filter(Boolean);
    var typed = prefix ? words(query).pop() : null;
    if (typed && typed.length < 2) typed = null;
    var needed = {};
    terms.forEach(function (t) { needed[partOf(bounds, t)] = true; });
    if (typed) partsWithPrefix(bounds, typed).forEach(function (i) { needed[i] = true; });
    return Promise.all(Object.keys(needed).map(function (i) {
      return self.part("t" + i + ".json");
    })).then(function (loaded) {
      var entries = {};
      loaded.forEach(function (part) { Object.assign(entries, part); });
      if (typed) {
        // Completions of the word being typed, other than the terms the query already has.
        Object.keys(entries).filter(function (t) { return t.indexOf(typed) === 0 && terms.indexOf(t) === -1; })
          .sort().slice(0, PREFIX_TERMS).forEach(function (t) { terms.push(t); });
      }
      var query = {};                   // termIndex -> summed clause boost (lunr's upsert)
      var weights = {};                 // "field/ref" -> {termIndex: weight}
      var order = [];                   // field refs in lunr's matchingFields order
      var seen = {};
      terms.forEach(function (term) {
        var entry = entries[term];
        if (!entry) return;
        // Each clause adds its boost (1) to the term in every field's query vector; the
        // vectors of all fields are therefore equal and one serves them all.
        query[entry.i] = (query[entry.i] || 0) + 1;
        fields.forEach(function (field) {
          var cacheKey = term + "/" + field;
          if (seen[cacheKey]) return;
          seen[cacheKey] = true;
          entry[field].forEach(function (posting) {
            var key = field + "/" + posting[0];
            if (!weights[key]) { weights[key] = {}; order.push(key); }
            weights[key][entry.i] = posting[1];
          });
        });
      });
      var indexes = Object.keys(query).map(Number).sort(function (a, b) { return a - b; });
      var sumOfSquares = 0;
      indexes.forEach(function (i) { sumOfSquares += query[i] * query[i]; });
      var magnitude = Math.sqrt(sumOfSquares);
      var matches = [];
      var byRef = {};
      order.forEach(function (key) {
        var ref = key.slice(key.indexOf("/") + 1);
        var dot = 0;
        indexes.forEach(function (i) {
          if (weights[key][i] !== undefined) dot += query[i] * weights[key][i];
        });
        var score = dot / magnitude || 0;
        if (byRef[ref] !== undefined) {
          matches[byRef[ref]].score += score;
          matches[byRef[ref]].terms.push.apply(matches[byRef[ref]].terms, Object.keys(weights[key]));
        } else {
          byRef[ref] = matches.length;
          matches.push({ ref: ref, score: score, terms: Object.keys(weights[key]) });
        }
      });
      var termsByIndex = {};
      terms.forEach(function (t) { if (entries[t]) termsByIndex[entries[t].i] = t; });
      matches.forEach(function (m) {
        m.terms = Object.keys(m.terms.reduce(function (set, i) { set[termsByIndex[i]] = true; return set; }, {}));
      });
      return matches.sort(function (a, b) { return b.score - a.score; });
    });
  };

  Engine.prototype.pageOf = function (ref) {
    return this.manifest.pages[lastAtMost(this.manifest.pages, ref)];
  };

  /* Results grouped per page in the shape Material's search interface renders. Each page's
     documents live in one chunk. progress(result), if given, receives the first pages as
     soon as their chunks are in, before the chunks of the others are fetched. */
  Engine.prototype.search = function (query, progress) {
    var self = this;
    var queryWords = words(query);
    var typed = queryWords[queryWords.length - 1];
    var added = addedWords(query, this.manifest.synonyms || {});
    var starts = this.manifest.chunks;
    return this.rank(query, true).then(function (matches) {
      var groups = [], byPage = {};
      matches.forEach(function (m) {
        var page = self.pageOf(Number(m.ref));
        if (!(page in byPage)) {
          if (groups.length >= GROUPS) return;
          byPage[page] = groups.length;
          groups.push({ page: page, chunk: lastAtMost(starts, page), matches: [] });
        }
        var group = groups[byPage[page]];
        if (group.matches.length < SECTIONS) group.matches.push(m);
      });
      var byChunk = {};

      function doc(ref) { var k = lastAtMost(starts, ref); return byChunk[k][ref - starts[k]]; }

      function item(m) {
        var d = doc(Number(m.ref));
        var stems = {};
        m.terms.forEach(function (t) { stems[t] = true; });
        var found = {};
        queryWords.forEach(function (w) {
          found[w] = !!stems[self.stem(w)]
            || (added[w] || []).some(function (x) { return stems[self.stem(x)]; })
            || (w === typed && m.terms.some(function (t) { return t.indexOf(w) === 0; }));
        });
        return {
          location: d[0],
          title: highlight(d[1], stems, self.stem),
          text: d[3] ? "<p>" + highlight(d[3], stems, self.stem) + (d[3].length >= 320 ? " …" : "") + "</p>" : "",
          score: m.score,
          terms: found
        };
      }

      function items(count) {
        return groups.slice(0, count).map(function (g) {
          if (g.items) return g.items;
          var list = g.items = g.matches.map(item);
          if (!list.some(function (i) { return i.location.indexOf("#") === -1; })) {
            var p = doc(g.page);
            list.push({ location: p[0], title: escapeHTML(p[1]), text: "", score: 0, terms: {} });
          }
          return list;
        });
      }

      // The chunks of the first pages come first (a screenful, shown at once), the rest
      // after them: fewer requests compete with the page's own start-up.
      var first = [], rest = [];
      groups.forEach(function (g, n) {
        if (first.indexOf(g.chunk) === -1 && rest.indexOf(g.chunk) === -1) {
          (n < FIRST ? first : rest).push(g.chunk);
        }
      });
      function fetchChunks(list) {
        return Promise.all(list.map(function (k) {
          return self.part("d" + k + ".json").then(function (docs) { byChunk[k] = docs; });
        }));
      }
      return fetchChunks(first).then(function () {
        if (progress && rest.length) progress({ items: items(FIRST) });
        return fetchChunks(rest);
      }).then(function () { return { items: items(groups.length) }; });
    });
  };

  return { words: words, expandQuery: expandQuery, partOf: partOf, Engine: Engine };
});
