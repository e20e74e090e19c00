// Indicators: the bar chart of an indicator's disaggregated figure (data from json_script).
(function () {
  "use strict";
  var data = document.getElementById("indicator-chart-data");
  var canvas = document.getElementById("indicator-chart");
  if (!data || !canvas || !window.Chart) { return; }
  var chart = JSON.parse(data.textContent);
  var rtl = document.documentElement.dir === "rtl";
  var colors = ["#0d6efd", "#d63384", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d", "#ffc107"];
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: chart.labels,
      datasets: chart.datasets.map(function (set, index) {
        return { label: set.label, data: set.data, backgroundColor: colors[index % colors.length] };
      })
    },
    options: {
      maintainAspectRatio: false,
      animation: false,  // old laptops and phones: draw once, at once
      locale: document.documentElement.lang,
      scales: { x: { reverse: rtl }, y: { beginAtZero: true, position: rtl ? "right" : "left", ticks: { precision: 0 } } },
      plugins: { legend: { rtl: rtl, position: "bottom", display: chart.datasets.length > 1 }, tooltip: { rtl: rtl } }
    }
  });
})();
