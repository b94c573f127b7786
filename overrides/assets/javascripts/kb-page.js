/* What every page gets: tables wider than the screen scroll inside their own box, which a
   keyboard can reach and which says so (WCAG 2.1: 1.4.10 reflow, 2.1.1 keyboard). Material
   wraps each table in .md-typeset__scrollwrap when it mounts the page, so look once that
   is done, and again when the window changes size. */
(function () {
  "use strict";

  function mark() {
    var t = kb.text.page || {};
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var wide = wrap.scrollWidth > wrap.clientWidth + 1;
      wrap.classList.toggle("kb-scrolls", wide);
      if (wide) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", t.wide_table || "Tabel");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var pending = null;
  function later() {
    if (pending) clearTimeout(pending);
    pending = setTimeout(mark, 50);
  }

  kb.onPage(function () {
    later();
    window.addEventListener("resize", later);
  });
})();
