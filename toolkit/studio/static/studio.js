// lessonkit studio: checks as you type, colour swatches, the build's progress. No wording lives here:
// every message comes from the server, rendered by the same templates as the pages.
"use strict";

function csrf() {
  return document.querySelector('meta[name="csrf"]').content;
}

function profileForm() {
  var form = document.getElementById("profile-form");
  if (!form) return;
  var timer = null;
  var sent = 0;

  function check() {
    var data = new FormData(form);
    data.delete("logo");
    var mine = ++sent;
    fetch("/profile/check", {method: "POST", body: data, headers: {"X-CSRF-Token": csrf()}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (!answer || mine !== sent) return;
        Object.keys(answer.fields).forEach(function (name) {
          var box = document.getElementById("msg-" + name);
          if (box && name !== "logo" && box.innerHTML.trim() !== answer.fields[name].trim()) box.innerHTML = answer.fields[name];
          var input = document.getElementById("f-" + name);
          if (input && name !== "logo") {
            if (answer.invalid.indexOf(name) >= 0) input.setAttribute("aria-invalid", "true");
            else input.removeAttribute("aria-invalid");
          }
        });
        var general = document.getElementById("msg-general");
        if (general && general.innerHTML.trim() !== answer.general.trim()) general.innerHTML = answer.general;
        Object.keys(answer.colours).forEach(function (name) {
          var box = document.getElementById("colour-" + name);
          if (box) box.innerHTML = answer.colours[name];
        });
      })
      .catch(function () { /* the next keystroke tries again */ });
  }

  form.addEventListener("input", function (event) {
    if (!event.target.hasAttribute("data-check")) return;
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  });
  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT" || event.target.type === "checkbox") { clearTimeout(timer); check(); }
  });
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".use-shade");
    if (!button) return;
    var input = document.getElementById("f-" + button.getAttribute("data-field"));
    input.value = button.getAttribute("data-shade");
    input.focus();
    check();
  });
  var logo = document.getElementById("f-logo");
  var tooBig = document.getElementById("logo-too-big");
  if (logo && tooBig) {
    logo.addEventListener("change", function () {
      var limit = parseInt(logo.getAttribute("data-max-bytes"), 10);
      var big = logo.files.length > 0 && logo.files[0].size > limit;
      tooBig.hidden = !big;
      if (big) logo.setAttribute("aria-invalid", "true"); else logo.removeAttribute("aria-invalid");
    });
  }
}

function buildProgress() {
  var box = document.getElementById("build");
  if (!box || box.getAttribute("data-state") !== "running" || !window.EventSource) return;
  var bar = document.getElementById("progress");
  var status = document.getElementById("status");
  var source = new EventSource(box.getAttribute("data-events"));
  source.onmessage = function (event) {
    var data = JSON.parse(event.data);
    bar.value = data.percent;
    bar.textContent = data.percent + "%";
    status.innerHTML = data.status;
    if (data.state === "done") { source.close(); window.location.assign(box.getAttribute("data-done")); }
    if (data.state === "failed") { source.close(); window.location.reload(); }
  };
  source.onerror = function () { source.close(); setTimeout(function () { window.location.reload(); }, 1000); };
}

function focusBanner() {
  var banner = document.querySelector(".banner[tabindex='-1']");
  if (banner) banner.focus();
}

document.addEventListener("DOMContentLoaded", function () {
  profileForm();
  buildProgress();
  focusBanner();
});
