// Warn before leaving an article's form with changes that are not saved (saving, previewing or taking a workflow
// step, each a submit of the form, is not leaving), and stop a save the site would refuse as too large.
(function () {
  "use strict";
  var form = document.getElementById("article_form");
  if (!form) return;
  var changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("change", function () { changed = true; });
  // A live count beside the summary, which search engines and lists cut at its limit.
  var summary = document.getElementById("id_summary");
  if (summary && summary.dataset.limit) {
    var counter = document.createElement("p");
    counter.className = "summary-counter";
    counter.setAttribute("aria-live", "polite");
    summary.insertAdjacentElement("afterend", counter);
    var count = function () {
      var over = summary.value.length - Number(summary.dataset.limit);
      counter.textContent = summary.value.length + " of " + summary.dataset.limit + " characters" +
        (over > 0 ? ": " + over + " too many" : "");
      counter.classList.toggle("errornote", over > 0);
    };
    summary.addEventListener("input", count);
    count();
  }
  var tooLarge = document.getElementById("save-too-large");
  form.addEventListener("submit", function (event) {
    // A save over the site's limit would be refused unread: say so here, where the text still is.
    var limit = tooLarge && Number(tooLarge.dataset.limit);
    if (limit && new URLSearchParams(new FormData(form)).toString().length > limit) {
      event.preventDefault();
      tooLarge.hidden = false;
      tooLarge.scrollIntoView();
      return;
    }
    changed = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!changed) return;
    event.preventDefault();
    event.returnValue = "";
  });
})();
