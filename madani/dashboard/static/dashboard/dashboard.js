// Dashboard charts: every <canvas data-chart="id"> is drawn from the JSON in <script id="id">
// (labels, datasets, stacked). The same numbers are in the table under each chart.
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var rtl = document.documentElement.dir === "rtl";
  var colors = ["#d63384", "#0d6efd", "#198754"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) { return; }
    var chart = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (set, index) {
          return { label: set.label, data: set.data, backgroundColor: colors[index % colors.length] };
        })
      },
      options: {
        animation: false,  // old laptops and phones: draw once, at once
        locale: document.documentElement.lang,
        scales: { x: { stacked: chart.stacked, reverse: rtl },
                  y: { stacked: chart.stacked, beginAtZero: true, position: rtl ? "right" : "left" } },
        plugins: { legend: { rtl: rtl, position: "bottom", display: chart.datasets.length > 1 }, tooltip: { rtl: rtl } }
      }
    });
  });
})();
