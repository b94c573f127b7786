/* Learning paths in the browser. On a page that is a step of a path, the bar "Stap 3 van 7"
   with the previous and next step and the way back, for the path the reader came from:
   ?leerroute=<id>&stap=<n> in the address, or else the path last followed in this tab.
   On a path page, the steps marked done and the exercise sets made, kept in localStorage. */
(function () {
  "use strict";
  var CURRENT = "kb-leerroute";  // sessionStorage: the path followed in this tab

  function doneSteps(pathId) {
    return kb.load("kb-leerroute:" + pathId, { done: [] }).done || [];
  }

  function setDone(pathId, n, on) {
    var done = doneSteps(pathId).filter(function (x) { return x !== n; });
    if (on) done.push(n);
    kb.save("kb-leerroute:" + pathId, { done: done.sort(function (a, b) { return a - b; }) });
  }

  function exerciseState(setId) {
    var state = kb.load("kb-oefening:" + setId, null);
    if (!state || !state.answers) return null;
    var answered = Object.keys(state.answers).filter(function (k) { return state.answers[k].done; }).length;
    if (!answered) return null;
    return answered >= (state.questions || Infinity) ? "done" : "busy";
  }

  function current() {
    var params = new URLSearchParams(location.search);
    var id = params.get("leerroute");
    var step = Number(params.get("stap")) || null;
    if (id) {
      try { sessionStorage.setItem(CURRENT, JSON.stringify({ id: id, step: step })); } catch (e) { /* ok */ }
      return { id: id, step: step };
    }
    try { return JSON.parse(sessionStorage.getItem(CURRENT)) || null; } catch (e) { return null; }
  }

  function link(className, href, text, rel) {
    var a = document.createElement("a");
    a.className = className;
    a.href = href;
    a.textContent = text;
    if (rel) a.rel = rel;
    return a;
  }

  function toggleButton(button, pathId, n, t, onChange) {
    function show() {
      var on = doneSteps(pathId).indexOf(n) !== -1;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? t.marked_done : t.mark_done;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      setDone(pathId, n, button.getAttribute("aria-pressed") !== "true");
      show();
      if (onChange) onChange();
    });
    show();
  }

  /* The path this page is a step of, as the reader follows it: {path, index, steps, next}. */
  function currentStep() {
    var paths = kb.data("kb-paths-data");
    var here = current();
    var path = paths && here && paths.filter(function (p) { return p.id === here.id; })[0];
    if (!path) return null;
    var index = -1;
    path.steps.forEach(function (s, i) { if (s.here && (index === -1 || s.n === here.step)) index = i; });
    if (index === -1) return null;
    return { path: path, index: index, steps: path.steps, next: path.steps[index + 1] || null };
  }
  kb.currentPathStep = currentStep;

  function bar() {
    var holder = document.querySelector("[data-kb-pathbar]");
    if (!holder || holder.dataset.kbReady) return;
    var found = currentStep();
    if (!found) return;
    var path = found.path, steps = found.steps, index = found.index;
    holder.dataset.kbReady = "1";
    var t = kb.text.path || {};
    var step = steps[index];
    var nav = document.createElement("nav");
    nav.className = "kb-pathbar";
    nav.setAttribute("aria-label", t.bar_label + ": " + path.title);
    var where = document.createElement("p");
    where.className = "kb-pathbar__where";
    var position = document.createElement("strong");
    position.className = "kb-pathbar__position";
    position.textContent = kb.format(t.bar_position, { n: index + 1, total: steps.length });
    where.appendChild(position);
    where.appendChild(document.createTextNode(" · "));
    where.appendChild(link("kb-pathbar__back", path.url + "#stap-" + step.n, path.title));
    nav.appendChild(where);
    var moves = document.createElement("p");
    moves.className = "kb-pathbar__moves";
    if (index > 0) moves.appendChild(link("kb-pathbar__prev", steps[index - 1].href, "← " + t.previous, "prev"));
    if (index + 1 < steps.length) {
      moves.appendChild(link("kb-pathbar__next", steps[index + 1].href, t.next + " →", "next"));
    } else {
      var end = document.createElement("span");
      end.className = "kb-pathbar__end";
      end.textContent = t.finished;
      moves.appendChild(end);
    }
    var done = document.createElement("button");
    done.type = "button";
    done.className = "md-button kb-pathbar__done";
    moves.appendChild(done);
    toggleButton(done, path.id, step.n, t);
    nav.appendChild(moves);
    holder.appendChild(nav);
    holder.hidden = false;
  }

  function pathPage() {
    var root = document.querySelector("[data-kb-path]");
    if (!root || root.dataset.kbReady) return;
    root.dataset.kbReady = "1";
    var t = kb.text.path || {};
    var id = root.dataset.kbPath;
    var steps = Array.prototype.slice.call(root.querySelectorAll("[data-kb-step]"));
    var progress = root.querySelector("[data-kb-path-progress]");

    function update() {
      var done = doneSteps(id);
      var count = 0, minutes = 0, all = 0;
      steps.forEach(function (li) {
        var n = Number(li.dataset.kbStep);
        var m = Number(li.dataset.kbStepMinutes);
        var set = li.dataset.kbStepSet;
        var state = set ? exerciseState(set) : null;
        var isDone = done.indexOf(n) !== -1 || state === "done";
        li.classList.toggle("kb-step--done", isDone);
        var status = li.querySelector("[data-kb-step-status]");
        status.textContent = state === "done" ? "✓ " + t.exercise_done : state === "busy" ? t.exercise_busy :
          (isDone ? "✓ " + t.done : "");
        all += m;
        if (isDone) { count++; minutes += m; }
      });
      progress.textContent = kb.format(t.progress, { done: count, total: steps.length, minutes: minutes, all: all });
    }

    steps.forEach(function (li) {
      toggleButton(li.querySelector("[data-kb-step-done]"), id, Number(li.dataset.kbStep), t, update);
    });
    // Reached from its own steps, a path page is where the reader is following it.
    try { sessionStorage.setItem(CURRENT, JSON.stringify({ id: id, step: null })); } catch (e) { /* ok */ }
    update();
  }

  kb.onPage(function () { bar(); pathPage(); });
})();
