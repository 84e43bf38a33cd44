/* The pupil's page: join with the code, answer by tapping, see the answer, see who can help.
   The only thing stored is the id the server gave this browser, so a reconnect keeps its place. */
"use strict";

(function () {
  var L = window.Live;
  var STORE = "lessonkit-live-pupil";
  var LANGUAGE_STORE = "lessonkit-live-language";  // this pupil's own choice, kept when a code is forgotten
  var languages = window.LiveLanguages || null;  // only when pupils choose their language
  var speaking = document.documentElement.lang;
  var switching = false;    // a language chosen while joined: the server's welcome again is not news
  var relabel = false;      // redraw what is on screen in the new language, keeping the pupil's place
  var socket = null;
  var wanted = null;        // the code to join with, while joining or joined
  var automatic = false;    // joining with a remembered code: a stale one is forgotten quietly
  var joined = false;
  var retryDelay = 1000;
  var state = null;
  var shownKey = "";
  var mine = null;          // {question, choice} as the server holds it
  var pending = null;       // sent but not yet acknowledged
  var order = [];           // ordering questions: option indices in the pupil's current order
  var moved = false;        // the pupil has moved an item since the order was last sent or shown
  var timer = L.countdown(10);

  function remembered() {
    try { return JSON.parse(window.localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }

  function remember(code, pupil) {
    try { window.localStorage.setItem(STORE, JSON.stringify({ code: code, pupil: pupil })); } catch (e) { /* private mode */ }
  }

  function forget() {
    try { window.localStorage.removeItem(STORE); } catch (e) { /* private mode */ }
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  }

  function connectionNote(text) {
    var note = L.byId("connection");
    note.textContent = text;
    note.hidden = !text;
  }

  function connect() {
    socket = new WebSocket(L.socketUrl("/ws"));
    socket.onopen = function () {
      retryDelay = 1000;
      send({ type: "join", code: wanted, pupil: remembered().pupil || null, language: speaking });
    };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      (handlers[message.type] || function () {})(message);
    };
    socket.onclose = function (event) {
      socket = null;
      if (event.code === 4001) {  // this pupil opened the quiz in another tab: that one carries on
        wanted = null;
        joined = false;
        connectionNote(L.gettext("This quiz is open in another tab or window. Reload this page to use it here instead."));
        return;
      }
      if (!wanted) return;
      if (joined) {
        connectionNote(L.gettext("Connection lost. Reconnecting…"));
        L.announce(L.gettext("Connection lost. Reconnecting."));
      }
      window.setTimeout(function () { if (wanted && !socket) connect(); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }

  function joinWith(code, isAutomatic) {
    wanted = code;
    automatic = isAutomatic;
    L.byId("join-button").disabled = true;
    connectionNote(L.gettext("Joining…"));
    if (socket && socket.readyState === WebSocket.OPEN) {
      send({ type: "join", code: code, pupil: remembered().pupil || null, language: speaking });
    } else if (!socket) {
      connect();
    }
  }

  function codeProblem(text) {
    var problem = L.byId("code-error");
    var input = L.byId("code");
    problem.textContent = text;
    problem.hidden = !text;
    if (text) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    if (text) input.focus();
  }

  var handlers = {
    welcome: function (message) {
      joined = true;
      remember(wanted, message.pupil);
      connectionNote("");
      codeProblem("");
      L.byId("lesson-title").textContent = message.title;
      document.title = L.gettext("Class quiz: {title}", { title: message.title });
      L.renderHelp(L.byId("help-list"), message.help, 3);
      L.byId("end-text").textContent = message.pupils
        ? L.gettext("Thank you for taking part. If anything from today worries you, or something has happened to you or a friend, talk to someone you trust. It is never too late to get help, and it is never your fault.")
        : L.gettext("Thank you for taking part. If you are worried about a young person, these people can help.");
      L.show("help", true);
      relabel = true;  // a reconnect or another language: what is on screen is drawn again, focus kept
      if (!switching) L.announce(L.gettext("You have joined the quiz."));
      switching = false;
    },
    state: function (message) {
      state = message;
      render();
    },
    answer: function (message) {
      mine = { question: message.question, choice: message.choice };
      if (pending && pending.question === message.question) pending = null;
      if (state && state.phase === "question" && state.question.number === message.question) {
        syncInputs();
        var ordering = state.question.type === "ordering";
        savedNote(!message.choice.length ? L.gettext("You have no answer chosen.")
          : ordering ? L.gettext("Your order is saved. You can change it until the answers are shown.")
          : L.gettext("Your answer is saved. You can change it until the answers are shown."));
        L.announce(message.choice.length ? L.gettext("Answer saved.") : L.gettext("Answer removed."));
      } else if (state && state.phase === "revealed") {
        buildReveal(state.question);
      }
    },
    error: function (message) {
      if (["wrong-code", "full"].indexOf(message.code) >= 0 || (!joined && message.code === "bad-message")) {
        var rejoining = joined;  // the server restarted with a new code while this page was open
        var quietly = automatic && message.code === "wrong-code";
        joined = false;
        wanted = null;
        if (quietly || rejoining) forget();
        L.byId("join-button").disabled = false;
        connectionNote("");
        if (rejoining) {
          shownKey = "";
          showOnly("join-view");
          heading(L.gettext("Join the class quiz"));
          codeProblem(L.gettext("This quiz has finished or restarted. Type the code your teacher shows now."));
        } else {
          codeProblem(quietly ? "" : message.message);
        }
        return;
      }
      if (message.code === "queued") {  // many wrong codes from this network: ours is checked in turn
        connectionNote(L.gettext("Checking your code… {message}", { message: message.message }));
        return;
      }
      if (message.code === "slow-down" && pending) {
        var again = pending;
        window.setTimeout(function () { if (pending === again) send(again.message); }, 1500);
        return;
      }
      if (message.code === "closed" || message.code === "invalid") {
        pending = null;
        savedNote(message.message);
        L.announce(message.message);
      }
    },
  };

  function savedNote(text) {
    var note = L.byId("saved");
    note.textContent = text;
    note.hidden = !text;
  }

  function showOnly(view) {
    ["join-view", "wait-view", "question-view", "reveal-view", "end-view"].forEach(function (id) {
      L.show(id, id === view);
    });
  }

  var moveFocus = true;

  function heading(text) {
    var h1 = L.byId("heading");
    h1.textContent = text;
    if (moveFocus) h1.focus();
  }

  function render() {
    var q = state.question;
    var key = state.phase + (q ? ":" + q.number : "");
    if (state.phase === "question") timer.update(state.time_left);
    else timer.stop();
    if (state.phase === "question" && pending && pending.question === q.number) send(pending.message);
    if (key === shownKey && !relabel) return;
    var same = key === shownKey;  // the same screen again (another language, a reconnect): keep the pupil's place
    moveFocus = !same;
    relabel = false;
    shownKey = key;
    if (state.phase === "lobby") {
      showOnly("wait-view");
      L.byId("wait-text").textContent = L.gettext("Waiting for your teacher to start the quiz.");
      heading(L.gettext("You are in the quiz"));
    } else if (state.phase === "question") {
      buildQuestion(q, same);
      showOnly("question-view");
      heading(L.gettext("{quiz}: question {number} of {count}", { quiz: q.quiz_label, number: q.position, count: q.quiz_length }));
      if (!same && state.time_left !== undefined) L.announce(L.gettext("You have {seconds} seconds.", { seconds: state.time_left }));
    } else if (state.phase === "revealed") {
      buildReveal(q);
      showOnly("reveal-view");
      heading(L.gettext("{quiz}: the answer to question {number}", { quiz: q.quiz_label, number: q.position }));
    } else if (state.phase === "break") {
      showOnly("wait-view");
      L.byId("wait-text").textContent = L.gettext("The exit quiz comes later in the lesson. You can keep this page open.");
      heading(L.gettext("That is the end of the starter quiz"));
    } else if (state.phase === "ended") {
      showOnly("end-view");
      heading(L.gettext("Thank you"));
      L.show("help", true);
    }
    moveFocus = true;
  }

  function mineFor(number) {
    return mine && mine.question === number ? mine.choice : null;
  }

  /* `same`: the question was on screen already (drawn again in another language, or after a reconnect):
     what the pupil has ticked or put in order and not yet sent stays as it is. */
  function buildQuestion(q, same) {
    var ticked = same ? Array.prototype.map.call(document.querySelectorAll("#options input:checked"),
      function (input) { return Number(input.value); }) : null;
    L.byId("question-text").textContent = q.text;
    L.byId("hint").textContent = q.hint;
    savedNote("");
    var options = L.clear(L.byId("options"));
    var ordering = q.type === "ordering";
    L.show("send-order", ordering);
    var stored = mineFor(q.number);
    if (ordering) {
      var unsent = same && order.length === q.options.length && (!stored || order.join() !== stored.join());
      if (!unsent) {
        order = stored ? stored.slice() : q.options.map(function (o) { return o.index; });
        moved = false;
      }
      renderOrder(q, null);
      if (unsent && moved) savedNote(L.gettext("Not sent yet: choose Send my order when you are happy with it."));
      else if (stored) savedNote(L.gettext("Your order is saved. You can change it until the answers are shown."));
      return;
    }
    var type = q.type === "multiple" ? "checkbox" : "radio";
    var list = L.el("div", { className: "choices" });
    q.options.forEach(function (option, position) {
      var input = L.el("input", { type: type, name: "answer", value: String(option.index), id: "option-" + option.index });
      input.addEventListener("change", function () { sendChoice(q); });
      list.appendChild(L.el("label", { className: "choice", for: "option-" + option.index }, [
        input, L.el("span", { className: "letter", text: L.letter(position) + "." }),
        L.el("span", { className: "choice-text", text: option.text }),
      ]));
    });
    options.appendChild(list);
    if (ticked) {
      Array.prototype.forEach.call(document.querySelectorAll("#options input"), function (input) {
        input.checked = ticked.indexOf(Number(input.value)) >= 0;
      });
      if (stored && !pending) savedNote(L.gettext("Your answer is saved. You can change it until the answers are shown."));
    } else {
      syncInputs();
    }
  }

  function sendChoice(q) {
    var choice = Array.prototype.slice.call(document.querySelectorAll("#options input:checked"))
      .map(function (input) { return Number(input.value); });
    var message = { type: "answer", question: q.number, choice: choice };
    pending = { question: q.number, message: message };
    savedNote(L.gettext("Sending…"));
    send(message);
  }

  function syncInputs() {
    if (!state || !state.question) return;
    var choice = mineFor(state.question.number);
    if (!choice || (pending && pending.question === state.question.number)) return;
    if (state.question.type === "ordering") {
      order = choice.slice();
      renderOrder(state.question, null);
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("#options input"), function (input) {
      input.checked = choice.indexOf(Number(input.value)) >= 0;
    });
  }

  function textOf(q, index) {
    for (var i = 0; i < q.options.length; i++) if (q.options[i].index === index) return q.options[i].text;
    return "";
  }

  function renderOrder(q, focusAfter) {
    var options = L.clear(L.byId("options"));
    var list = L.el("ol", { className: "order" });
    order.forEach(function (index, position) {
      var text = textOf(q, index);
      var up = L.el("button", { type: "button", className: "move", text: L.gettext("Move up"), "aria-label": L.gettext("Move up: {item}", { item: text }), disabled: position === 0 });
      var down = L.el("button", { type: "button", className: "move", text: L.gettext("Move down"), "aria-label": L.gettext("Move down: {item}", { item: text }), disabled: position === order.length - 1 });
      up.addEventListener("click", function () { move(q, position, -1); });
      down.addEventListener("click", function () { move(q, position, 1); });
      up.dataset.index = down.dataset.index = String(index);
      up.dataset.direction = "up";
      down.dataset.direction = "down";
      list.appendChild(L.el("li", { className: "order-item" }, [
        L.el("span", { className: "order-text", text: text }), L.el("span", { className: "moves" }, [up, down]),
      ]));
    });
    options.appendChild(list);
    if (focusAfter) {
      var buttons = list.querySelectorAll('button[data-index="' + focusAfter.index + '"]');
      var wanted = Array.prototype.filter.call(buttons, function (b) { return b.dataset.direction === focusAfter.direction && !b.disabled; })[0];
      (wanted || Array.prototype.filter.call(buttons, function (b) { return !b.disabled; })[0]).focus();
    }
  }

  function move(q, position, step) {
    var target = position + step;
    if (target < 0 || target >= order.length) return;
    var index = order[position];
    order[position] = order[target];
    order[target] = index;
    moved = true;
    renderOrder(q, { index: index, direction: step < 0 ? "up" : "down" });
    savedNote(L.gettext("Not sent yet: choose Send my order when you are happy with it."));
    L.announce(L.gettext("{item} is now number {number} of {count}.", { item: textOf(q, index), number: target + 1, count: order.length }));
  }

  function sendOrder() {
    var q = state.question;
    moved = false;
    var message = { type: "answer", question: q.number, choice: order.slice() };
    pending = { question: q.number, message: message };
    savedNote(L.gettext("Sending…"));
    send(message);
  }

  function tag(text, kind) {
    return L.el("span", { className: "tag " + kind, text: text });
  }

  function buildReveal(q) {
    L.byId("reveal-question").textContent = q.text;
    L.byId("teaching-point").textContent = L.gettext("Remember: {point}", { point: q.teaching_point });
    var body = L.clear(L.byId("reveal-body"));
    var choice = mineFor(q.number);
    var feedback = {};
    q.options.forEach(function (o) { feedback[o.index] = o.feedback; });
    if (q.type === "ordering") {
      body.appendChild(L.el("h3", { text: L.gettext("The right order") }));
      var list = L.el("ol", { className: "answers" });
      q.correct_order.forEach(function (item, position) {
        var placed = choice ? choice[position] === item.index : false;
        list.appendChild(L.el("li", { className: "answer" }, [
          L.el("p", { className: "answer-text", text: item.text }),
          choice ? tag(placed ? L.gettext("You put this in the right place") : L.gettext("You put this somewhere else"), placed ? "yours" : "other") : null,
          L.el("p", { className: "feedback", text: feedback[item.index] }),
        ]));
      });
      body.appendChild(list);
    } else {
      var answers = L.el("ul", { className: "answers" });
      q.options.forEach(function (option, position) {
        var chosen = choice ? choice.indexOf(option.index) >= 0 : false;
        answers.appendChild(L.el("li", { className: "answer" + (option.correct ? " correct" : "") }, [
          L.el("p", { className: "answer-text" }, [L.el("span", { className: "letter", text: L.letter(position) + "." }), " " + option.text]),
          L.el("p", { className: "tags" }, [
            tag(option.correct ? "✓ " + L.gettext("Correct answer") : "✗ " + L.gettext("Not correct"), option.correct ? "right" : "wrong"),
            chosen ? tag(L.gettext("Your answer"), "yours") : null,
          ]),
          L.el("p", { className: "feedback", text: option.feedback }),
        ]));
      });
      body.appendChild(answers);
    }
    if (!choice) body.appendChild(L.el("p", { text: L.gettext("You did not answer this one. That is fine.") }));
  }

  /* This pupil's language, when the quiz offers a choice: the page's words, its fixed texts and its
     `lang` change in place; the server sends the question, feedback and contacts again in that language.
     A language the quiz does not offer (an old choice, say) is ignored. */
  function chooseLanguage(tag, chosenNow) {
    if (!languages || !Object.prototype.hasOwnProperty.call(languages.words, tag)) return;
    if (chosenNow) {
      try { window.localStorage.setItem(LANGUAGE_STORE, tag); } catch (e) { /* private mode */ }
    }
    Array.prototype.forEach.call(document.querySelectorAll("#languages input"), function (input) {
      input.checked = input.value === tag;
    });
    if (tag === speaking) return;
    speaking = tag;
    window.LiveWords = languages.words[tag];
    document.documentElement.lang = tag;
    var fixed = languages.fixed[tag] || {};
    Object.keys(fixed).forEach(function (id) {
      var node = L.byId(id);
      if (!node || (joined && (id === "page-title" || id === "lesson-title" || id === "heading"))) return;
      if (fixed[id].label !== undefined) node.setAttribute("aria-label", fixed[id].label);
      if (fixed[id].text !== undefined) node.textContent = fixed[id].text;
    });
    if (joined && socket && socket.readyState === WebSocket.OPEN) {
      switching = true;
      send({ type: "language", language: tag });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("#languages input"), function (input) {
    input.addEventListener("change", function () { if (input.checked) chooseLanguage(input.value, true); });
  });
  try { chooseLanguage(window.localStorage.getItem(LANGUAGE_STORE), false); } catch (e) { /* private mode */ }

  L.byId("join-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var code = L.byId("code").value.replace(/[\s-]/g, "");
    if (!/^[0-9]{6}$/.test(code)) {
      codeProblem(L.gettext("Enter the 6 numbers of the code, for example 123 456."));
      return;
    }
    codeProblem("");
    joinWith(code, false);
  });
  L.byId("send-order").addEventListener("click", sendOrder);
  L.byId("answer-form").addEventListener("submit", function (event) { event.preventDefault(); });

  var fromLink = /[#&]code=([0-9]{6})/.exec(window.location.hash);
  if (fromLink) {
    window.history.replaceState(null, "", window.location.pathname);
    L.byId("code").value = L.formatCode(fromLink[1]);
    joinWith(fromLink[1], false);
  } else if (remembered().code) {
    joinWith(remembered().code, true);
  }
})();
