// The art. 27 check (MEM-02) shown while the clerk types. It mirrors registry/membership/resolutions.py
// check_thresholds and the roster-size check, with exact integer arithmetic (a*3 >= b*2 is a/b >= 2/3).
// It only informs: the form is always sent, and the service decides.
(function () {
  var form = document.getElementById("resolution-form");
  if (!form) return;
  var panel = document.getElementById("threshold-check");
  var noticeDays = parseInt(form.dataset.noticeDays, 10);
  var onRoster = parseInt(form.dataset.onRoster, 10);

  function num(name) {
    var el = form.elements[name];
    var v = el && el.value.trim();
    return v && /^\d+$/.test(v) ? parseInt(v, 10) : null;
  }
  function day(name) {
    var el = form.elements[name];
    return el && el.value ? Date.parse(el.value + "T00:00:00Z") : null;
  }
  function show(key, ok, text) {
    var li = panel.querySelector('[data-check="' + key + '"]');
    if (!li) return null;
    li.className = ok === null ? "" : (ok ? "ok" : "no");
    li.querySelector(".v").textContent = (ok === null ? "—" : (ok ? "✓ " : "✗ ")) + (text || "");
    return ok;
  }
  function pct(a, b) { return b ? (100 * a / b).toFixed(1) + "%" : "—"; }

  function check() {
    var total = num("members_total"), capacity = num("members_with_capacity");
    var attended = num("attended"), votes = num("votes_for");
    var notice = day("notice_date"), meeting = day("meeting_date");
    var results = [];
    if (notice !== null && meeting !== null) {
      var days = Math.round((meeting - notice) / 86400000);
      results.push(show("notice", days >= noticeDays, days + " / " + noticeDays));
    } else results.push(show("notice", null));
    results.push(attended !== null && capacity ? show("quorum", attended * 3 >= capacity * 2,
      attended + " / " + capacity + " = " + pct(attended, capacity)) : show("quorum", null));
    results.push(votes !== null && total ? show("approval", votes * 3 >= total * 2,
      votes + " / " + total + " = " + pct(votes, total)) : show("approval", null));
    results.push(total !== null && attended !== null && votes !== null && capacity !== null
      ? show("counts", votes <= attended && attended <= total && capacity <= total, "") : show("counts", null));
    var body = form.elements["body"];
    results.push(show("body", body ? body.value === "assembly" : null, ""));
    results.push(total !== null ? show("roster", total >= onRoster, total + " / " + onRoster) : show("roster", null));
    var decided = results.filter(function (r) { return r !== null && r !== undefined; });
    var complete = decided.length === panel.querySelectorAll("[data-check]").length;
    var allOk = decided.every(function (r) { return r; });
    panel.querySelector('[data-when="ok"]').hidden = !(complete && allOk);
    panel.querySelector('[data-when="no"]').hidden = allOk;
  }
  form.addEventListener("input", check);
  form.addEventListener("change", check);
  check();
})();
