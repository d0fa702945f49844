// Draws the charts of a questionnaire's results page from the JSON the page carries in
// <script id="survey-charts" type="application/json"> (no inline script: Content-Security-Policy).
(function () {
  "use strict";

  function draw() {
    var node = document.getElementById("survey-charts");
    if (!node || !window.Chart) { return; }
    JSON.parse(node.textContent).forEach(function (chart) {
      var canvas = document.querySelector('canvas[data-chart="' + chart.id + '"]');
      if (!canvas) { return; }
      var valueAxis = chart.horizontal ? "x" : "y";
      var scales = {};
      scales[valueAxis] = { beginAtZero: true, ticks: { precision: 0 } };
      if (chart.max) { scales[valueAxis].max = chart.max; }
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: [{ label: chart.label, data: chart.values, backgroundColor: "#0b5394" }]
        },
        options: {
          indexAxis: chart.horizontal ? "y" : "x",
          aspectRatio: chart.horizontal ? Math.max(1, 3 - chart.labels.length / 6) : 2,
          animation: false,
          plugins: { legend: { display: false } },
          scales: scales
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
