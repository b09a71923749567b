// Seat time: while an enrolled learner's lesson is visible and in use, tell the server every
// few seconds. The server decides what counts (courses/services/reading_time.py): it credits at
// most the wall-clock time between two heartbeats and nothing for a hidden or idle page. This
// script only stays quiet when nobody is reading: a hidden tab, or no scroll, key or pointer
// within the idle cut-off.
(() => {
  "use strict";

  const note = document.querySelector("[data-seat-time]");
  if (!note || !window.fetch) return;
  const url = note.dataset.seatTime;
  const interval = (Number(note.dataset.seatTimeInterval) || 20) * 1000;
  const idle = (Number(note.dataset.seatTimeIdle) || 120) * 1000;
  const required = Number(note.dataset.seatTimeRequired) || 0;
  const csrf = note.dataset.csrf;

  let lastActivity = Date.now();
  let reading = false; // a reading spell is under way: the server has its first heartbeat
  let lastBeat = 0;

  const isVisible = () => document.visibilityState === "visible";
  const isActive = () => Date.now() - lastActivity < idle;

  function show(body) {
    if (!required || !body || typeof body.lesson_remaining_minutes !== "number") return;
    const left = body.lesson_remaining_minutes;
    note.hidden = false;
    note.textContent =
      left > 0
        ? `${left} minute${left === 1 ? "" : "s"} of reading time remain on this lesson.`
        : "You have spent the reading time this lesson asks for.";
  }

  function send(visible, active, { leaving = false } = {}) {
    const now = Date.now();
    const body = { visible, active };
    if (visible && active && lastBeat) body.seconds = Math.round((now - lastBeat) / 1000);
    lastBeat = visible && active ? now : 0;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: leaving,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    })
      .then((response) => (response.ok ? response.json() : null))
      .then(show)
      .catch(() => undefined);
  }

  function start() {
    if (reading || !isVisible()) return;
    reading = true;
    send(true, true);
  }

  function stop(options) {
    if (!reading) return;
    reading = false;
    send(isVisible(), false, options);
  }

  function tick() {
    if (!reading) return;
    if (isVisible() && isActive()) send(true, true);
    else stop();
  }

  function activity() {
    lastActivity = Date.now();
    start();
  }

  for (const type of ["scroll", "keydown", "pointerdown", "pointermove", "wheel", "touchstart"]) {
    window.addEventListener(type, activity, { passive: true });
  }
  document.addEventListener("visibilitychange", () => {
    if (isVisible()) activity();
    else stop({ leaving: true });
  });
  window.addEventListener("pagehide", () => stop({ leaving: true }));
  setInterval(tick, interval);
  start();
})();
