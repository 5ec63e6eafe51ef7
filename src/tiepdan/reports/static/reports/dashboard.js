// Leaders' dashboard: the monthly trend chart (Chart.js, vendored). Data from the json_script element.
(function () {
  "use strict";
  var el = document.getElementById("du-lieu-xu-huong");
  var canvas = document.getElementById("bieu-do-xu-huong");
  if (!el || !canvas || typeof Chart === "undefined") { return; }
  var rows = JSON.parse(el.textContent);
  var names = JSON.parse(document.getElementById("nhan-bieu-do").textContent);  // translated on the server
  var locale = document.documentElement.lang === "en" ? "en-GB" : "vi-VN";
  var vi = function (n) { return n === null || n === undefined ? "—" : Number(n).toLocaleString(locale); };
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: rows.map(function (r) { return r.label; }),
      datasets: [
        { label: names.received, data: rows.map(function (r) { return r.p_received; }), backgroundColor: "#c9a0a0", yAxisID: "y" },
        { label: names.accepted, data: rows.map(function (r) { return r.c_accepted; }), backgroundColor: "#7f9cc9", yAxisID: "y" },
        { label: names.resolved, data: rows.map(function (r) { return r.c_resolved; }), backgroundColor: "#6aa58a", yAxisID: "y" },
        { label: names.p_rate, type: "line", data: rows.map(function (r) { return r.p_rate; }), borderColor: "#8b1a1a", backgroundColor: "#8b1a1a", yAxisID: "y2", tension: 0, spanGaps: true },
        { label: names.c_rate, type: "line", data: rows.map(function (r) { return r.c_rate; }), borderColor: "#1f5f3f", backgroundColor: "#1f5f3f", borderDash: [5, 4], yAxisID: "y2", tension: 0, spanGaps: true }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: names.axis }, ticks: { callback: vi } },
        y2: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: "%" } }
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + vi(c.parsed.y); } } }
      },
      onClick: function (evt, items) {
        if (items.length) { window.location.href = rows[items[0].index].url; }
      }
    }
  });
})();
