// Choosing parcels for a contract: on the map (a click toggles a free parcel, drawn from the vector tiles) or in
// the searchable, paged list beside it (a tick). Both show the same choice, which is sent as parcel_codes.
(function () {
  var el = document.getElementById("map");
  if (!el) return;
  var T = RegistryMap.text("map-text");
  var map = RegistryMap.make(el);
  var inputs = document.getElementById("parcel-inputs");
  var selected = new Set(Array.prototype.map.call(inputs.querySelectorAll("input"), function (i) { return i.value; }));
  var areas = {};  // code → m², from the list or the parcel's OGC item
  var layer = RegistryTiles.layer(map, el.dataset.tiles,
    { selected: selected, conflicts: JSON.parse(el.dataset.conflicts || "[]") });
  var search;

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
      area += areas[code] || 0;
    });
    document.getElementById("chosen-count").textContent = selected.size;
    document.getElementById("chosen-area").textContent = area.toFixed(2);
    if (search) {
      search.list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = selected.has(box.value);
      });
    }
    layer.redraw();
  }

  function loadArea(code) {
    if (areas[code] !== undefined) return;
    RegistryTiles.item(el.dataset.item.replace("CODE", code)).then(function (f) {
      if (f) { areas[code] = f.properties.area_m2; render(); }
    });
  }

  function toggle(code) {
    if (selected.has(code)) selected.delete(code); else selected.add(code);
    loadArea(code);
    render();
  }

  map.on("click", function (e) {
    var props = layer.pick(e.latlng);
    if (props && !props.contract) toggle(props.code);
  });

  search = RegistrySearch({
    root: document.getElementById("parcel-search"), url: document.getElementById("parcel-search").dataset.url,
    onPick: function (item) { RegistrySearch.flyTo(map, item.bbox); },
    row: function (item, li) {
      areas[item.code] = item.area_m2;
      var box = document.createElement("input");
      box.type = "checkbox"; box.value = item.code; box.className = "pick";
      box.checked = selected.has(item.code);
      box.title = T.choose;
      if (item.contract) {
        box.disabled = true;
        var held = document.createElement("span");
        held.className = "muted small";
        held.textContent = " " + T.held.replace("CODE", item.contract);
        li.appendChild(held);
      }
      box.addEventListener("change", function () { toggle(item.code); });
      li.insertBefore(box, li.firstChild);
    }
  });
  selected.forEach(loadArea);  // a refused form's choice
  render();
})();
