// The printable checklist's script: show the print button, which would do
// nothing without JavaScript, and print the page when it is pressed. The
// button's place is kept while it is hidden (visibility, not display), so
// showing it moves nothing.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.classList.add("ready");
  button.addEventListener("click", function () { window.print(); });
});
