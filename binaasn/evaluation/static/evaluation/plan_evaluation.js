// Draws the charts of the plan evaluation page from the JSON the page carries in
// <script id="plan-evaluation-charts" type="application/json"> (no inline script:
// Content-Security-Policy). Each chart compares two series (planned and actual) per programme.
(function () {
  "use strict";

  var COLOURS = ["#9fc5e8", "#0b5394"];

  function draw() {
    var node = document.getElementById("plan-evaluation-charts");
    if (!node || !window.Chart) { return; }
    JSON.parse(node.textContent).forEach(function (chart) {
      var canvas = document.querySelector('canvas[data-chart="' + chart.id + '"]');
      if (!canvas) { return; }
      new window.Chart(canvas, {
        type: "bar",
        data: {
          labels: chart.labels,
          datasets: chart.datasets.map(function (set, index) {
            return { label: set.label, data: set.values, backgroundColor: COLOURS[index % 2] };
          })
        },
        options: {
          indexAxis: "y",
          aspectRatio: Math.max(0.6, 2 - chart.labels.length / 20),
          animation: false,
          scales: { x: { beginAtZero: true } }
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
