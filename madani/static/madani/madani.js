// Madani's small behaviours. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  function chip(picker, id, label) {
    var name = picker.getAttribute("data-name");
    var span = document.createElement("span");
    span.className = "badge text-bg-secondary place-chip";
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = id;
    span.appendChild(input);
    span.appendChild(document.createTextNode(label));
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close btn-close-white ms-1";
    close.setAttribute("data-place-remove", "");
    close.setAttribute("aria-label", "×");
    span.appendChild(close);
    return span;
  }

  document.addEventListener("click", function (event) {
    var option = event.target.closest("[data-place-option]");
    if (option) {
      var picker = option.closest("[data-place-picker]");
      var selected = picker.querySelector(".place-picker-selected");
      var id = option.getAttribute("data-place-id");
      if (!picker.hasAttribute("data-multiple")) {
        selected.innerHTML = "";
      }
      if (!selected.querySelector('input[value="' + id + '"]')) {
        selected.appendChild(chip(picker, id, option.getAttribute("data-place-label")));
      }
      picker.querySelector(".place-picker-results").innerHTML = "";
      var search = picker.querySelector("input[type=search]");
      search.value = "";
      search.focus();
      return;
    }
    var remove = event.target.closest("[data-place-remove]");
    if (remove) {
      remove.closest(".place-chip").remove();
    }
  });

  // After htmx updates the address bar (search, filters), the language switch follows it.
  document.addEventListener("htmx:pushedIntoHistory", function () {
    document.querySelectorAll("#language-switch").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      url.search = window.location.search;
      link.href = url.toString();
    });
  });

  // Signing out deletes the form pages the offline web forms' worker kept (collect/offline_worker.js), so
  // that nobody reopens them on a shared phone; the submissions waiting in IndexedDB stay, to be sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-sign-out") || !window.caches || form.hasAttribute("data-forgotten")) {
      return;
    }
    event.preventDefault();
    form.setAttribute("data-forgotten", "");
    window.caches.delete("madani-forms-v1").catch(function () {}).then(function () {
      form.submit();
    });
  });

  // Links and buttons that ask before acting: <button data-confirm="…">.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
