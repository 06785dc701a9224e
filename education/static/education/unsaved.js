// Warn before leaving an article's form with changes that are not saved. Saving, previewing or taking a
// workflow step (each a submit of the form) is not leaving.
(function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form) return;
  var changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("change", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
