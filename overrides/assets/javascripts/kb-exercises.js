/* Self-tests: check answers, one more try, feedback after the attempt, a summary at the end,
   review of missed questions spaced over days, and progress saved to and restored from a file.
   Nothing is sent anywhere: state lives in localStorage ("kb-oefening:<set>", "kb-herhalen"). */
(function () {
  "use strict";
  var PREFIX = "kb-oefening:";
  var REVIEW = "kb-herhalen";
  var FILE_APP = "kennisbank-opbouwwerk";
  var INTERVALS = [1, 3];  // days until the next review after 0 and 1 right answers
  var TEXT = kb.data("kb-exercise-text") || {};
  var t = TEXT.ex || {};
  var tl = TEXT.exlist || {};

  /* -- one question ------------------------------------------------------------------------- */

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
      return values.length ? values.sort(function (a, b) { return a - b; }) : null;
    }
    if (kind === "volgorde" || kind === "paren") {
      var list = Array.prototype.map.call(form.querySelectorAll("select"), function (s) { return s.value; });
      return list.every(function (v) { return v !== ""; }) ? list : null;
    }
    if (kind === "reflectie") {
      var text = form.querySelector("textarea").value;
      return text.trim() ? text : null;
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

  /* The order of the options: a fresh shuffle per attempt, the same within it. */
  function shuffled(values) {
    var copy = values.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var x = copy[i]; copy[i] = copy[j]; copy[j] = x;
    }
    return copy;
  }

  function groups(form) {
    /* Each list of options that can be reordered: [container, items, value of an item]. */
    var out = [];
    form.querySelectorAll(".kb-q__choices[data-kb-shuffle]").forEach(function (box) {
      out.push({ box: box, items: Array.prototype.slice.call(box.children),
                 value: function (el) { return el.querySelector("input").value; } });
    });
    form.querySelectorAll("select[data-kb-shuffle]").forEach(function (select) {
      out.push({ box: select, items: Array.prototype.slice.call(select.options).filter(function (o) { return o.value; }),
                 value: function (el) { return el.value; } });
    });
    return out;
  }

  function currentOrder(form) {
    var g = groups(form);
    return g.length ? g[0].items.map(g[0].value) : null;
  }

  function applyOrder(form, order) {
    if (!order) return;
    groups(form).forEach(function (g) {
      var byValue = {};
      g.items.forEach(function (el) { byValue[g.value(el)] = el; });
      order.forEach(function (value) { if (byValue[value]) g.box.appendChild(byValue[value]); });
    });
  }

  function feedbackBlock(form, key) {
    var el = form.querySelector('[data-kb-fb="' + key + '"]');
    var copy = document.createElement("div");
    copy.className = "kb-q__fb-copy";
    if (el) copy.innerHTML = el.innerHTML;
    return copy;
  }

  function clear(form) {
    var out = form.querySelector("[data-kb-feedback]");
    out.textContent = "";
    out.className = "kb-q__feedback";
    var details = form.querySelector("details.kb-q__answer");
    if (details) { details.open = false; details.hidden = true; }
  }

  function reveal(form) {
    var details = form.querySelector("details.kb-q__answer");
    if (details) details.hidden = false;
  }

  function paragraph(text, className) {
    var p = document.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    return p;
  }

  /* Show the state of a question: entry = {value, tries, right, done}. */
  function show(form, entry) {
    var out = form.querySelector("[data-kb-feedback]");
    var kind = form.dataset.kbKind;
    clear(form);
    if (!entry) return;
    if (kind === "reflectie") {
      if (!entry.done) return;
      out.appendChild(paragraph(t.reflection_done));
      out.classList.add("kb-q__feedback--done");
      reveal(form);
      var details = form.querySelector("details.kb-q__answer");
      if (details) details.open = true;
      return;
    }
    if (!entry.done) {  // wrong the first time: one more try, nothing given away yet
      out.appendChild(paragraph(t.try_again, "kb-q__verdict"));
      out.classList.add("kb-q__feedback--wrong");
      return;
    }
    var value = entry.value;
    out.appendChild(paragraph(entry.right ? t.verdict_right : (kind === "meer" ? t.verdict_partial : t.verdict_wrong),
                              "kb-q__verdict"));
    out.classList.add(entry.right ? "kb-q__feedback--right" : "kb-q__feedback--wrong");
    if (entry.tries > 1 && !entry.right) out.appendChild(paragraph(t.after_second));
    if (kind === "enkel") {
      out.appendChild(feedbackBlock(form, value));
    } else if (kind === "meer") {
      var answer = JSON.parse(form.dataset.kbAnswer);
      value.forEach(function (v) { out.appendChild(feedbackBlock(form, v)); });
      var missed = answer.filter(function (a) { return value.indexOf(a) === -1; });
      if (missed.length && !entry.right) {
        out.appendChild(paragraph(t.missed));
        missed.forEach(function (v) { out.appendChild(feedbackBlock(form, v)); });
      }
    } else {
      out.appendChild(feedbackBlock(form, entry.right ? "right" : "wrong"));
    }
    reveal(form);
  }

  /* What a check does to an entry: first try counts; a wrong first try allows one more. */
  function check(form, entry, value, retries) {
    entry = entry || { tries: 0 };
    entry.value = value;
    if (form.dataset.kbKind === "reflectie") {
      entry.done = true;
      return entry;
    }
    var right = isRight(form, value);
    entry.tries = (entry.tries || 0) + 1;
    if (entry.tries === 1) entry.first = right;
    entry.right = right;
    entry.done = right || entry.tries > retries;
    return entry;
  }

  /* Wire a form: `onCheck(value)` returns the new entry; `after(entry)` may add to what is shown. */
  function wire(form, onCheck, after) {
    form.querySelector(".kb-q__actions").hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = read(form);
      if (value === null) {
        var out = form.querySelector("[data-kb-feedback]");
        out.textContent = t.missing;
        out.className = "kb-q__feedback";
        return;
      }
      var entry = onCheck(value);
      show(form, entry);
      if (after) after(entry);
    });
  }

  /* -- review queue (Leitner: 1 day, then 3 days; done after two right answers) --------------- */

  var Review = {
    load: function () { return kb.load(REVIEW, { items: {} }); },
    missed: function (setId, qid) {
      var state = Review.load();
      state.items[qid] = { set: setId, rights: 0, due: kb.today() + INTERVALS[0] };
      kb.save(REVIEW, state);
    },
    answered: function (qid, right) {
      var state = Review.load();
      var item = state.items[qid];
      if (!item) return null;
      if (right) {
        item.rights += 1;
        item.due = kb.today() + INTERVALS[Math.min(item.rights, INTERVALS.length - 1)];
      } else {
        item.rights = 0;
        item.due = kb.today() + INTERVALS[0];
      }
      if (item.rights >= 2) delete state.items[qid];
      kb.save(REVIEW, state);
      return item;
    },
    due: function () {
      var items = Review.load().items, today = kb.today();
      return Object.keys(items).filter(function (q) { return items[q].due <= today; });
    }
  };

  /* -- an exercise set ------------------------------------------------------------------------ */

  function loadSet(id) {
    var state = kb.load(PREFIX + id, null);
    return state && state.answers ? state : { answers: {} };
  }

  function newAttempt(section, state, previous) {
    state.attempt = (state.attempt || 0) + 1;
    state.order = {};
    var forms = section.querySelectorAll("form[data-kb-q]");
    for (var tries = 0; tries < 20; tries++) {
      forms.forEach(function (form) {
        var order = currentOrder(form);
        if (order) state.order[form.dataset.kbQ] = shuffled(order);
      });
      // A new attempt must look different: shuffle again in the rare case it does not.
      if (!previous || JSON.stringify(previous) !== JSON.stringify(state.order)) break;
    }
    return state;
  }

  function score(section, state) {
    var forms = section.querySelectorAll("form[data-kb-q]");
    var scored = 0, first = 0, done = 0;
    forms.forEach(function (form) {
      var entry = state.answers[form.dataset.kbQ];
      if (form.dataset.kbKind !== "reflectie") scored++;
      if (entry && entry.done) done++;
      if (entry && entry.first) first++;
    });
    state.score = first;
    state.scored = scored;
    state.done = done;
    state.questions = forms.length;
    state.title = section.dataset.kbTitle;
    section.querySelector("[data-kb-score]").textContent = kb.format(t.score, {
      score: first, total: scored, done: done, questions: forms.length });
    return done === forms.length;
  }

  function save(section, state) {
    state.updated = new Date(Date.now()).toISOString();
    kb.save(PREFIX + section.dataset.kbSet, state);
  }

  function summary(section, state) {
    var end = section.querySelector("[data-kb-end]");
    end.textContent = "";
    var missed = Array.prototype.filter.call(section.querySelectorAll("form[data-kb-q]"), function (form) {
      var entry = state.answers[form.dataset.kbQ];
      return form.dataset.kbKind !== "reflectie" && entry && !entry.first;
    });
    var title = document.createElement("h2");
    title.id = "einde-" + section.dataset.kbSet;
    title.tabIndex = -1;
    title.textContent = t.end_title;
    end.appendChild(title);
    end.appendChild(paragraph(missed.length ? kb.format(t.end_score, { score: state.score, total: state.scored })
                                           : t.end_all_right));
    if (missed.length) {
      end.appendChild(paragraph(t.end_look_again));
      var list = document.createElement("ul");
      missed.forEach(function (form) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + form.id;
        a.textContent = form.querySelector(".kb-q__number").textContent + ": " +
          form.querySelector(".kb-q__text").textContent;
        li.appendChild(a);
        if (form.dataset.kbSee) {
          li.appendChild(document.createTextNode(" · "));
          var see = document.createElement("a");
          see.href = form.dataset.kbSee;
          see.className = "kb-end__see";
          see.textContent = t.end_see;
          li.appendChild(see);
        }
        list.appendChild(li);
      });
      end.appendChild(list);
      end.appendChild(paragraph(t.end_review));
    }
    var actions = document.createElement("p");
    actions.className = "kb-exercise__end-actions";
    var step = kb.currentPathStep ? kb.currentPathStep() : null;
    if (step && step.next) {
      var next = document.createElement("a");
      next.className = "md-button md-button--primary";
      next.href = step.next.href;
      next.textContent = kb.format(t.end_next_step, { title: step.next.title });
      actions.appendChild(next);
    } else if (section.dataset.kbOverview) {
      var other = document.createElement("a");
      other.className = "md-button";
      other.href = section.dataset.kbOverview;
      other.textContent = t.end_overview;
      actions.appendChild(other);
    }
    if (section.dataset.kbProgress) {
      var progress = document.createElement("a");
      progress.className = "md-button";
      progress.href = section.dataset.kbProgress;
      progress.textContent = t.end_progress;
      actions.appendChild(progress);
    }
    end.appendChild(actions);
    end.hidden = false;
  }

  function setup(section) {
    if (section.dataset.kbReady) return;
    section.dataset.kbReady = "1";
    var id = section.dataset.kbSet;
    var state = loadSet(id);
    var forms = section.querySelectorAll("form[data-kb-q]");
    if (!state.order) {
      state = newAttempt(section, state, null);
      save(section, state);
    }
    forms.forEach(function (form) {
      var qid = form.dataset.kbQ;
      applyOrder(form, state.order[qid]);
      clear(form);
      var entry = state.answers[qid];
      if (entry) {
        write(form, entry.value);
        show(form, entry);
      }
      wire(form, function (value) {
        var before = state.answers[qid];
        if (before && before.done && form.dataset.kbKind !== "reflectie") {
          return before;  // a finished question keeps its result until "Begin opnieuw"
        }
        var after = check(form, before, value, 1);
        state.answers[qid] = after;
        if (after.tries === 1 && !after.first && form.dataset.kbKind !== "reflectie") Review.missed(id, qid);
        var finished = score(section, state);
        save(section, state);
        if (finished) summary(section, state);
        return after;
      });
      // Reflections are kept while typing, so that nothing written is lost on a reload.
      if (form.dataset.kbKind === "reflectie") {
        form.querySelector("textarea").addEventListener("input", function (event) {
          var entry = state.answers[qid] || { done: false };
          entry.value = event.target.value;
          state.answers[qid] = entry;
          save(section, state);
        });
      }
    });
    var reset = section.querySelector("[data-kb-reset]");
    reset.hidden = false;
    reset.addEventListener("click", function () { confirmReset(section, reset, function () {
      var previous = state.order;
      kb.remove(PREFIX + id);
      state = newAttempt(section, { answers: {}, attempt: state.attempt }, previous);
      forms.forEach(function (form) {
        form.reset();
        clear(form);
        applyOrder(form, state.order[form.dataset.kbQ]);
      });
      section.querySelector("[data-kb-end]").hidden = true;
      score(section, state);
      save(section, state);
      section.querySelector("[data-kb-score]").textContent += " · " + t.reset_done;
    }); });
    if (score(section, state)) summary(section, state);
  }

  /* "Begin opnieuw" asks first, in the page (a native dialog would not be styled or announced). */
  function confirmReset(section, button, done) {
    var bar = button.parentNode;
    if (bar.querySelector(".kb-confirm")) return;
    var box = document.createElement("div");
    box.className = "kb-confirm";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", t.reset);
    var question = paragraph(t.confirm_reset);
    question.id = "bevestig-" + section.dataset.kbSet;
    box.setAttribute("aria-describedby", question.id);
    box.appendChild(question);
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "md-button md-button--primary";
    yes.textContent = t.confirm_yes;
    var no = document.createElement("button");
    no.type = "button";
    no.className = "md-button";
    no.textContent = t.confirm_no;
    box.appendChild(yes);
    box.appendChild(no);
    bar.appendChild(box);
    button.hidden = true;
    no.focus();
    function close() { box.remove(); button.hidden = false; button.focus(); }
    no.addEventListener("click", close);
    box.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
    yes.addEventListener("click", function () { close(); done(); });
  }

  /* -- "Mijn voortgang" ------------------------------------------------------------------------ */

  function progressTable(table) {
    var labels = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll("[data-kb-set]").forEach(function (marker) {
      var row = marker.closest("tr");
      Array.prototype.forEach.call(row.cells, function (cell, n) { cell.setAttribute("data-label", labels[n] || ""); });
      var state = loadSet(marker.dataset.kbSet);
      var answered = Object.keys(state.answers).filter(function (k) { return state.answers[k].done; }).length;
      var total = Number(marker.dataset.kbQuestions);
      var status = answered === 0 ? "new" : (answered >= total ? "done" : "busy");
      row.dataset.kbState = status;
      row.querySelector("[data-kb-status]").textContent =
        { "new": t.status_new, busy: t.status_busy, done: t.status_done }[status];
      row.querySelector("[data-kb-result]").textContent = answered ?
        (state.score || 0) + " / " + (state.scored || Number(marker.dataset.kbScored)) : "–";
    });
  }

  function reviewSection(section) {
    var status = section.querySelector("[data-kb-review-status]");
    var start = section.querySelector("[data-kb-review-start]");
    var area = section.querySelector("[data-kb-review-area]");
    var seen = {};

    function templateOf(qid) {
      return document.querySelector('template[data-kb-q-template="' + qid + '"]');
    }

    function queue() {
      return Review.due().filter(function (q) { return !seen[q] && templateOf(q); });
    }

    function update() {
      var due = queue();
      var items = Review.load().items;
      var later = Object.keys(items).filter(function (q) { return due.indexOf(q) === -1 && !seen[q]; });
      var parts = [due.length ? kb.format(tl.review_due, { n: due.length }) : tl.review_none];
      if (later.length) {
        var first = Math.min.apply(null, later.map(function (q) { return items[q].due; }));
        var date = new Date(first * 86400000).toLocaleDateString(document.documentElement.lang,
                                                                  { day: "numeric", month: "long", timeZone: "UTC" });
        parts.push(kb.format(tl.review_later, { n: later.length, date: date }));
      }
      status.textContent = parts.join(" ");
      start.hidden = !due.length;
    }

    function ask() {
      var due = queue();
      area.textContent = "";
      if (!due.length) {
        area.appendChild(paragraph(tl.review_done, "kb-review__done"));
        update();
        return;
      }
      var qid = due[0];
      var template = templateOf(qid);
      var from = document.createElement("p");
      from.className = "kb-review__from";
      from.appendChild(document.createTextNode(tl.review_from + " "));
      var link = document.createElement("a");
      link.href = template.dataset.kbSetUrl;
      link.textContent = template.dataset.kbSetTitle;
      from.appendChild(link);
      area.appendChild(from);
      var form = template.content.firstElementChild.cloneNode(true);
      area.appendChild(form);
      var order = currentOrder(form);
      if (order) applyOrder(form, shuffled(order));
      clear(form);
      var next = document.createElement("button");
      next.type = "button";
      next.className = "md-button";
      next.textContent = tl.review_next;
      next.hidden = true;
      var note = null;
      wire(form, function (value) {
        if (seen[qid]) return seen[qid];
        var entry = check(form, null, value, 0);
        var item = Review.answered(qid, entry.right);
        seen[qid] = entry;
        note = entry.right ? (item && item.rights >= 2 ? tl.review_learned
                              : kb.format(tl.review_left, { n: 2 - item.rights })) : null;
        next.hidden = false;
        update();
        return entry;
      }, function () {
        if (note) form.querySelector("[data-kb-feedback]").appendChild(paragraph(note, "kb-review__note"));
      });
      next.addEventListener("click", ask);
      area.appendChild(next);
      var first = form.querySelector("input, select, textarea");
      if (first) first.focus();
    }

    start.addEventListener("click", ask);
    update();
    return update;
  }

  /* All of this site's state in this browser, as a file, and back. */
  function saveRestore(refresh) {
    var message = document.querySelector("[data-kb-progress-message]");
    var saveButton = document.querySelector("[data-kb-save]");
    var restore = document.querySelector("[data-kb-restore]");
    var file = document.querySelector("[data-kb-restore-file]");
    if (saveButton) {
      saveButton.hidden = false;
      saveButton.addEventListener("click", function () {
        var items = {};
        for (var i = 0; i < localStorage.length; i++) {
          var key = localStorage.key(i);
          if (key && key.indexOf("kb-") === 0) items[key] = kb.load(key, null);
        }
        var blob = new Blob([JSON.stringify({ app: FILE_APP, version: 1, saved: new Date(Date.now()).toISOString(),
                                              items: items }, null, 2)], { type: "application/json" });
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = "voortgang-kennisbank-opbouwwerk.json";
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    }
    if (restore && file) {
      restore.hidden = false;
      restore.addEventListener("click", function () { file.click(); });
      file.addEventListener("change", function () {
        var chosen = file.files && file.files[0];
        if (!chosen) return;
        var reader = new FileReader();
        reader.onload = function () {
          var data = null;
          try { data = JSON.parse(reader.result); } catch (e) { data = null; }
          var valid = data && data.app === FILE_APP && data.items && typeof data.items === "object";
          var keys = valid ? Object.keys(data.items).filter(function (k) { return k.indexOf("kb-") === 0; }) : [];
          if (!valid || !keys.length) {
            message.textContent = tl.restore_bad;
            return;
          }
          keys.forEach(function (k) { kb.save(k, data.items[k]); });
          message.textContent = kb.format(tl.restored, { n: keys.length });
          refresh();
        };
        reader.readAsText(chosen);
        file.value = "";
      });
    }
  }

  function progressPage(holder) {
    if (holder.dataset.kbReady) return;
    holder.dataset.kbReady = "1";
    var table = holder.querySelector("table");
    holder.classList.add("kb-progress--cards");
    progressTable(table);
    var review = document.querySelector("[data-kb-review]");
    var updateReview = review ? reviewSection(review) : function () {};
    saveRestore(function () { progressTable(table); updateReview(); });
    var print = document.querySelector("[data-kb-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }

  kb.onPage(function () {
    document.documentElement.classList.add("kb-js");
    document.querySelectorAll("section[data-kb-set]").forEach(setup);
    document.querySelectorAll("[data-kb-progress]").forEach(progressPage);
  });
})();
