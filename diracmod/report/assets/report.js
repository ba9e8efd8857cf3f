// diracmod report: charts (Chart.js, shipped beside this file) and the sortable, filterable tables.
"use strict";
(function () {
  var COLORS = {"ported": "#1a7f37", "fixable": "#0550ae", "blocked-import": "#8250df", "manual": "#9a6700",
                "blocked-dependency": "#cf222e", "syntax-error": "#24292f"};
  var SERIES = ["#0550ae", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#24292f", "#bc4c00", "#116329"];

  function charts() {
    var node = document.getElementById("chart-data");
    if (!node || typeof Chart === "undefined") { return; }
    var data = JSON.parse(node.textContent);
    var colors = data.keys.map(function (k) { return COLORS[k]; });
    [["chart-modules", data.modules], ["chart-lines", data.lines]].forEach(function (pair) {
      new Chart(document.getElementById(pair[0]), {
        type: "doughnut",
        data: {labels: data.labels, datasets: [{data: pair[1], backgroundColor: colors}]},
        options: {animation: false, maintainAspectRatio: false, plugins: {legend: {position: "right", maxWidth: 240}}}
      });
    });
    if (data.systems && data.systems.length) {
      new Chart(document.getElementById("chart-systems"), {
        type: "bar",
        data: {
          labels: data.systems.map(function (s) { return s.name; }),
          datasets: [["modules", "% of modules ported", COLORS.ported], ["lines", "% of lines ported", COLORS.fixable]]
            .map(function (series) {
              return {label: series[1], backgroundColor: series[2],
                      data: data.systems.map(function (s) { return s[series[0]] === null ? null : Math.round(1000 * s[series[0]]) / 10; })};
            })
        },
        options: {animation: false, maintainAspectRatio: false, indexAxis: "y",
                  scales: {x: {min: 0, max: 100, title: {display: true, text: "% ported"}}}}
      });
    }
    if (data.history && data.history.length) {
      var group = document.getElementById("history-group");
      var drawn = [];
      var draw = function () {
        var key = group ? group.value : "systems";  // per system, or per owner when the rows have owners
        drawn.forEach(function (chart) { chart.destroy(); });
        drawn = [["chart-history", "modules not ported", function (n) { return n.todo; }],
                 ["chart-history-lines", "lines not ported", function (n) { return n.lines - n.ported_lines; }]]
          .map(function (chart) { return burndown(chart, data.history, key); });
      };
      draw();
      if (group) { group.addEventListener("change", draw); }
    }
  }

  function burndown(chart, history, key) {
    var seen = {};
    history.forEach(function (row) { Object.keys(row[key] || {}).forEach(function (s) { seen[s] = true; }); });
    var names = Object.keys(seen).sort();
    return new Chart(document.getElementById(chart[0]), {
      type: "line",
      data: {
        labels: history.map(function (row) { return row.label; }),
        datasets: names.map(function (s, i) {
          return {label: s, borderColor: SERIES[i % SERIES.length], backgroundColor: SERIES[i % SERIES.length],
                  data: history.map(function (row) { var n = (row[key] || {})[s]; return n ? chart[2](n) : null; })};
        })
      },
      options: {animation: false, maintainAspectRatio: false, scales: {y: {beginAtZero: true,
                title: {display: true, text: chart[1]}}}}
    });
  }

  function sortable(table) {
    var buttons = table.querySelectorAll("th button");
    buttons.forEach(function (button, column) {
      button.addEventListener("click", function () {
        var th = button.parentNode;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var number = button.dataset.type === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var cellIndex = th.cellIndex;
        rows.sort(function (a, b) {
          var x = a.cells[cellIndex], y = b.cells[cellIndex];
          var result = number ? parseFloat(x.dataset.value) - parseFloat(y.dataset.value)
                              : x.textContent.trim().localeCompare(y.textContent.trim());
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function filters() {
    var text = document.getElementById("module-filter"), status = document.getElementById("status-filter");
    var table = document.getElementById("modules"), count = document.getElementById("module-count");
    if (!table) { return; }
    function apply() {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean), wanted = status.value, shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var haystack = row.dataset.search.toLowerCase();
        var visible = (!wanted || row.dataset.status === wanted) &&
                      words.every(function (w) { return haystack.indexOf(w) !== -1; });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      count.textContent = shown + " modules";
    }
    text.addEventListener("input", apply);
    status.addEventListener("change", apply);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("table.sortable").forEach(sortable);
    filters();
    charts();
  });
})();
