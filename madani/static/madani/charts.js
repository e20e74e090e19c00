// Every chart of Madani, drawn by one script with one palette (Chart.js, served from our static files).
// A chart is <canvas data-chart="ID"> and its data <script type="application/json" id="ID"> ({{ chart|json_script:"ID" }}):
//   {labels: [...], datasets: [{label, data: [...], key?}], stacked?, horizontal?, max?, axis?}
// A dataset's `key` fixes its colour wherever it is drawn: "female" and "male" (people.Gender) are the
// same two colours on the dashboard, the indicators and anywhere else; "baseline" is grey. Other
// datasets take the series colours in turn. `data-chart-fill` on the canvas: fill the height of its box.
// The same numbers are always in a table beside the chart (screen readers, printing, no JavaScript).
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var PALETTE = { female: "#d63384", male: "#0d6efd", baseline: "#adb5bd" };
  var SERIES = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#dc3545", "#6c757d", "#ffc107"];
  var rtl = document.documentElement.dir === "rtl";

  function colour(set, index) {
    return PALETTE[set.key] || SERIES[index % SERIES.length];
  }

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) { return; }
    var chart = JSON.parse(source.textContent);
    var value = { stacked: !!chart.stacked, beginAtZero: true, ticks: { precision: 0 } };
    if (chart.max !== undefined) { value.min = 0; value.max = chart.max; }
    if (chart.axis) { value.title = { display: true, text: chart.axis }; }
    var category = { stacked: !!chart.stacked };
    var across = chart.horizontal ? value : category;  // the axis along the page's reading direction
    var up = chart.horizontal ? category : value;
    across.reverse = rtl;
    up.position = rtl ? "right" : "left";
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (set, index) {
          return { label: set.label, data: set.data, backgroundColor: colour(set, index) };
        })
      },
      options: {
        indexAxis: chart.horizontal ? "y" : "x",
        maintainAspectRatio: !canvas.hasAttribute("data-chart-fill"),
        animation: false,  // old laptops and phones: draw once, at once
        locale: document.documentElement.lang,
        scales: { x: across, y: up },
        plugins: { legend: { rtl: rtl, position: "bottom", display: chart.datasets.length > 1 }, tooltip: { rtl: rtl } }
      }
    });
  });
})();
