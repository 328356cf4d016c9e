// An import's page follows the job on the server: it polls the status URL, moves the bar, and reloads the
// page (which then shows the report) once the job has ended. No inline script: the CSP forbids it.
(function () {
  var box = document.getElementById("job-progress");
  if (!box || box.dataset.finished) return;
  var bar = document.getElementById("job-bar");
  var status = document.getElementById("job-status");
  var percent = document.getElementById("job-percent");
  var meter = box.querySelector("[role=progressbar]");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        var pct = Math.round(100 * (job.progress || 0));
        bar.style.width = pct + "%";
        percent.textContent = pct + "%";
        meter.setAttribute("aria-valuenow", pct);
        status.textContent = job.label;
        status.className = "badge s-" + job.status;
        if (job.finished) { window.location.reload(); } else { window.setTimeout(poll, 500); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 300);
})();
