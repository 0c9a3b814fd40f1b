// The plan page: an address naming an area (#area-12, as the indikator page's breadcrumb
// links) opens that area, whose rows then load.
(function () {
  "use strict";
  function openTarget() {
    var id = window.location.hash.slice(1);
    if (!/^area-\d+$/.test(id)) return;
    var area = document.getElementById(id);
    if (area && area.tagName === "DETAILS" && !area.open) area.open = true;
  }
  // After load, when htmx listens for the area's "toggle".
  window.addEventListener("load", openTarget);
  window.addEventListener("hashchange", openTarget);
})();
