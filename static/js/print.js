// Shows "Print this page" buttons only where scripts run; without scripts the page explains the browser's print
// option instead, so the summary can always be printed.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
