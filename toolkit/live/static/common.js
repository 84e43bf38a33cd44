/* Shared by the pupil and teacher pages: building elements safely, announcing, showing help contacts.
   Text from the server is always set with textContent, never parsed as HTML. */
"use strict";

window.Live = (function () {
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  /* Polite announcements for screen readers; clearing first makes a repeated message heard again. */
  function announce(text) {
    var region = byId("announce");
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function show(id, visible) {
    byId(id).hidden = !visible;
  }

  function letter(position) {
    return String.fromCharCode(65 + position);
  }

  function telHref(number) {
    return "tel:" + number.replace(/[^0-9+]/g, "");
  }

  function way(label, value, href) {
    if (!value) return null;
    var content = href ? el("a", { href: href, rel: "noopener noreferrer", target: href.indexOf("http") === 0 ? "_blank" : null, text: value }) : value;
    return el("li", {}, [label ? el("span", { className: "way-label", text: label + " " }) : null, content]);
  }

  /* A message in the quiz's language (words.js, written by the server from the catalogue), or the
     English message itself; {name} fields are filled from `values`. */
  function gettext(message, values) {
    var text = (window.LiveWords && window.LiveWords[message]) || message;
    return text.replace(/\{(\w+)\}/g, function (field, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : field;
    });
  }

  /* One card per contact: school first, then local, then national (the server sends them in that order). */
  function renderHelp(list, contacts, headingLevel) {
    clear(list);
    contacts.forEach(function (contact) {
      var labels = contact.labels || {};  // worded by the server, as in every other format
      var ways = el("ul", { className: "ways" }, [
        way(labels.where_to_find, contact.where_to_find),
        way(labels.phone, contact.phone, contact.phone ? telHref(contact.phone) : null),
        way(labels.textphone, contact.textphone),
        way(labels.text, contact.text),
        way(labels.url, contact.url ? contact.url.replace(/^https?:\/\//, "").replace(/\/$/, "") : "", contact.url),
        way(labels.email, contact.email, contact.email ? "mailto:" + contact.email : null),
        way(labels.hours, contact.hours),
      ]);
      list.appendChild(el("li", { className: "contact" }, [
        el("h" + headingLevel, { text: contact.name }),
        el("p", { text: contact.purpose }),
        ways.childNodes.length ? ways : null,
        contact.for_whom ? el("p", { className: "for-whom", text: contact.for_whom }) : null,
        contact.nations_note ? el("p", { className: "for-whom", text: contact.nations_note }) : null,
      ]));
    });
  }

  function socketUrl(path) {
    return "ws://" + window.location.host + path;
  }

  function formatCode(code) {
    return code.slice(0, 3) + " " + code.slice(3);
  }

  // The optional question timer in #timer. `announceAt`: seconds left to read out (pupils), or 0.
  function countdown(announceAt) {
    var end = 0;
    var tick = null;

    function showLeft() {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      var timer = byId("timer");
      timer.hidden = false;
      timer.textContent = left > 0 ? gettext("Time left: {seconds} seconds", { seconds: left }) : gettext("Time is up");
      if (announceAt && left === announceAt) announce(gettext("{seconds} seconds left.", { seconds: announceAt }));
    }

    function stop() {
      if (tick) window.clearInterval(tick);
      tick = null;
      byId("timer").hidden = true;
    }

    function update(seconds) {
      if (seconds === undefined) { stop(); return; }
      end = Date.now() + seconds * 1000;
      if (!tick) tick = window.setInterval(showLeft, 1000);
      showLeft();
    }

    return { update: update, stop: stop };
  }

  return {
    el: el, clear: clear, byId: byId, announce: announce, show: show, letter: letter, gettext: gettext,
    renderHelp: renderHelp, socketUrl: socketUrl, formatCode: formatCode, countdown: countdown,
  };
})();
