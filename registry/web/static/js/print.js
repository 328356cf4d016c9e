// "Print" buttons: any button with data-print prints the page (no inline handlers: the CSP forbids them).
(function () {
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
