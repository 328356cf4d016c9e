// Shared map helpers: Leaflet on a plain background (no internet tiles), parcels from the page's GeoJSON URL.
window.RegistryMap = (function () {
  var DEFAULT_STYLE = { color: "#2a6f97", weight: 2, fillColor: "#61a5c2", fillOpacity: 0.35 };
  var HELD_STYLE = { color: "#1f5f4a", weight: 2, fillColor: "#52b788", fillOpacity: 0.4 };
  var SELECTED_STYLE = { color: "#b5651d", weight: 3, fillColor: "#f4a259", fillOpacity: 0.6 };
  var CONFLICT_STYLE = { color: "#b3261e", weight: 3, fillColor: "#e5383b", fillOpacity: 0.5 };
  var RETIRED_STYLE = { color: "#888", weight: 1, dashArray: "4 4", fillOpacity: 0.05 };

  function make(el) {
    var center = (el.dataset.center || "34.70,113.90").split(",").map(Number);
    var map = L.map(el, { zoomControl: true, attributionControl: false, maxZoom: 22 }).setView(center, 16);
    L.control.scale({ imperial: false }).addTo(map);
    var coords = L.control({ position: "bottomright" });
    coords.onAdd = function () {
      var div = L.DomUtil.create("div", "map-coords small");
      map.on("mousemove", function (e) { div.textContent = e.latlng.lng.toFixed(6) + ", " + e.latlng.lat.toFixed(6); });
      return div;
    };
    coords.addTo(map);
    return map;
  }

  function styleFor(feature, opts) {
    var p = feature.properties;
    if (opts.conflicts && opts.conflicts.indexOf(p.code) >= 0) return CONFLICT_STYLE;
    if (opts.selected && opts.selected.has(p.code)) return SELECTED_STYLE;
    if (p.status === "retired") return RETIRED_STYLE;
    return p.contract ? HELD_STYLE : DEFAULT_STYLE;
  }

  // Leaflet renders a string tooltip or popup as HTML: user text goes in as a text node, never as markup.
  function textNode(value) {
    var span = document.createElement("span");
    span.textContent = value === null || value === undefined ? "" : String(value);
    return span;
  }

  function load(map, url, opts) {
    opts = opts || {};
    return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var byCode = {};
      var layer = L.geoJSON(data, {
        style: function (f) { return styleFor(f, opts); },
        onEachFeature: function (f, l) {
          byCode[f.properties.code] = l;
          l.bindTooltip(textNode(f.properties.name || f.properties.code.slice(-5)),
            { permanent: true, direction: "center", className: "parcel-label" });
          if (opts.onClick) l.on("click", function () { opts.onClick(f, l); });
        }
      }).addTo(map);
      if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 19 });
      layer.byCode = byCode;
      layer.restyle = function () { layer.setStyle(function (f) { return styleFor(f, opts); }); };
      return layer;
    });
  }

  function text(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : {};
  }

  function csrf() { return document.querySelector('meta[name="csrf-token"]').content; }

  return { make: make, load: load, text: text, csrf: csrf, textNode: textNode };
})();
