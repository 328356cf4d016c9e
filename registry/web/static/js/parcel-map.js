// The parcel map page: click-to-card, draw a new parcel (Geoman), and bulk import with progress.
(function () {
  var el = document.getElementById("map");
  if (!el) return;
  var T = RegistryMap.text("map-text");
  var map = RegistryMap.make(el);
  var conflicts = JSON.parse(el.dataset.conflicts || "[]");
  var card = document.getElementById("parcel-card");
  var geometryField = document.getElementById("i-geometry");

  // Current parcels come from the vector tiles; a click asks the OGC API for the parcel's card.
  function showCard(f, tileProps) {
    var p = f.properties, b = p.boundaries || {}, contract = tileProps ? tileProps.contract : p.contract;
    RegistryTiles.card(card, p.code, [
      [T.name, p.name], [T.category, T.categories[p.category] || p.category],
      [T.land_class, T.land_classes[p.land_class] || p.land_class],
      [T.area, p.area_m2.toFixed(2) + " m² · " + p.area_mu.toFixed(2) + " " + T.mu],
      [T.basic_farmland, p.basic_farmland ? T.yes : T.no],
      [T.contract, contract ? { href: T.contract_url.replace("CODE", contract), text: contract } : T.free],
      [T.east, b.east], [T.south, b.south], [T.west, b.west], [T.north, b.north]]);
  }

  var parcels, tileOpts = { conflicts: conflicts, selected: el.dataset.focus || null };
  function reload() {
    if (parcels) map.removeLayer(parcels);
    parcels = RegistryTiles.layer(map, el.dataset.tiles, tileOpts);
    var focus = el.dataset.focus;
    if (focus) {
      RegistryTiles.item(el.dataset.item.replace("CODE", focus)).then(function (f) {
        if (!f) return;
        map.fitBounds(L.geoJSON(f).getBounds(), { maxZoom: 19, padding: [60, 60] });
        showCard(f, null);
      });
    }
  }
  reload();
  function open(code, props) {
    tileOpts.selected = code;
    parcels.redraw();
    RegistryTiles.item(el.dataset.item.replace("CODE", code)).then(function (f) { if (f) showCard(f, props); });
  }
  map.on("click", function (e) {
    if (map.pm.globalDrawModeEnabled()) return;
    var props = parcels.pick(e.latlng);
    if (props) open(props.code, props);
  });
  var search = document.getElementById("parcel-search");
  if (search) {
    RegistrySearch({ root: search, url: search.dataset.url, onPick: function (item) {
      RegistrySearch.flyTo(map, item.bbox);
      open(item.code, { contract: item.contract });
    } });
  }

  // Drawing: one polygon at a time; its GeoJSON goes into the form's geometry field.
  var drawn = null;
  map.pm.setLang("zh");
  map.pm.addControls({ position: "topleft", drawMarker: false, drawCircleMarker: false, drawPolyline: false,
    drawRectangle: true, drawPolygon: true, drawCircle: false, drawText: false, cutPolygon: false,
    rotateMode: false, dragMode: false });
  function sync() { geometryField.value = drawn ? JSON.stringify(drawn.toGeoJSON().geometry) : ""; }
  map.on("pm:create", function (e) {
    if (drawn) map.removeLayer(drawn);
    drawn = e.layer;
    drawn.on("pm:edit", sync);
    sync();
  });
  map.on("pm:remove", function (e) { if (e.layer === drawn) { drawn = null; sync(); } });
  if (geometryField.value) {
    try {
      drawn = L.geoJSON(JSON.parse(geometryField.value), { style: { color: "#b5651d", weight: 3 } }).addTo(map);
      map.fitBounds(drawn.getBounds(), { maxZoom: 19 });
    } catch (err) { /* a pasted text that is not GeoJSON: the service names the problem */ }
  }

  // Bulk import: the file is read here and sent in batches; each parcel is registered or refused on its own.
  var fileInput = document.getElementById("import-file");
  var button = document.getElementById("import-start");
  if (!fileInput) return;
  button.addEventListener("click", function () {
    var file = fileInput.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data;
      try { data = JSON.parse(reader.result); } catch (err) { alert(T.not_json); return; }
      var features = data.type === "FeatureCollection" ? data.features : [data];
      run(features, parseInt(el.dataset.batch, 10));
    };
    reader.readAsText(file);
  });

  function run(features, size) {
    var bar = document.querySelector("#import-progress > div");
    var status = document.getElementById("import-status");
    var body = document.querySelector("#import-results tbody");
    while (body.firstChild) body.removeChild(body.firstChild);
    document.getElementById("import-box").hidden = false;
    button.disabled = true;
    var done = 0, ok = 0;
    function next(start) {
      if (start >= features.length) {
        status.textContent = T.import_done.replace("{ok}", ok).replace("{n}", features.length);
        button.disabled = false;
        reload();
        return;
      }
      var batch = features.slice(start, start + size);
      fetch(el.dataset.importUrl, { method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": RegistryMap.csrf() },
        body: JSON.stringify({ features: batch }) })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          (data.results || []).forEach(function (res, i) {
            var registered = res.status < 400;  // a refusal is problem+json: status, rule, detail
            done += 1;
            if (registered) ok += 1;
            var tr = document.createElement("tr");
            tr.className = registered ? "" : "flagged";
            var cells = [String(start + i + 1), res.code || ""];
            cells.forEach(function (text, k) {
              var td = document.createElement("td");
              if (k === 1) td.className = "mono";
              td.textContent = text;
              tr.appendChild(td);
            });
            var td = document.createElement("td");
            if (registered) {
              td.textContent = T.registered + " · " + res.area_m2.toFixed(2) + " m²";
            } else {
              var rule = document.createElement("span");
              rule.className = "rule-id";
              rule.textContent = res.rule || "";
              td.appendChild(rule);
              td.appendChild(document.createTextNode(" " + (res.detail || "") +
                (res.conflicts && res.conflicts.length ? " (" + res.conflicts.join(", ") + ")" : "")));
            }
            tr.appendChild(td);
            body.appendChild(tr);
          });
          bar.style.width = (100 * done / features.length).toFixed(0) + "%";
          status.textContent = T.import_progress.replace("{done}", done).replace("{n}", features.length);
          next(start + size);
        });
    }
    next(0);
  }
})();
