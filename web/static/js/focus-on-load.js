// After a form comes back with errors, or a confirmation step is shown, a keyboard or
// screen-reader user starts where the page asks something of them, not at the top.
document.addEventListener("DOMContentLoaded", () => {
  const target = document.querySelector(".toelating-error-summary, [data-focus-on-load]");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
});
