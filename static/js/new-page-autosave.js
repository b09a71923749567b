/*
 * No autosave on Wagtail's "add page" form (authoring/wagtail_hooks.py loads this in the editor).
 *
 * Wagtail 8 autosaves the create form: the first autosave creates the page. A "Save draft"
 * pressed while that request is on its way posts the create form a second time, and fails
 * with "The slug ... is already in use"; a form abandoned after typing leaves a real draft.
 * Here the page is created only by the author's own Save (or Publish, or Submit); from then on
 * the edit form autosaves as usual.
 */
(function () {
  "use strict";
  function pause() {
    document.querySelectorAll("form[data-edit-form]").forEach(function (form) {
      if (/\/pages\/add\//.test(form.getAttribute("action") || "")) {
        form.setAttribute("data-w-autosave-active-value", "false");
      }
    });
  }
  // Stimulus reads the value at each save, so switching it off now is enough; and any save
  // the controller starts on a create form before this ran is cancelled.
  document.addEventListener("w-autosave:save", function (event) {
    var form = event.target;
    if (form && /\/pages\/add\//.test(form.getAttribute("action") || "")) {
      event.preventDefault();
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", pause);
  } else {
    pause();
  }
})();
