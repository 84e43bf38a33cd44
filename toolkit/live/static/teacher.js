/* The teacher's screen, for the projector: how to join, the controls, the class's answers in aggregate.
   The secret from the teacher link is moved out of the address bar at once, so the projector never shows it. */
"use strict";

(function () {
  var L = window.Live;
  var TOKEN_KEY = "lessonkit-live-teacher";
  var socket = null;
  var refused = false;
  var retryDelay = 1000;
  var welcome = null;
  var state = null;
  var shownKey = "";
  var timer = L.countdown(0);

  function takeToken() {
    var match = /[#&]token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
    if (match) {
      try { window.sessionStorage.setItem(TOKEN_KEY, match[1]); } catch (e) { /* private mode */ }
      window.history.replaceState(null, "", window.location.pathname);
      return match[1];
    }
    try { return window.sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  var token = takeToken();

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function connectionNote(text) {
    var note = L.byId("connection");
    note.textContent = text;
    note.hidden = !text;
  }

  function refuse(text) {
    refused = true;
    connectionNote("");
    var problem = L.byId("refused");
    problem.textContent = text;
    problem.hidden = false;
    ["controls", "join-panel", "question-panel", "results-panel"].forEach(function (id) { L.show(id, false); });
    L.byId("heading").textContent = L.gettext("Teacher link needed");
  }

  function connect() {
    socket = new WebSocket(L.socketUrl("/ws/teacher"));
    socket.onopen = function () {
      retryDelay = 1000;
      send({ type: "hello", token: token });
    };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      (handlers[message.type] || function () {})(message);
    };
    socket.onclose = function () {
      socket = null;
      if (refused) return;
      connectionNote(L.gettext("Connection lost. Reconnecting…"));
      window.setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }

  var handlers = {
    "teacher-welcome": function (message) {
      welcome = message;
      connectionNote("");
      L.byId("lesson-title").textContent = message.title + " (" + message.audience + ")";
      document.title = L.gettext("Class quiz: {title}: teacher's screen", { title: message.title });
      var url = message.join_urls[0];
      L.byId("join-url").textContent = message.join_urls.join(" or ");
      L.byId("join-code").textContent = L.formatCode(message.code);
      L.byId("not-reachable").textContent = message.reach_problem;
      L.show("not-reachable", !!message.reach_problem);
      showQr(message.qr_svg, url);
      if (message.languages && message.languages.length > 1) {  // each name in its own language, for screen readers
        var sentence = L.gettext("Each pupil chooses their language on their own screen: {languages}.").split("{languages}");
        var line = L.clear(L.byId("join-languages"));
        line.appendChild(document.createTextNode(sentence[0]));
        message.languages.forEach(function (choice, position) {
          if (position) line.appendChild(document.createTextNode(", "));
          line.appendChild(L.el("span", { lang: choice.tag, text: choice.name }));
        });
        line.appendChild(document.createTextNode(sentence[1] || ""));
        L.show("join-languages", true);
      }
      L.renderHelp(L.byId("help-list"), message.help, 3);
      L.byId("end-text").textContent = message.pupils
        ? L.gettext("If anything in this lesson worries you, or something has happened to you or a friend, talk to someone. It is never too late to get help, and it is never your fault.")
        : L.gettext("If you are worried about a young person, or about anything in this session, these people can help.");
      L.show("join-panel", true);
      L.show("controls", true);
      if (message.export) {
        L.byId("saved-to").textContent = L.gettext("The class's totals (no names, no one's own answers) are saved to {file}.", { file: message.export });
      }
    },
    "teacher-state": function (message) {
      state = message;
      render();
    },
    error: function (message) {
      if (message.code === "unauthorised") {
        refuse(L.gettext("This page needs the teacher link that was printed when the quiz started (it ends with #token=…). Open that link on this computer."));
        return;
      }
      L.announce(message.message);
    },
  };

  function showQr(svgText, url) {
    var parsed = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
    if (parsed.nodeName.toLowerCase() !== "svg") return;
    var svg = document.importNode(parsed, true);
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", L.gettext("QR code: scan it to open {address} with the code filled in", { address: url }));
    svg.setAttribute("focusable", "false");
    L.clear(L.byId("qr")).appendChild(svg);
  }

  function counts() {
    var text = L.gettext("Joined: {joined} ({connected} connected now)", { joined: state.joined, connected: state.connected });
    if (state.phase === "question" || state.phase === "revealed") {
      text += ". " + (state.answered <= state.joined
        ? L.gettext("Answered: {answered} of {joined}", { answered: state.answered, joined: state.joined })
        : L.gettext("Answered: {answered}", { answered: state.answered }));
    }
    L.byId("counts").textContent = text + ".";
  }

  function nextLabel() {
    if (state.phase === "lobby") return L.gettext("Start the quiz");
    if (state.phase === "break") return L.gettext("Start the exit quiz");
    var q = state.question;
    if (!q) return L.gettext("Next");
    if (q.number === state.total) return L.gettext("Finish and show who can help");
    if (q.quiz === "starter" && q.position === q.quiz_length) return L.gettext("Finish the starter quiz");
    return L.gettext("Next question");
  }

  function render() {
    counts();
    if (welcome) L.byId("saved-to").hidden = !(welcome.export && (state.phase === "revealed" || state.phase === "ended"));
    var problem = L.byId("save-problem");
    problem.textContent = state.save_problem || "";
    problem.hidden = !state.save_problem;
    if (state.phase === "question") timer.update(state.time_left); else timer.stop();
    var q = state.question;
    var key = state.phase + (q ? ":" + q.number : "") + (state.results ? ":" + state.results.answered : "");
    if (key === shownKey) return;
    var newStage = key.split(":").slice(0, 2).join(":") !== shownKey.split(":").slice(0, 2).join(":");
    var before = document.activeElement;
    shownKey = key;
    var phase = state.phase;
    document.body.setAttribute("data-phase", phase);
    L.show("question-panel", phase === "question" || phase === "revealed");
    L.show("results-panel", phase === "revealed");
    L.show("end-panel", phase === "ended");
    L.show("join-panel", phase !== "ended");
    L.show("controls", phase !== "ended");
    L.show("next", phase !== "question");
    L.show("reveal", phase === "question");
    L.byId("next").textContent = nextLabel();
    L.show("question-options", phase === "question");
    var title, text = "";
    if (phase === "lobby") {
      title = L.gettext("Waiting for the class to join");
      text = L.gettext("Pupils open the address and type the code, or scan the QR code. Start when everyone is in.");
    } else if (phase === "question") {
      title = L.gettext("{quiz}: question {number} of {count}", { quiz: q.quiz_label, number: q.position, count: q.quiz_length });
      text = (q.type === "ordering" ? L.gettext("Pupils put these in order.") + " " : "") +
             L.gettext("Answers are private. The class's totals show when you show the answer.");
      showQuestion(q);
    } else if (phase === "revealed") {
      title = L.gettext("{quiz}: the answer to question {number}", { quiz: q.quiz_label, number: q.position });
      L.byId("question-text").textContent = q.text;
      showResults(q, state.results);
    } else if (phase === "break") {
      title = L.gettext("Starter quiz finished");
      text = L.gettext("Teach the lesson, then start the exit quiz. Pupils can keep the page open, or join again with the same code.");
    } else {
      title = L.gettext("Quiz finished");
      text = L.gettext("Thank you. You can stop the quiz with Ctrl+C in the terminal window.");
    }
    L.byId("heading").textContent = title;
    L.byId("stage-text").textContent = text;
    if (newStage) L.announce(title);
    keepFocus(before);
  }

  /* A button that just disappeared must not take the keyboard focus with it. */
  function keepFocus(before) {
    if (!before || before === document.body || !before.closest("[hidden]")) return;
    if (state.phase === "ended") L.byId("heading").focus();
    else (state.phase === "question" ? L.byId("reveal") : L.byId("next")).focus();
  }

  function showQuestion(q) {
    L.byId("question-text").textContent = q.text;
    var list = L.clear(L.byId("question-options"));
    list.className = "shown-options" + (q.type === "ordering" ? " ordering" : "");
    q.options.forEach(function (option, position) {
      list.appendChild(L.el("li", {}, [
        q.type === "ordering" ? null : L.el("span", { className: "letter", text: L.letter(position) + "." }),
        " " + option.text,
      ]));
    });
  }

  function percent(count, answered) {
    return answered ? Math.round((100 * count) / answered) : 0;
  }

  function showResults(q, results) {
    var chart = L.clear(L.byId("chart"));
    var summary;
    if (results.hidden) {
      summary = L.gettext("{answered} answered. The totals show once at least {minimum} have answered, so no one's answer can be picked out.",
                          { answered: results.answered, minimum: results.minimum });
    } else if (q.type === "ordering") {
      summary = L.gettext("{answered} answered. {right} put every item in the right place.", { answered: results.answered, right: results.all_correct });
    } else {
      summary = L.gettext("{answered} answered. {right} got it fully right.", { answered: results.answered, right: results.all_correct });
    }
    L.byId("results-summary").textContent = summary;
    var rows = q.type === "ordering"
      ? q.correct_order.map(function (item, position) { return { index: item.index, text: item.text, label: (position + 1) + ".", correct: true }; })
      : q.options.map(function (option, position) { return { index: option.index, text: option.text, label: L.letter(position) + ".", correct: option.correct }; });
    var feedback = {};
    q.options.forEach(function (o) { feedback[o.index] = o.feedback; });
    rows.forEach(function (row) {
      var count = results.counts[row.index];
      var share = percent(count, results.answered);
      var item = L.el("li", { className: "bar-row" + (row.correct ? " correct" : "") }, [
        L.el("p", { className: "bar-label" }, [L.el("span", { className: "letter", text: row.label }), " " + row.text + " "]),
      ]);
      /* The verdict sits with the count, so an option's text keeps its line on a projector. */
      var bar = [q.type === "ordering" ? null : L.el("span", { className: "tag " + (row.correct ? "right" : "wrong"), text: row.correct ? "✓ " + L.gettext("Correct answer") : "✗ " + L.gettext("Not correct") })];
      if (!results.hidden) {
        var fill = L.el("span", { className: "bar-fill" });
        fill.style.width = share + "%";
        bar.push(L.el("span", { className: "bar-track", "aria-hidden": "true" }, [fill]),
                 L.el("span", { className: "bar-value", text: q.type === "ordering"
                   ? L.gettext("{count} of {answered} ({share}%) in the right place", { count: count, answered: results.answered, share: share })
                   : L.gettext("{count} of {answered} ({share}%)", { count: count, answered: results.answered, share: share }) }));
      }
      item.appendChild(L.el("div", { className: "bar" }, bar));
      item.appendChild(L.el("p", { className: "feedback", text: feedback[row.index] }));
      chart.appendChild(item);
    });
    L.byId("teaching-point").textContent = L.gettext("Remember: {point}", { point: q.teaching_point });
  }

  L.byId("next").addEventListener("click", function () { send({ type: "command", action: "next" }); });
  L.byId("reveal").addEventListener("click", function () { send({ type: "command", action: "reveal" }); });
  L.byId("end").addEventListener("click", function () {
    if (window.confirm(L.gettext("End the quiz now for everyone? Pupils will see who can help."))) send({ type: "command", action: "end" });
  });

  if (!token) {
    refuse(L.gettext("This page needs the teacher link that was printed when the quiz started (it ends with #token=…). Open that link on this computer."));
  } else {
    connect();
  }
})();
