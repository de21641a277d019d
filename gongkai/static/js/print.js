// The print view's 打印 button (CSP: no inline script). Without script the page still prints from the browser menu.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
