/* The badge photo (templates/accreditation/photo.html). Without this file the page
   still works: the file is sent as chosen and the server cuts it around its centre.
   With it:
   - a photo can be taken with the camera on the page (getUserMedia);
   - the chosen or taken photo is shown in a 35 x 45 frame, to be moved (mouse, finger,
     arrow keys) and zoomed until the face fills it; what the frame shows is sent, as a
     JPEG at most 1050 x 1350 (never enlarged), in place of the file chosen.
   Nothing is drawn through a URL (no blob: or data: image): the picture goes from the
   file or the video to canvases, so the strict Content-Security-Policy holds. */
(function () {
  "use strict";

  var form = document.getElementById("photo-form");
  var tools = document.getElementById("photo-tools");
  if (!form || !tools || !window.HTMLCanvasElement || !window.DataTransfer) {
    return;
  }
  var input = form.querySelector("input[type=file]");
  var cameraButton = document.getElementById("photo-camera");
  var videoBox = document.getElementById("photo-video-box");
  var video = document.getElementById("photo-video");
  var shootButton = document.getElementById("photo-shoot");
  var cropBox = document.getElementById("photo-crop-box");
  var crop = document.getElementById("photo-crop");
  var zoom = document.getElementById("photo-zoom");
  var warning = document.getElementById("photo-crop-warning");
  var view = crop.getContext("2d");

  var RATIO = 35 / 45;
  var MIN_WIDTH = 600;
  var MIN_HEIGHT = 800;
  var MAX_WIDTH = 1050;
  var MAX_HEIGHT = 1350;
  var source = null; // a canvas or an ImageBitmap holding the whole photo
  var centreX = 0;
  var centreY = 0;
  var stream = null;
  var sending = false;

  tools.hidden = false;

  // The part of the source the frame shows: the largest 35 x 45 area, divided by zoom.
  function region() {
    var width = source.width;
    var height = source.height;
    var regionHeight = Math.min(height, width / RATIO) / parseFloat(zoom.value);
    var regionWidth = regionHeight * RATIO;
    var x = Math.min(Math.max(centreX - regionWidth / 2, 0), width - regionWidth);
    var y = Math.min(Math.max(centreY - regionHeight / 2, 0), height - regionHeight);
    centreX = x + regionWidth / 2;
    centreY = y + regionHeight / 2;
    return { x: x, y: y, width: regionWidth, height: regionHeight };
  }

  function draw() {
    if (!source) {
      return;
    }
    var r = region();
    view.fillStyle = "#fff";
    view.fillRect(0, 0, crop.width, crop.height);
    view.drawImage(source, r.x, r.y, r.width, r.height, 0, 0, crop.width, crop.height);
    var small = Math.floor(r.width) < MIN_WIDTH || Math.floor(r.height) < MIN_HEIGHT;
    warning.textContent = small ? form.dataset.tooSmall : "";
  }

  function show(picture) {
    source = picture;
    centreX = picture.width / 2;
    centreY = picture.height / 2;
    zoom.value = "1";
    cropBox.hidden = false;
    draw();
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file || !window.createImageBitmap || !/^image\/(jpeg|png)$/.test(file.type)) {
      // Sent as it is: the server says what is wrong with it.
      source = null;
      cropBox.hidden = true;
      return;
    }
    // The orientation written by phones is applied, as the server does.
    window.createImageBitmap(file, { imageOrientation: "from-image" })
      .then(show)
      .catch(function () {
        source = null;
        cropBox.hidden = true;
      });
  });

  // Moving and zooming -------------------------------------------------------------

  var dragging = null;
  crop.addEventListener("pointerdown", function (event) {
    if (!source) {
      return;
    }
    dragging = { x: event.clientX, y: event.clientY };
    crop.setPointerCapture(event.pointerId);
  });
  crop.addEventListener("pointermove", function (event) {
    if (!dragging || !source) {
      return;
    }
    var scale = region().width / crop.getBoundingClientRect().width;
    centreX -= (event.clientX - dragging.x) * scale;
    centreY -= (event.clientY - dragging.y) * scale;
    dragging = { x: event.clientX, y: event.clientY };
    draw();
  });
  crop.addEventListener("pointerup", function () {
    dragging = null;
  });
  crop.addEventListener("keydown", function (event) {
    if (!source) {
      return;
    }
    var step = region().width / 20;
    var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    var move = moves[event.key];
    if (move) {
      event.preventDefault();
      centreX += move[0];
      centreY += move[1];
      draw();
    }
  });
  zoom.addEventListener("input", draw);

  // The camera --------------------------------------------------------------------

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

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    cameraButton.setAttribute("aria-pressed", "false");
    cameraButton.addEventListener("click", function () {
      if (stream) {
        stopCamera();
        return;
      }
      navigator.mediaDevices.getUserMedia({
        video: { facingMode: "user", width: { ideal: 1920 }, height: { ideal: 1440 } },
        audio: false
      }).then(function (media) {
        stream = media;
        video.srcObject = media;
        videoBox.hidden = false;
        cameraButton.setAttribute("aria-pressed", "true");
        return video.play();
      }).catch(function () {
        stopCamera();
        warning.textContent = form.dataset.noCamera;
        cropBox.hidden = false;
      });
    });
    shootButton.addEventListener("click", function () {
      if (!stream || !video.videoWidth) {
        return;
      }
      var still = document.createElement("canvas");
      still.width = video.videoWidth;
      still.height = video.videoHeight;
      still.getContext("2d").drawImage(video, 0, 0);
      stopCamera();
      input.value = "";
      show(still);
      crop.focus();
    });
  } else {
    cameraButton.hidden = true;
  }

  // Sending what the frame shows ------------------------------------------------------

  form.addEventListener("submit", function (event) {
    if (!source || sending) {
      return; // the file as chosen (or nothing: the server says so)
    }
    event.preventDefault();
    var r = region();
    var scale = Math.min(1, MAX_WIDTH / r.width, MAX_HEIGHT / r.height);
    var out = document.createElement("canvas");
    out.width = Math.max(1, Math.floor(r.width * scale));
    out.height = Math.max(1, Math.round(out.width / RATIO));
    var context = out.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(source, r.x, r.y, r.width, r.height, 0, 0, out.width, out.height);
    out.toBlob(function (blob) {
      var files = new DataTransfer();
      files.items.add(new File([blob], "photo.jpg", { type: "image/jpeg" }));
      input.files = files.files;
      sending = true;
      form.submit();
    }, "image/jpeg", 0.92);
  });
})();
