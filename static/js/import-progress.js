// The bar of a question import running in the task worker (quizzes/admin/import_job.html):
// poll the job's progress and move the bar until the import has finished. Without JavaScript
// the page reloads itself instead.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector("[data-import-progress]");
  if (!box) return;
  const bar = box.querySelector("[data-import-bar]");
  const label = box.querySelector("[data-import-label]");
  const count = box.querySelector("[data-import-count]");
  const message = box.querySelector("[data-import-message]");
  const links = box.querySelector("[data-import-links]");
  const show = (job) => {
    bar.max = job.total;
    bar.value = job.checked;
    bar.textContent = `${job.checked} of ${job.total}`;
    label.textContent = job.label;
    count.textContent = job.status === "done"
      ? `${job.imported} of ${job.total} imported`
      : `${job.checked} of ${job.total} checked`;
    message.textContent = job.message;
    message.classList.toggle("help-critical", job.status === "failed");
    links.hidden = !job.finished;
    box.dataset.importStatus = job.status;
  };
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const job = await response.json();
        show(job);
        if (job.finished) return;
      }
    } catch (error) {
      // The server did not answer this time: the next poll tries again.
    }
    window.setTimeout(poll, 1000);
  };
  poll();
});
