/* The chair's console (templates/room/console.html). Without this file every button
   is a form that posts and the page comes back. With it:
   - the list follows the other consoles: every second it asks whether the room's
     version changed (204 when not) and takes the new list when it did;
   - the speaker's time runs;
   - keys: N presses "Next speaker", A sends the first waiting speaker to the end,
     R goes to the right of reply's delegation (not while typing in a field). */
(function () {
  "use strict";

  var body = document.getElementById("console-body");
  if (!body) {
    return;
  }
  var POLL_MS = 1000;
  var url = body.getAttribute("data-body-url");
  var offset = 0;

  function state() {
    return document.getElementById("console-state");
  }

  function readClock() {
    offset = Number(state().getAttribute("data-now-ms")) - Date.now();
  }

  function tick() {
    var timer = document.getElementById("console-timer");
    if (!timer) {
      return;
    }
    var started = Number(timer.getAttribute("data-started-ms"));
    var seconds = Number(timer.getAttribute("data-seconds"));
    var elapsed = Math.max(0, Math.floor((Date.now() + offset - started) / 1000));
    var rest = elapsed % 60;
    timer.textContent = Math.floor(elapsed / 60) + ":" + (rest < 10 ? "0" : "") + rest;
    timer.classList.toggle("live-over", seconds > 0 && elapsed > seconds);
  }

  function busy() {
    var active = document.activeElement;
    return active && body.contains(active) && /^(SELECT|INPUT)$/.test(active.tagName);
  }

  function poll() {
    if (document.hidden || busy()) {
      return;
    }
    var version = state().getAttribute("data-version");
    fetch(url + "?v=" + encodeURIComponent(version), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        return response.status === 200 ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        var parsed = new DOMParser().parseFromString(html, "text/html");
        var fresh = parsed.getElementById("console-state");
        if (fresh) {
          state().replaceWith(document.adoptNode(fresh));
          readClock();
          tick();
        }
      })
      .catch(function () {});
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || /^(SELECT|INPUT|TEXTAREA)$/.test(target.tagName)) {
      return;
    }
    var key = event.key.toLowerCase();
    var button = null;
    if (key === "n") {
      button = document.getElementById("console-next");
    } else if (key === "a") {
      button = document.querySelector(".console-waiting .console-absent");
    } else if (key === "r") {
      var select = document.getElementById("console-delegation");
      if (select) {
        event.preventDefault();
        select.focus();
      }
      return;
    }
    if (button) {
      event.preventDefault();
      button.click();
    }
  });

  readClock();
  tick();
  window.setInterval(tick, 500);
  window.setInterval(poll, POLL_MS);
})();
