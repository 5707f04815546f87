// The check-in page's camera (governance/templates/governance/check_in.html): where the browser
// has a BarcodeDetector that reads QR codes and a camera, a button opens the camera; the first QR
// code seen fills the badge code field and sends the form, as typing it would. Without either,
// the button stays hidden and the page is the plain form.
(function () {
  "use strict";
  var form = document.querySelector("[data-checkin-form]");
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var holder = form.querySelector("[data-scanner]");
  var button = form.querySelector("[data-scan-button]");
  var label = button.querySelector("span");
  var video = form.querySelector("[data-camera]");
  var field = form.querySelector("input[name=code]");
  var problem = form.querySelector("[data-scan-error]");
  var stream = null;
  var detector = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    stream = null;
    video.hidden = true;
    label.textContent = holder.dataset.scanLabel;
  }

  function look() {
    if (!stream) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length && codes[0].rawValue) {
        field.value = codes[0].rawValue;
        stop();
        form.requestSubmit();
        return;
      }
      window.setTimeout(look, 200);
    }, function () {
      window.setTimeout(look, 400);
    });
  }

  function start() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (camera) {
        problem.hidden = true;
        stream = camera;
        video.srcObject = camera;
        video.hidden = false;
        label.textContent = holder.dataset.stopLabel;
        return video.play();
      })
      .then(look)
      .catch(function () {
        stop();
        problem.textContent = holder.dataset.errorLabel;
        problem.hidden = false;
        field.focus();
      });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    holder.hidden = false;
    button.addEventListener("click", function () {
      if (stream) {
        stop();
      } else {
        start();
      }
    });
  });
})();
