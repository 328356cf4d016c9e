// Current parcels drawn from the registry's vector tiles (/tiles/parcels/{z}/{x}/{y}.mvt) with protomaps-leaflet:
// the browser holds one screen of tiles, not every parcel. Labels are painted on the canvas as text; cards are
// built from the OGC API item with textContent only (never HTML from data).
window.RegistryTiles = (function () {
  var BLUE = "#2a6f97", GREEN = "#1f5f4a", RED = "#b3261e", ORANGE = "#b5651d";

  function layer(map, url, opts) {
    opts = opts || {};
    var conflicts = opts.conflicts || [];
    function colour(f, base) {
      var p = f.props;
      if (conflicts.indexOf(p.code) >= 0) return RED;
      if (opts.selected && opts.selected === p.code) return ORANGE;
      return p.contract ? GREEN : base;
    }
    var pm = protomapsL;
    var l = pm.leafletLayer({
      url: url, maxDataZoom: 16, levelDiff: 0, attribution: "",
      paintRules: [
        { dataLayer: "parcels", symbolizer: new pm.PolygonSymbolizer({
          fill: function (z, f) { return colour(f, "#61a5c2"); }, opacity: 0.4 }) },
        { dataLayer: "parcels", symbolizer: new pm.LineSymbolizer({
          color: function (z, f) { return colour(f, BLUE); }, width: 1.5 }) },
        { dataLayer: "collectives", symbolizer: new pm.PolygonSymbolizer({ fill: "#61a5c2", opacity: 0.15 }) },
        { dataLayer: "collectives", symbolizer: new pm.LineSymbolizer({ color: BLUE, width: 2 }) }
      ],
      labelRules: [
        { dataLayer: "parcels", minzoom: 16, symbolizer: new pm.CenteredTextSymbolizer({
          labelProps: ["name", "code"], fill: "#102a43", font: "12px sans-serif", stroke: "white", width: 2 }) },
        { dataLayer: "collectives", symbolizer: new pm.CenteredTextSymbolizer({
          labelProps: ["name"], fill: "#102a43", font: "14px sans-serif", stroke: "white", width: 2 }) }
      ]
    });
    l.addTo(map);
    l.pick = function (latlng) {
      var found = null;
      l.queryTileFeaturesDebug(latlng.lng, latlng.lat, 4).forEach(function (picked) {
        picked.forEach(function (p) { if (!found && p.layerName === "parcels") found = p.feature.props; });
      });
      return found;
    };
    return l;
  }

  function item(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (r) { return r.ok ? r.json() : null; });
  }

  // A <dl> of [label, value] rows; values are text, a value {href, text} becomes a link.
  function card(el, title, rows) {
    while (el.firstChild) el.removeChild(el.firstChild);
    var h = document.createElement("h3");
    h.className = "mono";
    h.textContent = title;
    var dl = document.createElement("dl");
    rows.forEach(function (row) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = row[0];
      var v = row[1];
      if (v && typeof v === "object") {
        var a = document.createElement("a");
        a.className = "mono";
        a.href = v.href;
        a.textContent = v.text;
        dd.appendChild(a);
      } else {
        dd.textContent = v === null || v === undefined || v === "" ? "—" : String(v);
      }
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    el.appendChild(h);
    el.appendChild(dl);
    el.hidden = false;
  }

  return { layer: layer, item: item, card: card };
})();
