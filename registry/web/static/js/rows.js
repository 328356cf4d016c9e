// "Add a row" on list forms: copies the last row with fresh, empty inputs and the next index in every name.
(function () {
  var button = document.getElementById("add-row");
  if (!button) return;
  button.addEventListener("click", function () {
    var body = document.querySelector("#member-rows tbody");
    var count = document.getElementById("row-count");
    var last = body.rows[body.rows.length - 1];
    var index = body.rows.length;
    var row = last.cloneNode(true);
    row.className = "";
    row.cells[0].textContent = String(index + 1);
    row.querySelectorAll(".field-error").forEach(function (e) { e.remove(); });
    row.querySelectorAll("[name]").forEach(function (input) {
      input.name = input.name.replace(/\.\d+\./, "." + index + ".");
      if (input.tagName === "SELECT") input.selectedIndex = 0; else input.value = "";
    });
    row.querySelectorAll("[id]").forEach(function (cell) { cell.id = cell.id.replace(/\.\d+\./, "." + index + "."); });
    body.appendChild(row);
    count.value = String(index + 1);
  });
})();
