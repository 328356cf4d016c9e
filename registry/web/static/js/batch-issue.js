// 应发尽发 in batches: the list of rights without a certificate is sent a few at a time; the bar and the
// table show each right issued or refused (with its rule) as the answers come in.
(function () {
  var button = document.getElementById("issue-start");
  if (!button) return;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  button.addEventListener("click", function () {
    var items = JSON.parse(document.getElementById("waiting-items").textContent)
      .map(function (pair) { return { kind: pair[0], ref: pair[1] }; });
    var size = parseInt(button.dataset.batch, 10);
    var bar = document.querySelector("#issue-progress > div");
    var status = document.getElementById("issue-status");
    var body = document.querySelector("#issue-results tbody");
    document.getElementById("issue-box").hidden = false;
    button.disabled = true;
    var done = 0, ok = 0;
    function cell(text, cls) { var td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; return td; }
    function next(start) {
      if (start >= items.length) {
        status.textContent = status.dataset.done.replace("{ok}", ok).replace("{n}", items.length);
        document.getElementById("waiting-count").textContent = items.length - ok;
        document.getElementById("issue-reload").hidden = false;
        return;
      }
      fetch(button.dataset.url, { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ items: items.slice(start, start + size) }) })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          (data.results || []).forEach(function (res) {
            var issued = res.status < 400;  // a refusal is problem+json: status, rule, detail
            done += 1;
            if (issued) {
              ok += 1;
              var li = document.querySelector('#waiting-list li[data-ref="' + CSS.escape(res.ref) + '"]');
              if (li) li.remove();  // issued: no longer waiting
            }
            var tr = document.createElement("tr");
            if (!issued) tr.className = "flagged";
            tr.appendChild(cell(res.ref || "", "mono"));
            tr.appendChild(cell(issued ? res.serial : ((res.rule ? res.rule + " " : "") + res.detail)));
            body.appendChild(tr);
          });
          bar.style.width = (100 * done / items.length).toFixed(0) + "%";
          status.textContent = status.dataset.progress.replace("{done}", done).replace("{n}", items.length);
          next(start + size);
        });
    }
    next(0);
  });
})();
