/* Flashcards from the glossary, in both directions, with spaced review: a card you knew comes
   back after 1 day and then after 3 days; after two good days it is learned. A card you did
   not know comes back at the end of today's round. Kept in localStorage ("kb-flitskaarten").
   Keyboard: space or Enter turns the card over, then 1 = knew it, 2 = not yet; buttons work
   with taps and clicks. */
(function () {
  "use strict";
  var KEY = "kb-flitskaarten";
  var INTERVALS = [1, 3];

  function setup(root) {
    if (root.dataset.kbReady) return;
    root.dataset.kbReady = "1";
    var t = kb.data("kb-cards-text") || {};
    var items = Array.prototype.map.call(root.querySelectorAll("[data-kb-card]"), function (el) {
      return { id: el.dataset.kbCard, term: el.querySelector("dt").textContent,
               meaning: el.querySelector("dd").innerHTML };
    });
    var controls = root.querySelector("[data-kb-cards-controls]");
    var stage = root.querySelector("[data-kb-card-stage]");
    var front = root.querySelector("[data-kb-card-front]");
    var back = root.querySelector("[data-kb-card-back]");
    var flip = root.querySelector("[data-kb-card-flip]");
    var known = root.querySelector("[data-kb-card-known]");
    var unknown = root.querySelector("[data-kb-card-unknown]");
    var status = root.querySelector("[data-kb-cards-status]");
    var list = root.querySelector("[data-kb-cards-list]");
    var direction = "term";
    var queue = [];
    var card = null;

    function state() { return kb.load(KEY, { cards: {} }); }
    function keyOf(item) { return item.id + "|" + direction; }

    function due() {
      var cards = state().cards, today = kb.today();
      return items.filter(function (item) {
        var c = cards[keyOf(item)];
        return !c || (c.due <= today && c.rights < 2);
      });
    }

    function learned() {
      var cards = state().cards;
      return items.filter(function (item) { var c = cards[keyOf(item)]; return c && c.rights >= 2; }).length;
    }

    function showStatus() {
      status.textContent = kb.format(t.status, { due: queue.length + (card ? 1 : 0), learned: learned(),
                                                  total: items.length });
    }

    function next() {
      card = queue.shift() || null;
      back.hidden = true;
      known.hidden = unknown.hidden = true;
      flip.hidden = false;
      front.textContent = "";
      if (!card) {
        front.appendChild(document.createTextNode(t.done));
        flip.hidden = true;
        showStatus();
        return;
      }
      var question = document.createElement("p");
      question.className = "kb-card__question";
      question.textContent = direction === "term" ? t.question_term : t.question_meaning;
      var shown = document.createElement("div");
      shown.className = "kb-card__text";
      var answer = document.createElement("div");
      answer.className = "kb-card__text";
      if (direction === "term") {
        shown.textContent = card.term;
        answer.innerHTML = card.meaning;  // the glossary's own rendered, escaped HTML
      } else {
        shown.innerHTML = card.meaning;
        answer.textContent = card.term;
      }
      front.appendChild(question);
      front.appendChild(shown);
      back.textContent = "";
      back.appendChild(answer);
      showStatus();
    }

    function turn() {
      if (!card) return;
      back.hidden = false;
      flip.hidden = true;
      known.hidden = unknown.hidden = false;
      known.focus();
    }

    function grade(right) {
      if (!card) return;
      var s = state();
      var c = s.cards[keyOf(card)] || { rights: 0, due: kb.today() };
      if (right) {
        c.rights += 1;
        c.due = kb.today() + INTERVALS[Math.min(c.rights, INTERVALS.length) - 1];
      } else {
        c.rights = 0;
        c.due = kb.today();
        queue.push(card);  // once more at the end of today's round
      }
      s.cards[keyOf(card)] = c;
      kb.save(KEY, s);
      next();
      flip.focus();
    }

    function start() {
      queue = due();
      next();
    }

    flip.addEventListener("click", turn);
    known.addEventListener("click", function () { grade(true); });
    unknown.addEventListener("click", function () { grade(false); });
    stage.addEventListener("keydown", function (event) {
      if (event.target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
      if ((event.key === " " || event.key === "Enter") && !flip.hidden) { event.preventDefault(); turn(); }
      else if (event.key === "1" && !known.hidden) { event.preventDefault(); grade(true); }
      else if (event.key === "2" && !unknown.hidden) { event.preventDefault(); grade(false); }
    });
    controls.querySelectorAll("input[name='kb-cards-direction']").forEach(function (radio) {
      radio.addEventListener("change", function () { direction = radio.value; start(); });
    });
    controls.hidden = false;
    stage.hidden = false;
    list.hidden = true;
    start();
  }

  kb.onPage(function () { document.querySelectorAll("[data-kb-cards]").forEach(setup); });
})();
