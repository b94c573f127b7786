/* Sort and filter the generated practice-case table in the browser, without a server.
   Without JavaScript the table stays a plain, complete table. */
(function () {
  "use strict";
  var TEXT = {
    nl: { search: "Zoek", strategy: "Strategie", province: "Provincie", all: "Alle",
          count: function (n, t) { return n + " van " + t + " praktijkvoorbeelden"; },
          sort: "Sorteer op" },
    en: { search: "Search", strategy: "Strategy", province: "Province", all: "All",
          count: function (n, t) { return n + " of " + t + " practice cases"; },
          sort: "Sort by" }
  };

  function cellText(row, index) {
    return row.cells[index] ? row.cells[index].textContent.trim() : "";
  }

  function values(rows, index) {
    var seen = {};
    rows.forEach(function (row) {
      cellText(row, index).split(",").forEach(function (v) {
        v = v.trim();
        if (v && v !== "–") seen[v] = true;
      });
    });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
  }

  function select(label, options, t) {
    var wrap = document.createElement("label");
    wrap.textContent = label;
    var el = document.createElement("select");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = t.all;
    el.appendChild(all);
    options.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = v;
      el.appendChild(o);
    });
    wrap.appendChild(el);
    return { label: wrap, control: el };
  }

  function setup(container) {
    var table = container.querySelector("table");
    if (!table || container.dataset.kbReady) return;
    container.dataset.kbReady = "1";
    var lang = (document.documentElement.lang || "nl").slice(0, 2);
    var t = TEXT[lang] || TEXT.nl;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    // On a phone the rows become cards (kb.css); each cell then shows its column's name.
    // Explicit roles keep the table a table for screen readers when CSS changes its display.
    var labels = headers.map(function (th) { return th.textContent.trim(); });
    table.setAttribute("role", "table");
    [table.tHead, body].forEach(function (group) { group.setAttribute("role", "rowgroup"); });
    table.tHead.rows[0].setAttribute("role", "row");
    headers.forEach(function (th) { th.setAttribute("role", "columnheader"); });
    rows.forEach(function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        cell.setAttribute("role", "cell");
        cell.setAttribute("data-label", labels[index] || "");
      });
    });
    container.classList.add("kb-table--cards");

    var bar = document.createElement("div");
    bar.className = "kb-table__filters";
    var searchLabel = document.createElement("label");
    searchLabel.textContent = t.search;
    var search = document.createElement("input");
    search.type = "search";
    searchLabel.appendChild(search);
    var strategy = select(t.strategy, values(rows, 3), t);
    var province = select(t.province, values(rows, 2), t);
    var count = document.createElement("p");
    count.className = "kb-table__count";
    count.setAttribute("role", "status");
    count.setAttribute("aria-live", "polite");
    bar.appendChild(searchLabel);
    bar.appendChild(strategy.label);
    bar.appendChild(province.label);
    container.insertBefore(bar, container.firstChild);
    container.insertBefore(count, bar.nextSibling);

    function apply() {
      var q = search.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = (!q || row.textContent.toLowerCase().indexOf(q) !== -1) &&
          (!strategy.control.value || cellText(row, 3).split(/,\s*/).indexOf(strategy.control.value) !== -1) &&
          (!province.control.value || cellText(row, 2) === province.control.value);
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = t.count(shown, rows.length);
    }
    search.addEventListener("input", apply);
    strategy.control.addEventListener("change", apply);
    province.control.addEventListener("change", apply);

    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", t.sort + " " + th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var r = cellText(a, index).localeCompare(cellText(b, index), lang);
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    apply();
  }

  function init() {
    document.querySelectorAll("[data-kb-table]").forEach(setup);
  }
  // Material's instant navigation swaps pages without a load event.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
