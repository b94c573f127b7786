/* What every page gets:
   - tables wider than the screen scroll inside their own box, which a keyboard can reach
     and which says so (WCAG 2.1: 1.4.10 reflow, 2.1.1 keyboard);
   - a "copy link" button on every heading, for the section's permanent link;
   - the citation near the title, with today's date, and a button that copies it;
   - the full address of each link, for print (kb.css prints it after the link text). */
(function () {
  "use strict";

  function markWideTables() {
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
    pending = setTimeout(markWideTables, 50);
  }

  /* Copy text (and, where the browser allows, the same as HTML) to the clipboard. */
  function copy(text, html) {
    if (navigator.clipboard && window.isSecureContext) {
      if (html && window.ClipboardItem) {
        return navigator.clipboard.write([new ClipboardItem({
          "text/plain": new Blob([text], { type: "text/plain" }),
          "text/html": new Blob([html], { type: "text/html" }) })])
          .catch(function () { return navigator.clipboard.writeText(text); });
      }
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) { resolve(); } else { reject(new Error("copy")); }
    });
  }

  function announce(message) {
    var live = document.getElementById("kb-announce");
    if (!live) {
      live = document.createElement("p");
      live.id = "kb-announce";
      live.className = "kb-toast";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = message;
    live.classList.add("kb-toast--shown");
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () { live.classList.remove("kb-toast--shown"); }, 4000);
  }

  var LINK_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.982 2.982 0 0 0 0-4.24 2.982 2.982 0 0 0-4.24 0l-3.53 3.53a2.982 2.982 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.982 2.982 0 0 0 0 4.24 2.982 2.982 0 0 0 4.24 0l3.53-3.53a2.982 2.982 0 0 0 0-4.24.973.973 0 0 1 0-1.42Z"/></svg>';

  function copyLinks() {
    var text = kb.text;
    var t = text.page || {};
    if (!text.permalink) return;
    var base = new URL(text.permalink, location.href).href;
    document.querySelectorAll("article h2[id], article h3[id], article h4[id]").forEach(function (heading) {
      if (heading.querySelector(".kb-copylink")) return;
      var title = heading.textContent.replace("¶", "").trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-copylink";
      button.setAttribute("aria-label", kb.format(t.copy_link, { title: title }));
      button.title = button.getAttribute("aria-label");
      button.innerHTML = LINK_ICON;
      button.addEventListener("click", function () {
        var url = base + "#" + heading.id;
        copy(url).then(function () { announce(kb.format(t.link_copied, { url: url })); },
                       function () { announce(kb.format(t.copy_failed, { url: url })); });
      });
      heading.appendChild(button);
    });
  }

  function citation() {
    var box = document.querySelector("[data-kb-cite]");
    if (!box || box.dataset.kbReady) return;
    box.dataset.kbReady = "1";
    var t = kb.text.cite || {};
    var retrieved = box.querySelector("[data-kb-cite-retrieved]");
    if (retrieved) {
      var today = new Date(Date.now()).toLocaleDateString(document.documentElement.lang || "nl",
                                                           { day: "numeric", month: "long", year: "numeric" });
      retrieved.textContent = kb.format(retrieved.dataset.kbTemplate, { date: today });
    }
    var text = box.querySelector("[data-kb-cite-text]");
    var button = box.querySelector("[data-kb-cite-copy]");
    var status = box.querySelector("[data-kb-cite-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      var plain = text.textContent.replace(/\s+/g, " ").trim();
      copy(plain, text.innerHTML).then(function () { status.textContent = t.copied; },
                                       function () { status.textContent = ""; });
    });
  }

  /* For print: the full address of each link in the text. */
  function printAddresses() {
    document.querySelectorAll("article a[href]:not(.headerlink):not(.md-button)").forEach(function (a) {
      if (a.getAttribute("href").charAt(0) !== "#") a.setAttribute("data-kb-href", a.href);
    });
  }

  kb.onPage(function () {
    later();
    window.addEventListener("resize", later);
    copyLinks();
    citation();
    printAddresses();
  });
})();
