/* accordingto review (accordingto serve --review): the controls of an article under review.

   Every correction is one POST /api/review/... (the REST API, docs/review.md) sent with the
   session's CSRF token (the accordingto_review_csrf cookie, as X-CSRF-Token) and the revision
   and analysis key of the map on the page (base_revision, analysis_key). After each one the
   page fetches its workspace again (?part=workspace: the same server template) and shows the
   map as the server now has it: this file renders nothing itself, and holds no review logic.
   A 409 (another reviewer changed the same field) is said in plain words, and the current
   values are loaded.

   Keys (also on the page, and behind "?"): j/k attributions, J/K sources, c confirm, x reject
   (on a source: not a source), t type, s span from the selected words, r reassign, a add from
   the selected words, n rename, m merge, p split, f a source's fields, u undo, R mark the
   article reviewed (or in progress again), ? keys.

   Offsets are counted in code points, as Python counts them, over the article's text: the text
   of #article-text without its marker buttons. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn);
    else fn();
  }

  ready(function () {
    var root = document.getElementById("review");
    var workspace = document.getElementById("review-workspace");
    if (!root || !workspace) return;
    var dialog = document.getElementById("review-dialog");
    var statusBox = document.getElementById("review-status");
    var alertBox = document.getElementById("review-alert");
    var alertText = document.getElementById("review-alert-text");

    var data = null;          // #review-data: revision, analysis key, sources, attributions
    var chars = [];           // the article text, one item per code point
    var current = null;       // the data-item id worked on ("A3", "S2", "RA14")
    var lastRange = null;     // the last selection made in the article text
    var busy = false;
    var onSubmit = null;      // the open dialog's form handler
    var sayTimer = null;

    var TYPE_WORDS = { direct: "direct quote", mixed: "mixed quote", indirect: "reported speech", according_to: "according to" };
    var ROLE_WORDS = { content: "content", cue: "cue", source_mention: "source mention" };
    var FIELD_WORDS = { type: "type", content: "content", cue: "cue", source_mention: "source mention", source: "source",
      name: "name", mentions: "mentions", kind: "kind", named: "named flag", role: "role", affiliation: "affiliation",
      gender: "gender", role_class: "role class", count: "count", status: "status" };

    function text() { return document.getElementById("article-text"); }
    function itemOf(id) {
      return id ? workspace.querySelector('.rv-item[data-item="' + CSS.escape(id) + '"]') : null;
    }
    function sourceOf(id) {
      return data.sources.filter(function (s) { return s.id === id; })[0] || null;
    }

    function showControls(scope) {
      scope.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
    }

    function visibleText(el) {
      var copy = el.cloneNode(true);
      copy.querySelectorAll(".marker").forEach(function (m) { m.remove(); });
      return copy.textContent;
    }

    function load() {
      data = JSON.parse(document.getElementById("review-data").textContent);
      chars = Array.from(visibleText(text()));
      lastRange = null;
      Object.keys(data.attributions).forEach(function (id) {
        var marker = document.getElementById("marker-" + id);
        if (!marker) return;
        var status = data.attributions[id].status;
        marker.classList.add("rv-m-" + status);
        marker.setAttribute("aria-label", id + ", " + (status === "machine" ? "not checked" : status) + ": review it");
        marker.removeAttribute("aria-haspopup");
        marker.removeAttribute("aria-controls");
      });
    }

    // ------------------------------------------------------------ messages
    function say(message, warn) {
      clearTimeout(sayTimer);
      statusBox.textContent = message;
      statusBox.classList.toggle("rv-warn", !!warn);
      sayTimer = setTimeout(function () { statusBox.textContent = ""; }, warn ? 8000 : 5000);
    }

    function alarm(message, link) {
      clearTimeout(sayTimer);
      statusBox.textContent = "";
      alertText.textContent = message;
      if (link) {
        var a = document.createElement("a");
        a.href = link.href;
        a.textContent = link.text;
        alertText.append(" ", a);
      }
      alertBox.hidden = false;
    }

    function clearAlarm() {
      alertBox.hidden = true;
      alertText.textContent = "";
    }

    function fieldWords(key) {
      var parts = key.split(":");
      if (parts[0] === "article") return "the article’s review status";
      var what = parts[0] === "source" ? "source " + parts[1] : parts[1];
      if (parts[2] === "*") return what;
      return "the " + (FIELD_WORDS[parts[2]] || parts[2].replace(/_/g, " ")) + " of " + what;
    }

    function valueWords(value) {
      if (value === null || value === undefined) return "none";
      if (typeof value === "boolean") return value ? "yes" : "no";
      if (typeof value === "string") return "“" + (TYPE_WORDS[value] || value) + "”";
      if (typeof value === "number") return String(value);
      if (Array.isArray(value)) return value.map(valueWords).join(", ") || "none";
      if (value.text !== undefined) return "“" + value.text + "”";
      if (value.status !== undefined && Object.keys(value).length === 1) return value.status.replace(/_/g, " ");
      if (value.status !== undefined) return value.status.replace(/_/g, " ");
      return "changed";
    }

    function conflictWords(body) {
      var conflicts = body.conflicts || [];
      if (!conflicts.length) {
        return "Not saved: " + (body.error || "the map changed") + ". The page now shows the current map.";
      }
      var c = conflicts[0];
      var now = c.fields.filter(function (f) { return f in (c.current || {}); }).map(function (f) {
        return fieldWords(f) + " is now " + valueWords(c.current[f]);
      });
      return c.reviewer + " changed " + c.fields.map(fieldWords).join(", ") + " (edit #" + c.edit + ") after you " +
        "opened this article, so your edit was not saved" + (now.length ? ": " + now.join("; ") : "") + ". " +
        "The page now shows the current values: check them, and make your edit again if it still stands.";
    }

    function refuse(answer) {
      var body = answer.body || {};
      if (answer.status === 409) {
        alarm(conflictWords(body));
      } else if (answer.status === 401) {
        alarm("Your review session has ended, so nothing was saved.", { href: location.pathname, text: "Sign in again" });
      } else {
        alarm("Not saved: " + (body.error || "the server answered " + answer.status) + ".");
      }
    }

    // ------------------------------------------------------------ talking to the API
    function csrf() {
      var found = document.cookie.split("; ").filter(function (c) { return c.indexOf("accordingto_review_csrf=") === 0; })[0];
      return found ? decodeURIComponent(found.slice("accordingto_review_csrf=".length)) : "";
    }

    function send(path, fields) {
      var body = Object.assign({ article_id: data.article_id, base_revision: data.revision, analysis_key: data.analysis_key }, fields);
      return fetch("/api/review/" + path, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf() },
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().catch(function () { return { error: "the server answered " + response.status }; })
          .then(function (answer) { return { status: response.status, body: answer }; });
      }, function () {
        return { status: 0, body: { error: "the server could not be reached" } };
      });
    }

    /* Send the edits one after another (each on the revision the last one made), then show the
       map again. ``done(edits)`` says what to tell the reviewer and what to focus. */
    function act(steps, done) {
      if (busy) { say("Still saving the last edit…", true); return Promise.resolve(false); }
      busy = true;
      root.setAttribute("aria-busy", "true");
      clearAlarm();
      var edits = [];
      function step(i) {
        if (i === steps.length) return Promise.resolve(true);
        return send(steps[i][0], steps[i][1]).then(function (answer) {
          if (answer.status === 201) {
            data.revision = answer.body.review.revision;
            edits.push(answer.body.edit);
            return step(i + 1);
          }
          refuse(answer);
          return false;
        });
      }
      return step(0).then(function (ok) {
        var after = ok && done ? done(edits) : {};
        return refresh(after.focus || current).then(function () {
          if (ok && after.message) say(after.message);
          return ok;
        });
      }).finally(function () {
        busy = false;
        root.removeAttribute("aria-busy");
      });
    }

    function refresh(focusId) {
      var panel = workspace.querySelector(".review-panel");
      var panelTop = panel ? panel.scrollTop : 0;
      var x = window.scrollX, y = window.scrollY;
      return fetch(root.dataset.workspace, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/html" } })
        .then(function (response) {
          if (response.status === 401) {
            alarm("Your review session has ended.", { href: location.pathname, text: "Sign in again" });
            return;
          }
          if (!response.ok) { alarm("The current map could not be loaded (" + response.status + "): reload the page."); return; }
          return response.text().then(function (html) {
            workspace.innerHTML = html;
            showControls(workspace);
            load();
            var again = workspace.querySelector(".review-panel");
            if (again) again.scrollTop = panelTop;
            window.scrollTo(x, y);
            current = null;
            if (focusId && itemOf(focusId)) choose(focusId, { focus: true });
          });
        }, function () { alarm("The server could not be reached: reload the page."); });
    }

    // ------------------------------------------------------------ choosing what to work on
    function choose(id, how) {
      workspace.querySelectorAll(".rv-item.rv-current").forEach(function (el) { el.classList.remove("rv-current"); });
      text().querySelectorAll(".at-content.active").forEach(function (el) { el.classList.remove("active"); });
      var item = itemOf(id);
      current = item ? id : null;
      if (!item) return null;
      item.classList.add("rv-current");
      if (item.dataset.kind === "attribution") {
        text().querySelectorAll('.at-content[data-attr="' + CSS.escape(id) + '"]').forEach(function (el) { el.classList.add("active"); });
      }
      how = how || {};
      if (how.scrollText) {
        var marker = document.getElementById("marker-" + id);
        if (marker) marker.scrollIntoView({ block: "center" });
      }
      if (how.focus) {
        item.focus({ preventScroll: true });
        item.scrollIntoView({ block: "nearest" });
      }
      return item;
    }

    function move(kind, step) {
      var list = Array.from(workspace.querySelectorAll('.rv-item[data-kind="' + kind + '"]:not(.rv-out)'));
      if (!list.length) { say(kind === "source" ? "This article has no source." : "This article has no attribution.", true); return; }
      var at = list.findIndex(function (el) { return el.dataset.item === current; });
      var next = at === -1 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + step));
      choose(list[next].dataset.item, { focus: true, scrollText: true });
    }

    function need(kind) {
      var item = itemOf(current);
      if (item && item.dataset.kind === kind && !item.classList.contains("rv-out")) return current;
      say(kind === "attribution" ? "Choose an attribution first: j / k, or click it." : "Choose a source first: J / K, or click it.", true);
      return null;
    }

    // ------------------------------------------------------------ the selected words
    function offsetAt(node, offset) {
      var range = document.createRange();
      range.setStart(text(), 0);
      range.setEnd(node, offset);
      var part = range.cloneContents();
      part.querySelectorAll(".marker").forEach(function (m) { m.remove(); });
      return Array.from(part.textContent).length;
    }

    function rangeInText() {
      var selection = window.getSelection();
      if (!selection || !selection.rangeCount || selection.isCollapsed) return null;
      var range = selection.getRangeAt(0);
      return range.intersectsNode(text()) ? range.cloneRange() : null;
    }

    /* The selected words as a span of the article ({start, end, text}, end exclusive), without
       the spaces at either end; null when nothing is selected in the text. */
    function selected() {
      var range = rangeInText() || lastRange;
      if (!range) return null;
      if (chars.length !== data.text_length) {
        say("This browser shows the text differently from the server: select with care, or reload.", true);
        return null;
      }
      var el = text();
      var start = el.contains(range.startContainer) ? offsetAt(range.startContainer, range.startOffset) : 0;
      var end = el.contains(range.endContainer) ? offsetAt(range.endContainer, range.endOffset) : chars.length;
      while (start < end && /\s/.test(chars[start])) start++;
      while (end > start && /\s/.test(chars[end - 1])) end--;
      if (start >= end) return null;
      return { start: start, end: end, text: chars.slice(start, end).join("") };
    }

    document.addEventListener("selectionchange", function () {
      var range = rangeInText();
      if (range) lastRange = range;
    });

    function quote(value, limit) {
      limit = limit || 60;
      return "“" + (value.length > limit ? value.slice(0, limit) + "…" : value) + "”";
    }

    // ------------------------------------------------------------ dialogs
    function fill(scope, slot, value) {
      scope.querySelectorAll('[data-slot="' + slot + '"]').forEach(function (el) { el.textContent = value; });
    }

    function open(template, setup, submit) {
      dialog.replaceChildren(document.getElementById(template).content.cloneNode(true));
      var form = dialog.querySelector("form");
      onSubmit = submit || null;
      if (setup) setup(form || dialog);
      dialog.showModal();
      var first = dialog.querySelector("input[type=radio]:checked") ||
        dialog.querySelector("input:not([type=hidden]):not([disabled]), select, button:not([disabled])");
      if (first) first.focus();
      return form;
    }

    function close() {
      if (dialog.open) dialog.close();
    }

    dialog.addEventListener("close", function () {
      dialog.replaceChildren();
      onSubmit = null;
      var item = itemOf(current);
      if (item && !busy) item.focus({ preventScroll: true });
    });

    dialog.addEventListener("click", function (event) {
      if (event.target.closest("[data-close]")) close();
    });

    dialog.addEventListener("submit", function (event) {
      event.preventDefault();
      if (onSubmit) onSubmit(event.target);
    });

    dialog.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || !/^[1-9]$/.test(event.key)) return;
      if (event.target.matches("input:not([type=radio]):not([type=checkbox]), select, textarea")) return;
      var form = dialog.querySelector("form");
      if (!form) return;
      var n = Number(event.key) - 1;
      if (form.dataset.form === "type") {
        var radios = form.querySelectorAll("input[type=radio]");
        if (!radios[n]) return;
        event.preventDefault();
        radios[n].checked = true;
        form.requestSubmit();
      } else if (form.dataset.form === "span") {
        var choices = form.querySelectorAll("[data-choice]");
        if (!choices[n] || choices[n].disabled) return;
        event.preventDefault();
        choices[n].click();
      }
    });

    /* A <select> of the article's sources; "" is no source, "__new__" a new one. */
    function sourceChoices(select, chosen, options) {
      options = options || {};
      select.replaceChildren();
      function option(value, label) {
        var o = document.createElement("option");
        o.value = value;
        o.textContent = label;
        if (value === (chosen || "")) o.selected = true;
        select.append(o);
      }
      if (options.none) option("", "no source");
      data.sources.forEach(function (s) {
        if (s.id !== options.except) option(s.id, s.id + " · " + s.name + " (" + s.kind + (s.named ? "" : ", anonymous") + ")");
      });
      if (options.fresh) option("__new__", "a new source…");
    }

    function newSourceFields(form, suggestion) {
      var box = form.querySelector("[data-new-source]");
      var select = form.querySelector("select[name=source]");
      if (!box || !select) return;
      if (suggestion) form.elements.new_name.value = suggestion;
      function toggle() { box.hidden = select.value !== "__new__"; }
      select.addEventListener("change", toggle);
      toggle();
    }

    /* source / new_source of a form with the source select: null when the form is not complete. */
    function sourceFields(form) {
      var choice = form.elements.source.value;
      if (choice !== "__new__") return { source: choice || null };
      var name = form.elements.new_name.value.trim();
      if (!name) { say("Give the new source a name.", true); form.elements.new_name.focus(); return null; }
      return { new_source: { name: name, kind: form.elements.new_kind.value, named: form.elements.new_named.checked } };
    }

    // ------------------------------------------------------------ the actions
    function confirm() {
      var id = need("attribution");
      if (!id) return;
      if (data.attributions[id] && data.attributions[id].status === "confirmed") { say(id + " is confirmed already."); return; }
      act([["attributions/confirm", { attribution: id }]], function () { return { message: "Confirmed " + id + "." }; });
    }

    function reject() {
      var id = need("attribution");
      if (!id) return;
      act([["attributions/reject", { attribution: id }]], function () {
        return { message: "Rejected " + id + ": not an attribution (u undoes it)." };
      });
    }

    function retype() {
      var id = need("attribution");
      if (!id) return;
      var now = data.attributions[id].type;
      open("tpl-type", function (form) {
        fill(form, "id", id);
        form.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === now; });
      }, function (form) {
        var chosen = form.elements.type.value;
        close();
        if (!chosen || chosen === now) { say("The type of " + id + " is " + TYPE_WORDS[now] + " already."); return; }
        act([["attributions/type", { attribution: id, type: chosen }]], function () {
          return { message: "The type of " + id + " is now " + TYPE_WORDS[chosen] + "." };
        });
      });
    }

    function setSpan() {
      var id = need("attribution");
      if (!id) return;
      var at = data.attributions[id];
      var words = selected();
      open("tpl-span", function (form) {
        fill(form, "id", id);
        fill(form, "selection", words ? words.text : "nothing");
        fill(form, "hint", words ? "" : "Select words in the article first to set a span; you can still remove the cue or the source mention.");
        form.querySelectorAll("[data-choice]").forEach(function (button) {
          var ok = (button.dataset.needs || "").split(" ").every(function (need) {
            return need === "selection" ? !!words : need === "source" ? !!at.source : need === "cue" ? !!at.cue : need === "mention" ? !!at.source_mention : true;
          });
          button.disabled = !ok;
          button.addEventListener("click", function () {
            close();
            spanEdit(id, at, button.dataset.choice, words);
          });
        });
      });
    }

    function spanEdit(id, at, choice, words) {
      var role = { content: "content", content_more: "content", cue: "cue", no_cue: "cue" }[choice] || "source_mention";
      var spans = [];
      if (choice === "content_more") {
        spans = at.content.concat([words]).sort(function (a, b) { return a.start - b.start; });
      } else if (choice !== "no_cue" && choice !== "no_mention") {
        spans = [words];
      }
      act([["attributions/span", { attribution: id, role: role, spans: spans }]], function () {
        return { message: spans.length ? "The " + ROLE_WORDS[role] + " of " + id + " is now " + quote(spans.map(function (s) { return s.text; }).join(" … ")) + "." : "Removed the " + ROLE_WORDS[role] + " of " + id + "." };
      });
    }

    function reassign() {
      var id = need("attribution");
      if (!id) return;
      var at = data.attributions[id];
      var words = selected();
      open("tpl-reassign", function (form) {
        fill(form, "id", id);
        fill(form, "selection", words ? words.text : "");
        sourceChoices(form.elements.source, at.source, { none: true, fresh: true });
        newSourceFields(form, words ? words.text : "");
        form.querySelector('[data-needs="selection"]').hidden = !words;
        if (words) form.elements.mention.checked = true;
      }, function (form) {
        var fields = sourceFields(form);
        if (!fields) return;
        fields.attribution = id;
        if (words && form.elements.mention.checked && (fields.source || fields.new_source)) fields.source_mention = words;
        if (!fields.new_source && fields.source === at.source && !fields.source_mention) { close(); say("That is its source already."); return; }
        close();
        act([["attributions/reassign", fields]], function () {
          var who = fields.new_source ? "a new source, " + fields.new_source.name : fields.source ? fields.source : "no source";
          return { message: id + " now has " + who + "." };
        });
      });
    }

    function add() {
      var words = selected();
      if (!words) { say("Select the words of the missing attribution in the article first, then press a.", true); return; }
      var item = itemOf(current);
      var fromSource = item && item.dataset.kind === "source" && !item.classList.contains("rv-out") ? current : null;
      open("tpl-add", function (form) {
        fill(form, "selection", words.text);
        form.elements.type.value = /^["“‘'«„]/.test(words.text) ? "direct" : "indirect";
        sourceChoices(form.elements.source, fromSource, { none: true, fresh: true });
        newSourceFields(form, "");
      }, function (form) {
        var fields = sourceFields(form);
        if (!fields) return;
        fields.type = form.elements.type.value;
        fields.content = [words];
        close();
        act([["attributions/add", fields]], function (edits) {
          var id = "RA" + edits[0].id;
          return { message: "Added " + id + ": now select its cue or its source’s words and press s.", focus: id };
        });
      });
    }

    function rename() {
      var id = need("source");
      if (!id) return;
      var source = sourceOf(id);
      open("tpl-rename", function (form) {
        fill(form, "id", id + " (" + source.name + ")");
        form.elements.name.value = source.name;
        setTimeout(function () { form.elements.name.select(); }, 0);
      }, function (form) {
        var name = form.elements.name.value.trim().replace(/\s+/g, " ");
        close();
        if (!name || name === source.name) return;
        act([["sources/rename", { source: id, name: name }]], function () { return { message: id + " is now " + quote(name) + "." }; });
      });
    }

    function merge() {
      var id = need("source");
      if (!id) return;
      if (data.sources.length < 2) { say("There is no other source to merge it into.", true); return; }
      open("tpl-merge", function (form) {
        fill(form, "id", id + " (" + sourceOf(id).name + ")");
        sourceChoices(form.querySelector('[data-slot="others"]'), null, { except: id });
      }, function (form) {
        var into = form.elements.into.value;
        close();
        act([["sources/merge", { source: id, into: into }]], function () {
          return { message: "Merged " + id + " into " + into + ".", focus: into };
        });
      });
    }

    function split() {
      var id = need("source");
      if (!id) return;
      var source = sourceOf(id);
      if (source.mentions.length < 2) { say(id + " has one mention: there is nothing to split off.", true); return; }
      open("tpl-split", function (form) {
        fill(form, "id", id + " (" + source.name + ")");
        var box = form.querySelector('[data-slot="mentions"]');
        source.mentions.forEach(function (m, i) {
          var label = document.createElement("label");
          var input = document.createElement("input");
          input.type = "checkbox";
          input.name = "mention";
          input.value = String(i);
          label.append(input, " " + quote(m.text, 50) + " ", Object.assign(document.createElement("span"), { className: "muted", textContent: "at " + m.start }));
          box.append(label);
        });
      }, function (form) {
        var moved = Array.from(form.querySelectorAll("input[name=mention]:checked")).map(function (i) { return source.mentions[Number(i.value)]; });
        if (!moved.length) { say("Tick the mentions that are another source.", true); return; }
        if (moved.length === source.mentions.length) { say("Every mention would move: rename the source instead.", true); return; }
        var name = form.elements.name.value.trim();
        close();
        act([["sources/split", { source: id, mentions: moved, new_source: name ? { name: name } : null }]], function (edits) {
          return { message: "Split a new source off " + id + ".", focus: "RS" + edits[0].id };
        });
      });
    }

    function fields() {
      var id = need("source");
      if (!id) return;
      var source = sourceOf(id);
      open("tpl-fields", function (form) {
        fill(form, "id", id + " (" + source.name + ")");
        var e = form.elements;
        e.kind.value = source.kind;
        e.named.checked = !!source.named;
        e.role.value = source.role || "";
        e.affiliation.value = source.affiliation || "";
        e.gender.value = source.gender;
        e.role_class.value = source.role_class;
        e.count.value = source.count === null || source.count === undefined ? "" : String(source.count);
      }, function (form) {
        var e = form.elements;
        var steps = [];
        function change(field, value, before) {
          if (value !== before) steps.push(["sources/field", { source: id, field: field, value: value }]);
        }
        var count = e.count.value.trim() === "" ? null : Number(e.count.value);
        if (count !== null && !(Number.isInteger(count) && count >= 0)) { say("How many: a whole number, or nothing.", true); return; }
        change("kind", e.kind.value, source.kind);
        change("named", e.named.checked, !!source.named);
        change("role", e.role.value.trim() || null, source.role || null);
        change("affiliation", e.affiliation.value.trim() || null, source.affiliation || null);
        change("gender", e.gender.value, source.gender);
        change("role_class", e.role_class.value, source.role_class);
        change("count", count, source.count === undefined ? null : source.count);
        close();
        if (!steps.length) { say("Nothing changed."); return; }
        act(steps, function () {
          return { message: "Saved " + steps.map(function (s) { return FIELD_WORDS[s[1].field]; }).join(", ") + " of " + id + "." };
        });
      });
    }

    function notASource() {
      var id = need("source");
      if (!id) return;
      act([["sources/not-a-source", { source: id }]], function () {
        return { message: id + " is not a source: its attributions have no source now (u undoes it)." };
      });
    }

    function undo(edit) {
      var last = workspace.querySelector('[data-do="undo-last"]');
      if (!edit && last && last.disabled) { say("You have no edit in effect on this article to undo.", true); return; }
      var fields = edit ? { edit: Number(edit) } : {};
      act([["undo", fields]], function (edits) {
        return { message: "Undid edit #" + edits[0].reverts + "." };
      });
    }

    function setStatus(status) {
      act([["articles/status", { status: status }]], function () {
        return { message: status === "reviewed" ? "The article is marked reviewed." : "The article is in progress again." };
      });
    }

    function help() {
      open("tpl-help");
    }

    var ACTIONS = {
      confirm: confirm,
      reject: reject,
      type: retype,
      span: setSpan,
      reassign: reassign,
      add: add,
      rename: rename,
      merge: merge,
      split: split,
      fields: fields,
      "not-a-source": notASource,
      "undo-last": function () { undo(null); },
      help: help
    };

    // ------------------------------------------------------------ mouse and keys
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-do]");
      if (button) {
        var item = button.closest(".rv-item");
        if (item) choose(item.dataset.item);
        var what = button.dataset.do;
        if (what === "undo") undo(button.dataset.edit);
        else if (what === "status") setStatus(button.dataset.status);
        else if (what === "dismiss") clearAlarm();
        else if (ACTIONS[what]) ACTIONS[what]();
        return;
      }
      var chosen = event.target.closest(".rv-item");
      if (chosen) { choose(chosen.dataset.item); return; }
      var marked = event.target.closest("#article-text [data-attr]");
      if (marked && !rangeInText()) choose(marked.dataset.attr, { focus: true });
    });

    workspace.addEventListener("mousedown", function (event) {
      if (event.target.closest("#article-text")) lastRange = null;   // a new selection begins
    });

    workspace.addEventListener("focusin", function (event) {
      var item = event.target.closest(".rv-item");
      if (item && item.dataset.item !== current) choose(item.dataset.item);
    });

    var KEYS = {
      j: function () { move("attribution", 1); },
      k: function () { move("attribution", -1); },
      J: function () { move("source", 1); },
      K: function () { move("source", -1); },
      c: confirm,
      x: function () {
        var item = itemOf(current);
        if (item && item.dataset.kind === "source") notASource(); else reject();
      },
      t: retype,
      s: setSpan,
      r: reassign,
      a: add,
      n: rename,
      m: merge,
      p: split,
      f: fields,
      u: function () { undo(null); },
      R: function () {
        var button = workspace.querySelector('[data-do="status"]');
        if (button) setStatus(button.dataset.status);
      },
      "?": help
    };

    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || dialog.open) return;
      var target = event.target;
      if (target.closest && target.closest("input, select, textarea, [contenteditable]")) return;
      var handler = KEYS[event.key];
      if (!handler) return;
      event.preventDefault();
      if (busy) { say("Still saving the last edit…", true); return; }
      handler();
    });

    showControls(root);
    load();
  });
})();
