/* accordingto web UI: source cards on the article page, findings on the check page.
   Every attribution has a marker button (its source's label) after it in the text: click,
   Enter or Space opens the source card; hovering the attributed words previews it; Escape
   closes it and gives the focus back. The cards' contents are rendered by the server in
   <template id="card-A1"> elements: this file only shows and places them.
   On the check page each finding's link lights the words it points at (every piece of text
   with its key in data-findings); without this file the link jumps to them. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  // the analyse and check forms: say that it is working (an analysis takes a moment)
  ready(function () {
    var form = document.querySelector(".analyze-form");
    if (!form) return;
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      button.textContent = form.dataset.busy || "Analysing…";
      form.setAttribute("aria-busy", "true");
    });
  });

  ready(function () {
    var text = document.getElementById("article-text");
    var card = document.getElementById("card");
    if (!text || !card) return;

    var openId = null;      // attribution shown
    var pinned = false;     // opened by click or key (stays) or by hover (goes with the mouse)
    var returnTo = null;    // where the focus goes back on close
    var hoverTimer = null;

    function marker(id) { return document.getElementById("marker-" + id); }

    function setActive(id, on) {
      text.querySelectorAll('[data-attr="' + CSS.escape(id) + '"].at-content').forEach(function (el) {
        el.classList.toggle("active", on);
      });
      var m = marker(id);
      if (m) m.setAttribute("aria-expanded", on ? "true" : "false");
    }

    function place(anchor) {
      if (window.matchMedia("(max-width: 600px)").matches) {
        card.style.left = "";
        card.style.top = "";
        return;   // a bottom sheet on phones (app.css)
      }
      var box = anchor.getBoundingClientRect();
      var width = card.offsetWidth;
      var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - width - 12);
      card.style.left = Math.max(window.scrollX + 8, left) + "px";
      card.style.top = (window.scrollY + box.bottom + 8) + "px";
    }

    function open(id, anchor, pin) {
      var template = document.getElementById("card-" + id);
      if (!template) return;
      if (openId && openId !== id) setActive(openId, false);
      card.replaceChildren(template.content.cloneNode(true));
      card.hidden = false;
      card.dataset.attr = id;
      openId = id;
      pinned = pin;
      setActive(id, true);
      place(anchor);
      if (pin) {
        returnTo = marker(id) || anchor;
        card.focus({ preventScroll: true });
      }
    }

    function close(restoreFocus) {
      if (!openId) return;
      setActive(openId, false);
      card.hidden = true;
      card.replaceChildren();
      openId = null;
      pinned = false;
      if (restoreFocus && returnTo) returnTo.focus();
      returnTo = null;
    }

    text.addEventListener("click", function (event) {
      var el = event.target.closest("[data-attr]");
      if (!el) return;
      var id = el.dataset.attr;
      if (openId === id && pinned && el.classList.contains("marker")) { close(true); return; }
      open(id, el, true);
    });

    // hover preview, for pointers that hover (not on touch screens)
    if (window.matchMedia("(hover: hover)").matches) {
      text.addEventListener("mouseover", function (event) {
        var el = event.target.closest("[data-attr]");
        if (!el || pinned) return;
        clearTimeout(hoverTimer);
        hoverTimer = setTimeout(function () { open(el.dataset.attr, el, false); }, 180);
      });
      text.addEventListener("mouseout", function (event) {
        clearTimeout(hoverTimer);
        if (pinned) return;
        var to = event.relatedTarget;
        if (to && (card.contains(to) || (to.closest && to.closest("[data-attr]")))) return;
        hoverTimer = setTimeout(function () { if (!pinned) close(false); }, 250);
      });
      card.addEventListener("mouseleave", function () { if (!pinned) close(false); });
      card.addEventListener("mouseenter", function () { clearTimeout(hoverTimer); });
    }

    card.addEventListener("click", function (event) {
      if (event.target.closest(".card-close")) close(true);
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && openId) { event.preventDefault(); close(true); }
    });

    document.addEventListener("click", function (event) {
      if (!openId || card.contains(event.target) || text.contains(event.target)) return;
      if (event.target.closest(".show-in-text")) return;
      close(false);
    });

    // "A3" buttons in the list below the article: bring the attribution into view, open its card
    document.querySelectorAll(".show-in-text").forEach(function (button) {
      button.addEventListener("click", function () {
        var m = marker(button.dataset.attr);
        if (!m) return;
        m.scrollIntoView({ block: "center" });
        open(button.dataset.attr, m, true);
      });
    });

    window.addEventListener("resize", function () {
      var m = openId && marker(openId);
      if (m) place(m);
    });
  });

  // the check page: click (or Enter on) a finding to light its words; again, or Escape, to stop
  ready(function () {
    var sheet = document.querySelector(".check-text");
    if (!sheet) return;
    var lit = null;   // the key of the finding lit ("F3")

    function light(key, on) {
      sheet.querySelectorAll('.flagged[data-findings~="' + CSS.escape(key) + '"]').forEach(function (el) {
        el.classList.toggle("lit", on);
      });
      var item = document.getElementById("finding-" + key);
      if (!item) return;
      item.classList.toggle("lit", on);
      var link = item.querySelector(".finding-link");
      if (on) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }

    sheet.addEventListener("click", function (event) {
      var link = event.target.closest(".finding-link");
      if (!link) return;
      event.preventDefault();   // the paragraph is beside its finding: no jump needed
      var key = link.dataset.finding;
      var again = lit === key;
      if (lit) light(lit, false);
      lit = again ? null : key;
      if (!lit) return;
      light(lit, true);
      var anchor = document.getElementById("at-" + key);
      if (anchor) anchor.scrollIntoView({ block: "nearest" });
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && lit) { light(lit, false); lit = null; }
    });
  });
})();
