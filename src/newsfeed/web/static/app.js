// newsfeed: small enhancements over pages that work without JavaScript.
// "Show More" fetches the next page and appends its items in place. The address stays the
// same; the items shown so far and the scroll position are kept in sessionStorage, so a
// reload, or Back from an article, shows the same list at the same place.
"use strict";

(function () {
  function itemIds(list) {
    var ids = new Set();
    list.querySelectorAll("li[data-id]").forEach(function (li) { ids.add(li.dataset.id); });
    return ids;
  }

  // The element after the list: the Show More paragraph, or the end-of-list note.
  function tailOf(container) {
    return container.querySelector("p.more, [data-list-end]");
  }

  function endNote(doc) {
    var note = doc.querySelector("[data-list-end]");
    if (!note) return null;
    note = document.importNode(note, true);
    note.querySelectorAll("a").forEach(function (a) { a.remove(); }); // we are on the newest
    return note;
  }

  function appendPage(link, list, doc) {
    var incoming = doc.querySelector("[data-list]");
    var seen = itemIds(list);
    var added = 0;
    var first = null;
    if (incoming) {
      Array.prototype.forEach.call(incoming.querySelectorAll(":scope > li[data-id]"), function (li) {
        if (seen.has(li.dataset.id)) return;
        var node = document.importNode(li, true);
        node.classList.add("is-new");
        list.appendChild(node);
        if (!first) first = node;
        added += 1;
      });
    }
    var next = doc.querySelector("a[data-show-more]");
    if (next) {
      link.href = next.getAttribute("href");
    } else {
      var more = link.closest(".more");
      var note = link.hasAttribute("data-main") ? endNote(doc) : null;
      if (note) more.replaceWith(note); else more.remove();
    }
    return { added: added, first: first, end: !next };
  }

  // The search page's count: exact once the last page is in ("12 articles match …").
  function recount(list, end) {
    var count = document.querySelector("[data-count]");
    if (!count) return;
    var n = list.querySelectorAll(":scope > li[data-id]").length;
    var q = "\u201c" + count.dataset.query + "\u201d";
    count.textContent = end
      ? n + (n === 1 ? " article matches " : " articles match ") + q
      : "More than " + n + " articles match " + q + ", best matches first";
  }

  function announce(container, text) {
    var status = container.querySelector("[data-status]");
    if (status) status.textContent = text;
  }

  // ── keeping the place ──────────────────────────────────────────────────────────────
  function storageKey() {
    return "newsfeed:list:" + location.pathname + location.search;
  }

  function saveState(list) {
    var tail = tailOf(list.parentNode);
    var state = {
      items: list.innerHTML,
      tail: tail ? tail.outerHTML : "",
      scroll: window.scrollY,
    };
    try {
      sessionStorage.setItem(storageKey(), JSON.stringify(state));
    } catch (e) { /* storage full or refused: the list is simply not kept */ }
  }

  function loadState() {
    try {
      return JSON.parse(sessionStorage.getItem(storageKey()) || "null");
    } catch (e) {
      return null;
    }
  }

  function navigationType() {
    var entries = performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    return entries.length ? entries[0].type : "navigate";
  }

  function restore(list) {
    var state = loadState();
    if (!state || typeof state.items !== "string") return false;
    list.innerHTML = state.items;
    list.querySelectorAll(".is-new").forEach(function (li) { li.classList.remove("is-new"); });
    var tail = tailOf(list.parentNode);
    var holder = document.createElement("div");
    holder.innerHTML = state.tail || "";
    var stored = holder.firstElementChild;
    if (tail && stored) tail.replaceWith(stored);
    else if (tail) tail.remove();
    else if (stored) list.after(stored);
    window.scrollTo(0, state.scroll || 0);
    return true;
  }

  // ── Show More ──────────────────────────────────────────────────────────────────────
  function showMore(event) {
    var link = event.currentTarget;
    if (link.getAttribute("aria-busy") === "true") { event.preventDefault(); return; }
    var container = link.closest("section, aside") || document;
    var list = container.querySelector("[data-list]");
    if (!list || !window.fetch) return;
    event.preventDefault();
    var url = link.href;
    link.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var result = appendPage(link, list, doc);
        if (link.hasAttribute("data-main")) {
          recount(list, result.end);
          saveState(list);
        }
        var text = result.added + " more articles loaded";
        announce(container, result.end ? text + "; that is the end of the list" : text);
        var target = result.first && result.first.querySelector(".story__title a");
        if (target) target.focus({ preventScroll: true });
      })
      .catch(function () { window.location.href = url; })
      .finally(function () { link.removeAttribute("aria-busy"); });
  }

  function bind(root) {
    root.querySelectorAll("a[data-show-more]").forEach(function (link) {
      link.addEventListener("click", showMore);
    });
  }

  function init() {
    var list = document.querySelector("#feed-items");
    if (list) {
      var kind = navigationType();
      if (kind === "reload" || kind === "back_forward") {
        if (loadState()) {
          if ("scrollRestoration" in history) history.scrollRestoration = "manual";
          restore(list);
        }
      } else {
        try { sessionStorage.removeItem(storageKey()); } catch (e) { /* nothing kept */ }
      }
      window.addEventListener("pagehide", function () {
        if (loadState()) saveState(list); // only once Show More was used here
      });
    }
    bind(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
