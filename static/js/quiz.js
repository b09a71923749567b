// Progressive enhancement for a quiz attempt: autosave each answer as it is given, a live
// "N of M answered" counter and question panel, flags, a countdown that speaks only at 10, 5
// and 1 minutes left (or when asked), and a keyboard-movable hotspot marker. The page works
// without this file: every button posts the form, which the server saves.
(() => {
  "use strict";

  // One save in flight at a time: saves reach the server in the order they were given, and a
  // page never holds several write locks on the attempt at once.
  let saveQueue = Promise.resolve();
  let inFlight = 0;
  // Once the form is being sent (Next, Previous, a question in the panel, Submit), nothing a
  // late autosave reply says may reload the page or navigate: the form's own POST wins.
  let submitting = false;
  const pendingTimers = new Set();
  const controllers = new Set();

  const csrfToken = (form) => form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function fieldsOf(fieldset) {
    const fields = {};
    for (const input of fieldset.querySelectorAll("input[name], select[name], textarea[name]")) {
      if (input.dataset.flag !== undefined) continue;
      if (!(input.name in fields)) fields[input.name] = [];
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) continue;
      fields[input.name].push(input.value);
    }
    return fields;
  }

  // The one polite live region for saving: it speaks once per settled change, never "Saving…".
  function announceSave(text) {
    const region = document.querySelector("[data-save-status]");
    if (!region || region.textContent === text) return;
    region.textContent = text;
  }

  function updateNavigation(question, answered, flagged) {
    const button = document.querySelector(`[data-nav-question="${question}"]`);
    if (!button) return;
    button.classList.toggle("is-answered", answered);
    button.classList.toggle("is-flagged", flagged);
    const flag = button.querySelector(".quiz-nav__flag");
    if (flag) flag.textContent = flagged ? "⚑" : "";
    const state = button.querySelector("[data-nav-state]");
    if (state) state.textContent = `: ${answered ? "answered" : "not answered"}${flagged ? ", flagged" : ""}`;
  }

  function autosave(form, fieldset) {
    if (submitting) return Promise.resolve();
    const note = fieldset.querySelector(".question__saved");
    const question = Number(fieldset.dataset.question);
    const flag = fieldset.querySelector("[data-flag]");
    // Replies can arrive out of order: only the latest request may write the note.
    const ticket = (Number(fieldset.dataset.saveTicket) || 0) + 1;
    fieldset.dataset.saveTicket = String(ticket);
    const isLatest = () => Number(fieldset.dataset.saveTicket) === ticket;
    if (note) note.textContent = "Saving…";
    const payload = { question, fields: fieldsOf(fieldset) };
    if (flag) payload.flagged = flag.checked;
    const body = JSON.stringify(payload);
    const controller = new AbortController();
    const send = () => {
      if (submitting) return Promise.reject(new DOMException("aborted", "AbortError"));
      controllers.add(controller);
      return fetch(form.dataset.autosaveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) },
        body,
        signal: controller.signal,
      });
    };
    inFlight += 1;
    const request = saveQueue.then(send, send);
    saveQueue = request.catch(() => undefined);
    return request
      .then((response) => response.json().then((reply) => ({ ok: response.ok, reply })))
      .then(({ ok, reply }) => {
        if (submitting || !isLatest()) return;
        if (ok) {
          const at = new Date(reply.saved_at);
          // The site's one clock (config/formats: "H:i"), not the browser's "1:28:10 PM".
          const clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
          if (note) note.textContent = `Saved at ${at.toLocaleTimeString(document.documentElement.lang, clock)}.`;
          const count = document.querySelector("[data-answered-count]");
          if (count) count.textContent = String(reply.answered_count);
          updateNavigation(question, reply.answered, reply.flagged);
          announceSave(`Question ${question} saved. ${reply.answered_count} answered.`);
        } else {
          const text = reply.error || "Not saved.";
          if (note) note.textContent = text;
          announceSave(`Question ${question} not saved: ${text}`);
          if (reply.closed) window.location.reload();
        }
      })
      .catch((error) => {
        if (submitting || !isLatest() || error.name === "AbortError") return;
        const text = "Not saved: check your connection. Your answer will be sent with the form.";
        if (note) note.textContent = text;
        announceSave(`Question ${question}: ${text}`);
      })
      .finally(() => {
        inFlight -= 1;
        controllers.delete(controller);
      });
  }

  function debounce(fn, wait) {
    let timer;
    return (...args) => {
      clearTimeout(timer);
      pendingTimers.delete(timer);
      timer = setTimeout(() => {
        pendingTimers.delete(timer);
        fn(...args);
      }, wait);
      pendingTimers.add(timer);
    };
  }

  function setupHotspot(root, onMove) {
    const area = root.querySelector(".hotspot__area");
    const marker = root.querySelector(".hotspot__marker");
    const live = root.querySelector(".hotspot__position");
    const [xInput, yInput] = root.querySelectorAll(".hotspot__fields input");
    if (!area || !marker || !xInput || !yInput) return;
    // The number fields stay: they are the way to answer without a pointer or this script.
    marker.hidden = false;
    let x = xInput.value === "" ? 50 : Number(xInput.value);
    let y = yInput.value === "" ? 50 : Number(yInput.value);
    const placed = xInput.value !== "";

    function draw(announce) {
      marker.style.left = `${x}%`;
      marker.style.top = `${y}%`;
      if (announce) live.textContent = `Marker at ${Math.round(x)}% across, ${Math.round(y)}% down.`;
    }
    function place(newX, newY) {
      x = Math.min(100, Math.max(0, newX));
      y = Math.min(100, Math.max(0, newY));
      xInput.value = x.toFixed(1);
      yInput.value = y.toFixed(1);
      draw(true);
      onMove();
    }
    area.addEventListener("click", (event) => {
      if (event.target === marker) return;
      const box = area.getBoundingClientRect();
      place(((event.clientX - box.left) / box.width) * 100, ((event.clientY - box.top) / box.height) * 100);
      marker.focus();
    });
    marker.addEventListener("keydown", (event) => {
      const step = event.shiftKey ? 5 : 1;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      place(x + move[0], y + move[1]);
    });
    for (const input of [xInput, yInput]) {
      input.addEventListener("input", () => {
        if (xInput.value === "" || yInput.value === "") return;
        x = Math.min(100, Math.max(0, Number(xInput.value)));
        y = Math.min(100, Math.max(0, Number(yInput.value)));
        draw(true);
      });
    }
    draw(false);
    if (!placed) live.textContent = "No point chosen yet: move the marker with the arrow keys, or click the image.";
  }

  const WARNINGS = [10, 5, 1]; // minutes left at which the timer speaks on its own

  function timeLeftText(seconds) {
    if (seconds <= 0) return "Time is up.";
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"} left.`;
  }

  function setupTimer(element, form) {
    const deadline = new Date(element.dataset.deadline);
    const display = element.querySelector("[data-timer-display]");
    const announce = element.querySelector("[data-timer-announce]");
    const button = element.querySelector("[data-time-left]");
    const secondsLeft = () => Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    const spoken = new Set(WARNINGS.filter((m) => secondsLeft() <= m * 60)); // already past
    const say = (text) => {
      // A fresh node each time, so the same words said twice are still announced.
      announce.textContent = "";
      window.setTimeout(() => { announce.textContent = text; }, 50);
    };
    if (button) {
      button.hidden = false;
      button.addEventListener("click", () => say(timeLeftText(secondsLeft())));
    }
    let shown = "";
    const tick = () => {
      const left = secondsLeft();
      const text = timeLeftText(left);
      if (text !== shown) {
        display.textContent = text; // visible, not live: it would speak every minute
        shown = text;
      }
      for (const minutes of WARNINGS) {
        if (left <= minutes * 60 && left > 0 && !spoken.has(minutes)) {
          spoken.add(minutes);
          say(`${minutes} minute${minutes === 1 ? "" : "s"} left.`);
        }
      }
      if (left <= 0) {
        clearInterval(timer);
        say("Time is up.");
        // The server closes the attempt with the saved answers; a form already on its way wins.
        if (!submitting) {
          submitting = true;
          form.requestSubmit(form.querySelector("button[name=save], button[name=next]") || undefined);
        }
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
  }

  // Waits for the saves already sent (a reply that arrives late then changes nothing), and
  // drops the ones not yet sent: the form carries every answer on the page.
  function flushSaves() {
    for (const timer of pendingTimers) clearTimeout(timer);
    pendingTimers.clear();
    if (inFlight === 0) return Promise.resolve();
    const patience = new Promise((resolve) => {
      window.setTimeout(() => {
        for (const controller of controllers) controller.abort();
        resolve();
      }, 8000);
    });
    return Promise.race([saveQueue, patience]);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector(".quiz-form[data-autosave-url]");
    if (!form) return;
    for (const fieldset of form.querySelectorAll("fieldset[data-question]")) {
      const save = () => autosave(form, fieldset);
      const saveSoon = debounce(save, 800);
      fieldset.addEventListener("change", (event) => {
        if (event.target.matches("input[type=text], input[type=number], textarea")) saveSoon();
        else save();
      });
      fieldset.addEventListener("input", (event) => {
        if (event.target.matches("input[type=text], textarea")) saveSoon();
      });
      const hotspot = fieldset.querySelector("[data-hotspot]");
      if (hotspot) setupHotspot(hotspot, saveSoon);
    }
    // A question on this page: the panel moves focus to it instead of posting the form.
    for (const button of form.querySelectorAll("[data-nav-question]")) {
      button.addEventListener("click", (event) => {
        const target = document.getElementById(`q${button.dataset.navQuestion}`);
        if (!target || !button.classList.contains("is-current")) return;
        event.preventDefault();
        target.scrollIntoView({ block: "start" });
        target.focus();
      });
    }
    const deadline = document.querySelector(".quiz-deadline[data-deadline]");
    if (deadline) setupTimer(deadline, form);
    form.addEventListener("submit", (event) => {
      const button = event.submitter;
      if (form.dataset.flushed === "1") return; // the saves are settled: let it go
      if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
        event.preventDefault();
        return;
      }
      submitting = true;
      if (inFlight === 0 && pendingTimers.size === 0) return;
      event.preventDefault();
      flushSaves().then(() => {
        form.dataset.flushed = "1";
        // In a later task: while this submit event is still being dispatched (its microtasks
        // run before it ends), the browser ignores a new requestSubmit().
        window.setTimeout(() => form.requestSubmit(button || undefined), 0);
      });
    });
  });
})();
