// Small behaviours of every page, kept out of the markup (the Content-Security-Policy allows no
// inline script).
(function () {
  // The navbar logo: an office without one answers 404; show nothing rather than a broken image.
  document.querySelectorAll("img.zi-logo").forEach(function (img) {
    if (img.complete && !img.naturalWidth) img.remove();
    else img.addEventListener("error", function () { img.remove(); });
  });
  // An input whose text is copied into the fields named by data-salin-ke (the amendment reason
  // carried by every form of the editor).
  document.addEventListener("input", function (e) {
    const target = e.target.dataset && e.target.dataset.salinKe;
    if (target) document.querySelectorAll(target).forEach(function (el) { el.value = e.target.value; });
  });
  // A checkbox that checks or clears every box matched by data-centang-semua.
  document.addEventListener("click", function (e) {
    const boxes = e.target.dataset && e.target.dataset.centangSemua;
    if (boxes) document.querySelectorAll(boxes).forEach(function (c) { c.checked = e.target.checked; });
  });
})();
