// A select marked data-autosubmit submits its form when changed. An inline onchange handler would
// need the Content-Security-Policy to allow inline script; this file is served from our origin.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) {
    field.form.requestSubmit();
  }
});
