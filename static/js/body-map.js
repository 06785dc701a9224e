// The body map beside "Where did the pain start?": tapping a place ticks its answer, and the picture shades the
// answer ticked. The radio buttons stay the way to answer by keyboard or screen reader.
(function () {
  "use strict";
  document.querySelectorAll(".body-map--interactive").forEach(function (map) {
    var form = map.closest("form");
    if (!form) return;
    var radios = function () { return form.querySelectorAll('input[name="start_location"]'); };
    function show() {
      var chosen = form.querySelector('input[name="start_location"]:checked');
      map.querySelectorAll("[data-value]").forEach(function (place) {
        place.classList.toggle("is-chosen", Boolean(chosen) && place.dataset.value === chosen.value);
      });
    }
    map.querySelectorAll("[data-value]").forEach(function (place) {
      place.addEventListener("click", function () {
        radios().forEach(function (radio) {
          if (radio.value === place.dataset.value) {
            radio.checked = true;
            radio.dispatchEvent(new Event("change", { bubbles: true }));
          }
        });
      });
    });
    form.addEventListener("change", show);
    show();
    map.dataset.ready = "true";
  });
})();
