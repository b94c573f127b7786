/* Start-up shared by the site's own scripts (loaded first, on every page).
   kb.onPage(fn): run fn on every page, also after Material's instant navigation swaps pages.
   kb.data(id): the JSON the build put in <script type="application/json" id="...">.
   kb.text: the interface text of this page's language (kb.data("kb-text")).
   kb.load / kb.save / kb.remove: state in localStorage, which may be missing or full
   (private mode, a school computer): then state lives for this page view only. */
(function () {
  "use strict";
  var memory = {};

  function data(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function load(key, fallback) {
    var raw = null;
    try { raw = window.localStorage.getItem(key); } catch (e) { raw = memory[key] || null; }
    if (raw === null) return fallback;
    try { return JSON.parse(raw); } catch (e) { return fallback; }
  }

  function save(key, value) {
    var raw = JSON.stringify(value);
    try { window.localStorage.setItem(key, raw); } catch (e) { memory[key] = raw; }
  }

  function remove(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing stored */ }
    delete memory[key];
  }

  function onPage(fn) {
    if (window.document$ && window.document$.subscribe) {
      window.document$.subscribe(function () { fn(); });
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { fn(); });
    } else {
      fn();
    }
  }

  /* "Dag 3" of the reader's clock, for spaced review (tests move the clock). */
  function today() {
    var now = new Date(Date.now());
    return Math.floor((now.getTime() - now.getTimezoneOffset() * 60000) / 86400000);
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  window.kb = {
    onPage: onPage, data: data, load: load, save: save, remove: remove, today: today, format: format,
    get text() { return data("kb-text") || {}; },
    lang: (document.documentElement.lang || "nl").slice(0, 2)
  };
})();
