// The plan editor: htmx swaps the editor after every change; the amendment reason typed so far
// is put back into the new copy of the field.
(function () {
  document.addEventListener("input", function (e) {
    if (e.target.id === "alasan") window.ziAlasan = e.target.value;
  });
  document.addEventListener("htmx:afterSwap", function () {
    const reason = document.getElementById("alasan");
    if (reason && window.ziAlasan) {
      reason.value = window.ziAlasan;
      reason.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
})();
