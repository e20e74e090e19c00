// The attendance sheet on a phone (activities/attendance_sheet.html): never lose what was ticked.
// Every tick is kept in localStorage (keyed by session) until the server has saved the list; the form
// is sent with fetch, and when the connection is down the page says so, keeps the ticks and sends
// them again when the browser is back online (and every 20 seconds). The server makes the list the
// exact set of people present, so sending it twice is harmless. The messages come from the template.
(function () {
  "use strict";

  function setup(form) {
    var key = form.getAttribute("data-key");
    var status = form.querySelector("[data-sheet-status]");
    var boxes = function () { return form.querySelectorAll('input[type=checkbox][name="present"]'); };
    var retry = null;
    var sending = false;

    function say(message, kind) {
      status.textContent = message;
      status.className = "alert alert-" + (kind || "warning");
      status.classList.toggle("d-none", !message);
    }

    function ticked() {
      return Array.prototype.filter.call(boxes(), function (box) { return box.checked; })
        .map(function (box) { return box.value; });
    }

    function keep() {
      try { localStorage.setItem(key, JSON.stringify({ present: ticked(), at: Date.now() })); } catch (e) { /* full or off */ }
    }

    function kept() {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    }

    function forget() {
      try { localStorage.removeItem(key); } catch (e) { /* off */ }
      if (retry) { clearInterval(retry); retry = null; }
    }

    // The text of the server's messages (``selector``) in a page it answered with.
    function messages(html, selector) {
      var page = new DOMParser().parseFromString(html, "text/html");
      return Array.prototype.map.call(page.querySelectorAll(selector), function (alert) {
        return alert.textContent.trim();
      }).join(" ");
    }

    function scheduleRetry() {
      if (!retry) { retry = setInterval(function () { if (navigator.onLine) { send(); } }, 20000); }
    }

    function send() {
      if (sending) { return; }
      sending = true;
      say(form.getAttribute("data-saving"), "info");
      var body = new FormData(form);
      fetch(form.action || window.location.href, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) {
          sending = false;
          var landed = new URL(response.url, window.location.href);
          if (response.redirected && landed.pathname === window.location.pathname) {
            forget();  // saved: the server answered with the sheet again, and its message
            return response.text().then(function (html) {
              say(messages(html, "main .alert-success") || form.getAttribute("data-saved"), "success");
            });
          }
          if (response.redirected) {  // to the sign-in page
            say(form.getAttribute("data-signed-out"));
            return;
          }
          if (response.status >= 500) {
            say(form.getAttribute("data-offline"));
            scheduleRetry();
            return;
          }
          // Refused (the page again with the reason): show the server's messages, keep the ticks.
          return response.text().then(function (html) {
            say(messages(html, "main .alert-danger") || form.getAttribute("data-unsaved"), "danger");
          });
        })
        .catch(function () {
          sending = false;
          say(form.getAttribute("data-offline"));
          scheduleRetry();
        });
    }

    var saved = kept();
    if (saved && Array.isArray(saved.present)) {
      var wanted = {};
      saved.present.forEach(function (id) { wanted[id] = true; });
      Array.prototype.forEach.call(boxes(), function (box) { if (!box.disabled) { box.checked = !!wanted[box.value]; } });
      say(form.getAttribute("data-restored"));
    }

    form.addEventListener("change", function (event) {
      if (event.target.name === "present") {
        keep();
        say(form.getAttribute("data-unsaved"));
      }
    });
    form.addEventListener("click", function (event) {
      if (event.target.closest("[data-all-present]")) {
        Array.prototype.forEach.call(boxes(), function (box) { if (!box.disabled) { box.checked = true; } });
        keep();
        say(form.getAttribute("data-unsaved"));
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      keep();
      send();
    });
    window.addEventListener("online", function () {
      if (kept()) { send(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-attendance-sheet]").forEach(setup);
  });
})();

// The paper sign-in sheet's "Print" button (activities/sign_in_sheet.html).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
