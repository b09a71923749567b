// Progressive enhancement for "Confirming your payment": poll the order's status and reload
// as soon as the enrolment exists (the page's meta refresh does the same without JavaScript).
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-status-url]");
  if (!box) return;
  const url = box.dataset.statusUrl;
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        if (data.enrolled || data.status !== "pending") {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // Offline for a moment: the next poll or the meta refresh tries again.
    }
    window.setTimeout(poll, 1500);
  };
  window.setTimeout(poll, 1000);
});
