// Choosing parcels for a contract on the map: a click toggles a free parcel; the choice is sent as parcel_codes.
(function () {
  var el = document.getElementById("map");
  if (!el) return;
  var map = RegistryMap.make(el);
  var inputs = document.getElementById("parcel-inputs");
  var selected = new Set(Array.prototype.map.call(inputs.querySelectorAll("input"), function (i) { return i.value; }));
  var opts = { selected: selected, conflicts: JSON.parse(el.dataset.conflicts || "[]") };
  var layer;

  function render() {
    inputs.replaceChildren();
    var list = document.getElementById("chosen");
    list.replaceChildren();
    var area = 0;
    selected.forEach(function (code) {
      var input = document.createElement("input");
      input.type = "hidden"; input.name = "parcel_codes"; input.value = code;
      inputs.appendChild(input);
      var li = document.createElement("li");
      li.textContent = code;
      list.appendChild(li);
      var l = layer && layer.byCode[code];
      if (l) area += l.feature.properties.area_m2;
    });
    document.getElementById("chosen-count").textContent = selected.size;
    document.getElementById("chosen-area").textContent = area.toFixed(2);
    if (layer) layer.restyle();
  }

  opts.onClick = function (f) {
    var code = f.properties.code;
    if (selected.has(code)) selected.delete(code); else selected.add(code);
    render();
  };
  RegistryMap.load(map, el.dataset.url, opts).then(function (l) { layer = l; render(); });
})();
