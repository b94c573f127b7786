/* The trainer view: a switch in the header shows the teaching notes ("Voor docenten") and
   lesson plans that learners do not see; the choice is kept in this browser. */
(function () {
  "use strict";
  var KEY = "kb-docentweergave";
  var ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M20 17a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2H9.46c.35.61.54 1.3.54 2h10v11h-9v2m4-10v2H9v13H7v-6H5v6H3v-8H1.5V9a2 2 0 0 1 2-2H15M8 4a2 2 0 0 1-2 2 2 2 0 0 1-2-2 2 2 0 0 1 2-2 2 2 0 0 1 2 2Z"/></svg>';

  function apply(on, button) {
    document.documentElement.classList.toggle("kb-trainer-view", on);
    if (!button) return;
    var t = kb.text.trainer || {};
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.setAttribute("title", on ? t.toggle_on : t.toggle_off);
  }

  kb.onPage(function () {
    var on = kb.load(KEY, false) === true;
    var button = document.querySelector("[data-kb-trainer-toggle]");
    if (!button) {
      var header = document.querySelector(".md-header__inner");
      var before = header && (header.querySelector("[data-md-component='search']") ||
                              header.querySelector(".md-header__option"));
      if (header) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "md-header__button md-icon kb-trainer-toggle";
        button.setAttribute("data-kb-trainer-toggle", "");
        button.setAttribute("aria-label", (kb.text.trainer || {}).toggle || "Docentweergave");
        button.innerHTML = ICON;
        header.insertBefore(button, before ? before : null);
        button.addEventListener("click", function () {
          var next = button.getAttribute("aria-pressed") !== "true";
          kb.save(KEY, next);
          apply(next, button);
        });
      }
    }
    apply(on, button);
  });
})();
