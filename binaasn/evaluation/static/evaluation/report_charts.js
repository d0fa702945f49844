// Draws the charts of the evaluation report pages from the JSON the page carries in
// <script id="evaluation-report-charts" type="application/json"> (no inline script:
// Content-Security-Policy). The tables of the page give the same figures.
(function () {
  "use strict";

  var COLOURS = ["#9fc5e8", "#0b5394"];

  function draw() {
    var node = document.getElementById("evaluation-report-charts");
    if (!node || !window.Chart) { return; }
    JSON.parse(node.textContent).forEach(function (chart) {
      var canvas = document.querySelector('canvas[data-chart="' + chart.id + '"]');
      if (!canvas) { return; }
      var many = chart.datasets.length > 1;
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: chart.datasets.map(function (set, index) {
            return {
              label: set.label,
              data: set.values,
              backgroundColor: many ? COLOURS[index % 2] : COLOURS[1]
            };
          })
        },
        options: {
          aspectRatio: 2,
          animation: false,
          plugins: { legend: { display: many } },
          scales: { y: { beginAtZero: true, max: chart.max || undefined } }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
