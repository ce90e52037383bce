/* The door (templates/checkin/door.html). Without this file the page still works:
   the form is posted and the page comes back with the outcome. With it:
   - each scan is sent with fetch and its outcome shown without reloading; the input
     keeps the focus, so the next badge can be scanned at once; the outcome clears
     itself after a few seconds;
   - a scan made while the connection is down is kept in localStorage and sent when
     it returns, once: each scan carries a nonce made here, and the server applies a
     nonce once whatever the number of times it arrives;
   - "Use the camera" reads QR codes with jsQR (static/vendor/jsqr, Apache-2.0).
   No eval, no inline script, no blob: URL, so the strict Content-Security-Policy holds. */
(function () {
  "use strict";

  var form = document.getElementById("door-form");
  if (!form) {
    return;
  }
  var input = document.getElementById("door-q");
  var methodInput = form.querySelector("input[name=method]");
  var result = document.getElementById("door-result");
  var queueNote = document.getElementById("door-queue");
  var cameraButton = document.getElementById("door-camera");
  var videoBox = document.getElementById("door-video-box");
  var video = document.getElementById("door-video");
  var QUEUE_KEY = "checkin-queue";
  var CLEAR_AFTER_MS = 8000;
  var clearTimer = null;
  var flushing = false;

  function newNonce() {
    if (window.crypto && window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function csrfToken() {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  // As the server decides (checkin/codes.py is_code_like): no name has a digit.
  function isCode(text) {
    return /\d/.test(text) || text.indexOf("://") !== -1;
  }

  function focusInput() {
    input.focus();
  }

  function show(html, clears) {
    window.clearTimeout(clearTimer);
    result.innerHTML = html;
    if (clears) {
      clearTimer = window.setTimeout(function () {
        result.innerHTML = "";
      }, CLEAR_AFTER_MS);
    }
  }

  function showMessage(text) {
    var p = document.createElement("p");
    p.className = "door-message";
    p.setAttribute("role", "status");
    p.textContent = text;
    window.clearTimeout(clearTimer);
    result.innerHTML = "";
    result.appendChild(p);
  }

  // The offline queue -------------------------------------------------------------

  function readQueue() {
    try {
      return JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "[]");
    } catch (error) {
      return [];
    }
  }

  function writeQueue(queue) {
    window.localStorage.setItem(QUEUE_KEY, JSON.stringify(queue));
    showQueue();
  }

  function showQueue() {
    var count = readQueue().length;
    queueNote.hidden = count === 0;
    queueNote.textContent = count === 1
      ? form.dataset.queuedOne || "1 scan waiting to be sent (no connection)."
      : (form.dataset.queuedMany || "%s scans waiting to be sent (no connection).").replace("%s", count);
  }

  function enqueue(scan) {
    var queue = readQueue();
    queue.push(scan);
    writeQueue(queue);
  }

  function post(scan) {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    body.append("q", scan.q);
    body.append("nonce", scan.nonce);
    body.append("method", scan.method);
    return window.fetch(scan.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() }
    });
  }

  // Sends the waiting scans one by one; stops at the first that cannot be sent.
  function flush() {
    if (flushing || !navigator.onLine || readQueue().length === 0) {
      return;
    }
    flushing = true;
    var next = function () {
      var queue = readQueue();
      if (queue.length === 0) {
        flushing = false;
        return;
      }
      post(queue[0]).then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      }).then(function (data) {
        writeQueue(readQueue().filter(function (item) {
          return item.nonce !== queue[0].nonce;
        }));
        show(data.html, true);
        next();
      }).catch(function () {
        flushing = false;
      });
    };
    next();
  }

  // Sending one scan or search ----------------------------------------------------

  function send(scan, queueable) {
    if (!navigator.onLine && queueable) {
      enqueue(scan);
      return;
    }
    post(scan).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        // A login page or a CSRF refusal: the session ended.
        showMessage(form.dataset.signedOut || "Signed out: reload the page and sign in again.");
        return null;
      }
      return response.json();
    }).then(function (data) {
      if (data) {
        show(data.html, data.result !== "search");
      }
      focusInput();
    }).catch(function () {
      // The network failed on the way: keep the scan for later (the nonce makes it once).
      if (queueable) {
        enqueue(scan);
      } else {
        showMessage(form.dataset.offlineSearch || "No connection: the name search needs it.");
      }
      focusInput();
    });
  }

  function submitInput(method) {
    var text = input.value.trim();
    input.value = "";
    if (!text) {
      focusInput();
      return;
    }
    send(
      { action: form.action, q: text, nonce: newNonce(), method: method || methodInput.value },
      isCode(text)
    );
    focusInput();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submitInput();
  });

  // A click on a name found by the search.
  result.addEventListener("submit", function (event) {
    var admit = event.target;
    if (!admit.classList.contains("door-admit")) {
      return;
    }
    event.preventDefault();
    var nonce = admit.querySelector("input[name=nonce]").value;
    send({ action: admit.action, q: "", nonce: nonce, method: "search" }, true);
  });

  window.addEventListener("online", flush);
  window.setInterval(flush, 5000);
  showQueue();
  flush();

  // The camera --------------------------------------------------------------------

  var stream = null;
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var lastCode = "";
  var lastAt = 0;

  function stopCamera() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    videoBox.hidden = true;
    cameraButton.setAttribute("aria-pressed", "false");
  }

  function scanFrame() {
    if (!stream) {
      return;
    }
    if (video.readyState >= 2 && video.videoWidth) {
      var scale = Math.min(1, 800 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, {
        inversionAttempts: "dontInvert"
      });
      var now = Date.now();
      // The same badge held in front of the camera is one scan, not one per frame.
      if (code && code.data && (code.data !== lastCode || now - lastAt > 5000)) {
        lastCode = code.data;
        lastAt = now;
        input.value = code.data;
        submitInput("camera");
      }
    }
    window.setTimeout(scanFrame, 150);
  }

  if (cameraButton && window.jsQR && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    cameraButton.hidden = false;
    cameraButton.setAttribute("aria-pressed", "false");
    cameraButton.addEventListener("click", function () {
      if (stream) {
        stopCamera();
        focusInput();
        return;
      }
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          videoBox.hidden = false;
          cameraButton.setAttribute("aria-pressed", "true");
          return video.play();
        })
        .then(function () {
          scanFrame();
          focusInput();
        })
        .catch(function () {
          stopCamera();
          showMessage(form.dataset.noCamera || "The camera could not be opened.");
        });
    });
  }
})();
