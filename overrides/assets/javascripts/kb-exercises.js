/* Self-assessment exercises: check answers, give feedback, keep progress in this browser.
   Nothing is sent anywhere: progress lives in localStorage under "kb-oefening:<set id>". */
(function () {
  "use strict";
  var PREFIX = "kb-oefening:";

  function text() {
    var el = document.getElementById("kb-exercise-text");
    return el ? JSON.parse(el.textContent) : {};
  }

  function load(id) {
    try { return JSON.parse(localStorage.getItem(PREFIX + id)) || { answers: {} }; }
    catch (e) { return { answers: {} }; }
  }

  function save(id, state) {
    state.updated = new Date().toISOString();
    try { localStorage.setItem(PREFIX + id, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  function fields(form) {
    return Array.prototype.slice.call(form.querySelectorAll("input, select, textarea"));
  }

  /* The reader's answer as plain data, or null when the question is not complete. */
  function read(form) {
    var kind = form.dataset.kbKind;
    if (kind === "enkel" || kind === "juist-onjuist") {
      var chosen = form.querySelector("input:checked");
      return chosen ? chosen.value : null;
    }
    if (kind === "meer") {
      var values = fields(form).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
      return values.length ? values : null;
    }
    if (kind === "volgorde" || kind === "paren") {
      var picks = form.querySelectorAll("select");
      var list = Array.prototype.map.call(picks, function (s) { return s.value; });
      return list.every(function (v) { return v !== ""; }) ? list : null;
    }
    if (kind === "reflectie") {
      return form.querySelector("textarea").value;
    }
    return null;
  }

  function write(form, value) {
    var kind = form.dataset.kbKind;
    if (value === null || value === undefined) return;
    if (kind === "enkel" || kind === "juist-onjuist") {
      fields(form).forEach(function (i) { i.checked = i.value === String(value); });
    } else if (kind === "meer") {
      fields(form).forEach(function (i) { i.checked = value.indexOf(Number(i.value)) !== -1; });
    } else if (kind === "volgorde" || kind === "paren") {
      form.querySelectorAll("select").forEach(function (s, n) { s.value = value[n]; });
    } else if (kind === "reflectie") {
      form.querySelector("textarea").value = value;
    }
  }

  function isRight(form, value) {
    var answer = JSON.parse(form.dataset.kbAnswer);
    var kind = form.dataset.kbKind;
    if (kind === "enkel") return answer.indexOf(Number(value)) !== -1;
    if (kind === "juist-onjuist") return value === answer;
    if (kind === "meer") {
      return value.length === answer.length && answer.every(function (a) { return value.indexOf(a) !== -1; });
    }
    if (kind === "volgorde") return value.every(function (v, n) { return Number(v) === answer[n]; });
    if (kind === "paren") return value.every(function (v, n) { return v === answer[n]; });
    return null;
  }

  function block(form, key) {
    var el = form.querySelector('[data-kb-fb="' + key + '"]');
    var copy = document.createElement("div");
    copy.className = "kb-q__fb-copy";
    if (el) {
      copy.innerHTML = el.innerHTML;
    }
    return copy;
  }

  function show(form, value, t, announce) {
    var out = form.querySelector("[data-kb-feedback]");
    var kind = form.dataset.kbKind;
    out.textContent = "";
    out.className = "kb-q__feedback";
    if (value === null || (kind === "reflectie" && !value.trim())) {
      if (announce) out.textContent = t.missing;
      return null;
    }
    if (kind === "reflectie") {
      var p = document.createElement("p");
      p.textContent = t.reflection_done;
      out.appendChild(p);
      var details = form.querySelector("details");
      if (details) details.open = true;
      out.classList.add("kb-q__feedback--done");
      return null;
    }
    var right = isRight(form, value);
    var verdict = document.createElement("p");
    verdict.className = "kb-q__verdict";
    verdict.textContent = right ? t.verdict_right : (kind === "meer" ? t.verdict_partial : t.verdict_wrong);
    out.appendChild(verdict);
    out.classList.add(right ? "kb-q__feedback--right" : "kb-q__feedback--wrong");
    if (kind === "enkel") {
      out.appendChild(block(form, value));
    } else if (kind === "meer") {
      var answer = JSON.parse(form.dataset.kbAnswer);
      value.forEach(function (v) { out.appendChild(block(form, v)); });
      var missed = answer.filter(function (a) { return value.indexOf(a) === -1; });
      if (missed.length && !right) {
        var label = document.createElement("p");
        label.textContent = t.missed;
        out.appendChild(label);
        missed.forEach(function (v) { out.appendChild(block(form, v)); });
      }
    } else {
      out.appendChild(block(form, right ? "right" : "wrong"));
    }
    return right;
  }

  function score(section, state, t) {
    var forms = section.querySelectorAll("form[data-kb-q]");
    var scored = 0, rightCount = 0, done = 0;
    forms.forEach(function (form) {
      var entry = state.answers[form.dataset.kbQ];
      if (form.dataset.kbKind !== "reflectie") scored++;
      if (entry && entry.done) done++;
      if (entry && entry.right) rightCount++;
    });
    state.score = rightCount;
    state.scored = scored;
    state.done = done;
    state.questions = forms.length;
    state.title = section.dataset.kbTitle;
    var el = section.querySelector("[data-kb-score]");
    el.textContent = t.score.replace("{score}", rightCount).replace("{total}", scored)
      .replace("{done}", done).replace("{questions}", forms.length);
  }

  function setup(section) {
    if (section.dataset.kbReady) return;
    section.dataset.kbReady = "1";
    var t = text();
    var id = section.dataset.kbSet;
    var state = load(id);
    section.querySelectorAll("form[data-kb-q]").forEach(function (form) {
      form.querySelector(".kb-q__actions").hidden = false;
      var entry = state.answers[form.dataset.kbQ];
      if (entry) {
        write(form, entry.value);
        if (entry.done) show(form, entry.value, t, false);
      }
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var value = read(form);
        var right = show(form, value, t, true);
        var complete = value !== null && !(form.dataset.kbKind === "reflectie" && !value.trim());
        if (!complete) return;
        state.answers[form.dataset.kbQ] = { value: value, right: right === true, done: true };
        score(section, state, t);
        save(id, state);
      });
      // Reflections are kept while typing, so that nothing written is lost on a reload.
      if (form.dataset.kbKind === "reflectie") {
        form.querySelector("textarea").addEventListener("input", function (event) {
          var entry = state.answers[form.dataset.kbQ] || { done: false, right: false };
          entry.value = event.target.value;
          state.answers[form.dataset.kbQ] = entry;
          save(id, state);
        });
      }
    });
    var reset = section.querySelector("[data-kb-reset]");
    reset.hidden = false;
    reset.addEventListener("click", function () {
      try { localStorage.removeItem(PREFIX + id); } catch (e) { /* ignore */ }
      state = { answers: {} };
      section.querySelectorAll("form[data-kb-q]").forEach(function (form) {
        form.reset();
        var out = form.querySelector("[data-kb-feedback]");
        out.textContent = "";
        out.className = "kb-q__feedback";
        var details = form.querySelector("details");
        if (details) details.open = false;
      });
      score(section, state, t);
      section.querySelector("[data-kb-score]").textContent += " · " + t.reset_done;
    });
    score(section, state, t);
  }

  /* "Mijn voortgang": every set of the site with its status, from localStorage only. */
  function progress(table) {
    if (table.dataset.kbReady) return;
    table.dataset.kbReady = "1";
    var t = text();
    var report = [];
    table.querySelectorAll("[data-kb-set]").forEach(function (marker) {
      var row = marker.closest("tr");
      row.dataset.kbSet = marker.dataset.kbSet;
      row.dataset.kbTitle = marker.dataset.kbTitle;
      row.dataset.kbQuestions = marker.dataset.kbQuestions;
      row.dataset.kbScored = marker.dataset.kbScored;
      var state = load(row.dataset.kbSet);
      var answered = Object.keys(state.answers || {}).filter(function (k) { return state.answers[k].done; }).length;
      var total = Number(row.dataset.kbQuestions);
      var status = answered === 0 ? t.status_new : (answered >= total ? t.status_done : t.status_busy);
      row.querySelector("[data-kb-status]").textContent = status;
      row.querySelector("[data-kb-result]").textContent = answered ?
        (state.score || 0) + " / " + (state.scored || Number(row.dataset.kbScored)) : "–";
      row.dataset.kbState = answered === 0 ? "new" : (answered >= total ? "done" : "busy");
      report.push({ id: row.dataset.kbSet, title: row.dataset.kbTitle, status: row.dataset.kbState,
                    score: state.score || 0, scored: Number(row.dataset.kbScored), answered: answered,
                    questions: total, updated: state.updated || null, answers: state.answers || {} });
    });
    var download = document.querySelector("[data-kb-download]");
    if (download) {
      download.hidden = false;
      download.addEventListener("click", function () {
        var blob = new Blob([JSON.stringify({ site: document.title, exported: new Date().toISOString(),
                                              sets: report }, null, 2)], { type: "application/json" });
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "mijn-voortgang.json";
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    }
    var print = document.querySelector("[data-kb-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }

  function init() {
    document.documentElement.classList.add("kb-js");
    document.querySelectorAll("section[data-kb-set]").forEach(setup);
    document.querySelectorAll("[data-kb-progress]").forEach(progress);
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
