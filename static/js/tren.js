// Draws the trend chart once htmx has loaded the trend panel, or at once on the trend's own
// page; the numbers are in the table too.
(function () {
  "use strict";
  // Each line takes the colour of its figure's progress bars (app.css, --warna-<figure>).
  function colour(key) {
    return getComputedStyle(document.documentElement).getPropertyValue("--warna-" + key).trim();
  }

  function draw(root) {
    var data = root.querySelector("#tren-data");
    var canvas = root.querySelector(".tren-grafik");
    if (!data || !canvas || !window.Chart || canvas.dataset.drawn) return;
    canvas.dataset.drawn = "1";
    var series = JSON.parse(data.textContent);
    var datasets = Object.keys(series.label).map(function (key) {
      return {
        label: series.label[key], data: series[key], borderColor: colour(key),
        backgroundColor: colour(key), spanGaps: true, pointRadius: 0, tension: 0.2
      };
    });
    new window.Chart(canvas, {
      type: "line",
      data: { labels: series.label_tanggal, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  document.body.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
  // The trend opened as a page of its own (without htmx): it is there already.
  draw(document);
})();
