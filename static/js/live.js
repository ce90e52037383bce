/* The live page and the room screen (templates/room/_live_body.html). Without this
   file the page refreshes itself every ten seconds (<noscript> meta refresh). With it:
   - the state is polled every 1.5 s with the ETag of what the page shows; the server
     answers 304 from its cache while nothing changed, so a phone costs little;
   - the speaker's time runs every half second, on the server's clock (the offset is
     taken from the responses' Date header);
   - polling pauses while the page is hidden.
   No inline script, no innerHTML: the strict Content-Security-Policy holds. */
(function () {
  "use strict";

  var root = document.getElementById("live");
  if (!root) {
    return;
  }
  var POLL_MS = 1500;
  var url = root.getAttribute("data-state-url");
  var etag = root.getAttribute("data-etag");
  var offset = Number(root.getAttribute("data-now-ms")) - Date.now();
  var timer = document.getElementById("live-timer");
  var limit = document.getElementById("live-limit");

  function text(id, value) {
    var node = document.getElementById(id);
    if (node && node.textContent !== value) {
      node.textContent = value;
    }
  }

  function clock(ms) {
    var seconds = Math.max(0, Math.floor(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    var started = Number(timer.getAttribute("data-started-ms"));
    var seconds = Number(timer.getAttribute("data-seconds"));
    if (!started) {
      timer.textContent = "";
      timer.classList.remove("live-over");
      return;
    }
    var elapsed = Date.now() + offset - started;
    timer.textContent = clock(elapsed);
    timer.classList.toggle("live-over", seconds > 0 && elapsed > seconds * 1000);
  }

  function describe(person) {
    var line = person.delegation;
    if (person.speaker) {
      line += " (" + person.speaker + ")";
    }
    if (person.kind_label) {
      line += " · " + person.kind_label;
    }
    return line;
  }

  function show(state) {
    text("live-session", state.session);
    text("live-item", state.item || "");
    var speaker = state.speaker;
    text("live-speaker", speaker ? speaker.delegation : root.getAttribute("data-nobody"));
    var name = "";
    if (speaker) {
      name = speaker.speaker + (speaker.kind_label ? " · " + speaker.kind_label : "");
    }
    text("live-speaker-name", name);
    timer.setAttribute("data-started-ms", speaker ? String(speaker.started_ms) : "");
    timer.setAttribute("data-seconds", speaker ? String(speaker.seconds) : "0");
    limit.textContent = speaker && speaker.seconds ? " / " + clock(speaker.seconds * 1000) : "";
    var list = document.getElementById("live-next");
    var items = [];
    state.next.forEach(function (person) {
      var li = document.createElement("li");
      li.setAttribute("dir", "auto");
      li.textContent = describe(person);
      items.push(li);
    });
    if (!items.length) {
      var empty = document.createElement("li");
      empty.className = "live-empty";
      empty.textContent = root.getAttribute("data-no-one-waiting");
      items.push(empty);
    }
    list.replaceChildren.apply(list, items);
    tick();
  }

  function poll() {
    if (document.hidden) {
      return;
    }
    fetch(url, {
      cache: "no-store",
      credentials: "omit",
      headers: { "If-None-Match": etag, Accept: "application/json" },
    })
      .then(function (response) {
        var date = Date.parse(response.headers.get("Date") || "");
        if (!isNaN(date)) {
          // The Date header has whole seconds: half a second is the best guess.
          offset = date + 500 - Date.now();
        }
        if (response.status !== 200) {
          return null;
        }
        etag = response.headers.get("ETag") || etag;
        return response.json();
      })
      .then(function (state) {
        if (state) {
          show(state);
        }
      })
      .catch(function () {
        /* No connection: the page keeps what it shows and tries again. */
      });
  }

  tick();
  window.setInterval(tick, 500);
  window.setInterval(poll, POLL_MS);
  document.addEventListener("visibilitychange", poll);
})();
