// newsfeed: small enhancements over pages that work without JavaScript.
// "Show More" fetches the next page, appends its items in place and updates the address.
"use strict";

(function () {
  function itemIds(list) {
    var ids = new Set();
    list.querySelectorAll("li[data-id]").forEach(function (li) { ids.add(li.dataset.id); });
    return ids;
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
      link.closest(".more").remove();
    }
    return { added: added, first: first };
  }

  function announce(container, text) {
    var status = container.querySelector("[data-status]");
    if (status) status.textContent = text;
  }

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
        if (link.hasAttribute("data-main")) history.replaceState({ more: url }, "", url);
        announce(container, result.added + " more articles loaded");
        var target = result.first && result.first.querySelector(".story__title a");
        if (target) target.focus({ preventScroll: true });
      })
      .catch(function () { window.location.href = url; })
      .finally(function () { link.removeAttribute("aria-busy"); });
  }

  function init() {
    document.querySelectorAll("a[data-show-more]").forEach(function (link) {
      link.addEventListener("click", showMore);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
