// The printable checklist's one script: show the print button, which would
// do nothing without JavaScript, and print the page when it is pressed.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
