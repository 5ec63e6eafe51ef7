// Leaders' dashboard: the monthly trend chart (Chart.js, vendored). Data from the json_script element.
(function () {
  "use strict";
  var el = document.getElementById("du-lieu-xu-huong");
  var canvas = document.getElementById("bieu-do-xu-huong");
  if (!el || !canvas || typeof Chart === "undefined") { return; }
  var rows = JSON.parse(el.textContent);
  var vi = function (n) { return n === null || n === undefined ? "—" : Number(n).toLocaleString("vi-VN"); };
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: rows.map(function (r) { return r.label; }),
      datasets: [
        { label: "Đơn nhận", data: rows.map(function (r) { return r.p_received; }), backgroundColor: "#c9a0a0", yAxisID: "y" },
        { label: "Vụ việc thụ lý", data: rows.map(function (r) { return r.c_accepted; }), backgroundColor: "#7f9cc9", yAxisID: "y" },
        { label: "Vụ việc giải quyết xong", data: rows.map(function (r) { return r.c_resolved; }), backgroundColor: "#6aa58a", yAxisID: "y" },
        { label: "Xử lý đơn đúng hạn (%)", type: "line", data: rows.map(function (r) { return r.p_rate; }), borderColor: "#8b1a1a", backgroundColor: "#8b1a1a", yAxisID: "y2", tension: 0, spanGaps: true },
        { label: "Giải quyết đúng hạn (%)", type: "line", data: rows.map(function (r) { return r.c_rate; }), borderColor: "#1f5f3f", backgroundColor: "#1f5f3f", borderDash: [5, 4], yAxisID: "y2", tension: 0, spanGaps: true }
      ]
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: "Số đơn, số vụ việc" }, ticks: { callback: vi } },
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
