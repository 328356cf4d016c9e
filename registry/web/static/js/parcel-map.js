// The parcel map page: click-to-card, draw a new parcel (Geoman), and bulk import with progress.
(function () {
  var el = document.getElementById("map");
  if (!el) return;
  var T = RegistryMap.text("map-text");
  var map = RegistryMap.make(el);
  var conflicts = JSON.parse(el.dataset.conflicts || "[]");
  var card = document.getElementById("parcel-card");
  var geometryField = document.getElementById("i-geometry");

  // The card is built from DOM nodes with textContent: no user text is ever parsed as HTML.
  function node(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined) n.textContent = text;
    if (cls) n.className = cls;
    return n;
  }
  function blank(v) { return v === null || v === undefined || v === "" ? "—" : String(v); }

  function showCard(f) {
    var p = f.properties, b = p.boundaries || {};
    var dl = node("dl");
    function row(label, value) {
      dl.appendChild(node("dt", label));
      var dd = node("dd");
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = blank(value);
      dl.appendChild(dd);
    }
    row(T.name, p.name); row(T.category, p.category_label); row(T.land_class, p.land_class_label);
    row(T.area, p.area_m2.toFixed(2) + " m² · " + p.area_mu.toFixed(4) + " " + T.mu);
    row(T.basic_farmland, p.basic_farmland ? T.yes : T.no);
    if (p.contract) {
      var a = node("a", p.contract, "mono");
      a.href = T.contract_url.replace("CODE", encodeURIComponent(p.contract));
      row(T.contract, a);
    } else row(T.contract, T.free);
    row(T.east, b.east); row(T.south, b.south); row(T.west, b.west); row(T.north, b.north);
    card.replaceChildren(node("h3", p.code, "mono"), dl);
    card.hidden = false;
  }

  var parcels;
  function reload() {
    if (parcels) map.removeLayer(parcels);
    return RegistryMap.load(map, el.dataset.url, { conflicts: conflicts, onClick: showCard }).then(function (layer) {
      parcels = layer;
      var focus = el.dataset.focus;
      if (focus && layer.byCode[focus]) {
        map.fitBounds(layer.byCode[focus].getBounds(), { maxZoom: 19, padding: [60, 60] });
        showCard(layer.byCode[focus].feature);
      }
      document.getElementById("parcel-count").textContent = Object.keys(layer.byCode).length;
    });
  }
  reload();

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
    body.replaceChildren();
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
            done += 1;
            if (res.ok) ok += 1;
            var tr = document.createElement("tr");
            tr.className = res.ok ? "" : "flagged";
            tr.appendChild(node("td", String(start + i + 1)));
            tr.appendChild(node("td", res.code || "", "mono"));
            var td = node("td");
            if (res.ok) td.textContent = T.registered + " · " + res.area_m2.toFixed(2) + " m²";
            else {
              td.appendChild(node("span", res.rule || "", "rule-id"));
              td.appendChild(document.createTextNode(" " + (res.message || "") +
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
