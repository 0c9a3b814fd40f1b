// Draws the trend chart once htmx has loaded the trend panel; the numbers are in the table too.
(function () {
  "use strict";
  var colours = { terkumpul: "#f0ad4e", terverifikasi: "#198754", tepat_waktu: "#0d6efd", langkah: "#6f42c1" };

  function draw(root) {
    var data = root.querySelector("#tren-data");
    var canvas = root.querySelector(".tren-grafik");
    if (!data || !canvas || !window.Chart || canvas.dataset.drawn) return;
    canvas.dataset.drawn = "1";
    var series = JSON.parse(data.textContent);
    var datasets = Object.keys(colours).map(function (key) {
      return {
        label: series.label[key], data: series[key], borderColor: colours[key],
        backgroundColor: colours[key], spanGaps: true, pointRadius: 0, tension: 0.2
      };
    });
    new window.Chart(canvas, {
      type: "line",
      data: { labels: series.tanggal, datasets: datasets },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }

  document.body.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
