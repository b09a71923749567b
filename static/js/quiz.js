// Progressive enhancement for a quiz attempt: autosave each answer as it is given, a
// countdown, and a keyboard-movable hotspot marker. The page works without this file.
(() => {
  "use strict";

  // One save in flight at a time: saves reach the server in the order they were given, and a
  // page never holds several write locks on the attempt at once.
  let saveQueue = Promise.resolve();

  const csrfToken = (form) => form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function fieldsOf(fieldset) {
    const fields = {};
    for (const input of fieldset.querySelectorAll("input[name], select[name], textarea[name]")) {
      if (!(input.name in fields)) fields[input.name] = [];
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) continue;
      fields[input.name].push(input.value);
    }
    return fields;
  }

  function autosave(form, fieldset) {
    const note = fieldset.querySelector(".question__saved");
    const question = Number(fieldset.dataset.question);
    // Replies can arrive out of order: only the latest request may write the note.
    const ticket = (Number(fieldset.dataset.saveTicket) || 0) + 1;
    fieldset.dataset.saveTicket = String(ticket);
    const isLatest = () => Number(fieldset.dataset.saveTicket) === ticket;
    note.textContent = "Saving…";
    const body = JSON.stringify({ question, fields: fieldsOf(fieldset) });
    const send = () =>
      fetch(form.dataset.autosaveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) },
        body,
      });
    const request = saveQueue.then(send, send);
    saveQueue = request.catch(() => undefined);
    return request
      .then((response) => response.json().then((body) => ({ ok: response.ok, body })))
      .then(({ ok, body }) => {
        if (!isLatest()) return;
        if (ok) {
          const at = new Date(body.saved_at);
          // The site's one clock (config/formats: "H:i"), not the browser's "1:28:10 PM".
          const clock = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
          note.textContent = `Saved at ${at.toLocaleTimeString(document.documentElement.lang, clock)}.`;
        } else {
          note.textContent = body.error || "Not saved.";
          if (body.closed) window.location.reload();
        }
      })
      .catch(() => {
        if (!isLatest()) return;
        note.textContent = "Not saved: check your connection. Your answer will be sent with the form.";
      });
  }

  function debounce(fn, wait) {
    let timer;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), wait);
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

  function setupTimer(element) {
    const deadline = new Date(element.dataset.deadline);
    const out = element.querySelector(".quiz-timer");
    let lastAnnounced = null;
    const tick = () => {
      const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
      const minutes = Math.ceil(left / 60);
      if (minutes !== lastAnnounced) {
        out.textContent = left > 0 ? ` (${minutes} minute${minutes === 1 ? "" : "s"} left)` : " (time is up)";
        lastAnnounced = minutes;
      }
      if (left <= 0) {
        clearInterval(timer);
        window.location.reload();  // the server closes the attempt with the saved answers
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector(".quiz-form[data-autosave-url]");
    if (!form) return;
    for (const fieldset of form.querySelectorAll("fieldset[data-question]")) {
      const save = () => autosave(form, fieldset);
      const saveSoon = debounce(save, 600);
      fieldset.addEventListener("change", save);
      fieldset.addEventListener("input", (event) => {
        if (event.target.matches("input[type=text], textarea")) saveSoon();
      });
      const hotspot = fieldset.querySelector("[data-hotspot]");
      if (hotspot) setupHotspot(hotspot, saveSoon);
    }
    const deadline = document.querySelector(".quiz-deadline[data-deadline]");
    if (deadline) setupTimer(deadline);
    form.addEventListener("submit", (event) => {
      const button = event.submitter;
      if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  });
})();
