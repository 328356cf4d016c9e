// Current parcels drawn from the registry's vector tiles (/tiles/parcels/{z}/{x}/{y}.mvt) with protomaps-leaflet:
// the browser holds one screen of tiles, not every parcel. Labels are painted on the canvas as text; cards are
// built from the OGC API item with textContent only (never HTML from data).
window.RegistryTiles = (function () {
  var BLUE = "#2a6f97", GREEN = "#1f5f4a", RED = "#b3261e", ORANGE = "#b5651d";

  // Certification progress (certified_share of a collective outline): red → amber → green; grey without rights.
  var SHARE = [[1, "#2d6a4f"], [0.75, "#74c69d"], [0.5, "#e9c46a"], [0.25, "#f4a261"], [0, "#d62828"]];
  function shareColour(share) {
    if (share === undefined || share === null) return "#adb5bd";
    for (var i = 0; i < SHARE.length; i++) if (share >= SHARE[i][0]) return SHARE[i][1];
    return SHARE[SHARE.length - 1][1];
  }

  // opts.selected: a Set of codes or one code (orange); opts.conflicts: codes (red); opts.certification: colour
  // the outlines by certified_share. Parcel labels only from zoom 17 (readable), painted as canvas text.
  function layer(map, url, opts) {
    opts = opts || {};
    var conflicts = opts.conflicts || [];
    function chosen(code) {
      var s = opts.selected;
      return s instanceof Set ? s.has(code) : s === code;
    }
    function colour(f, base) {
      var p = f.props;
      if (conflicts.indexOf(p.code) >= 0) return RED;
      if (chosen(p.code)) return ORANGE;
      return p.contract ? GREEN : base;
    }
    function outline(f) { return opts.certification ? shareColour(f.props.certified_share) : "#61a5c2"; }
    var pm = protomapsL;
    var l = pm.leafletLayer({
      url: url, maxDataZoom: 16, levelDiff: 0, attribution: "", zIndex: 5,
      paintRules: [
        { dataLayer: "parcels", symbolizer: new pm.PolygonSymbolizer({
          fill: function (z, f) { return colour(f, "#61a5c2"); }, opacity: 0.4 }) },
        { dataLayer: "parcels", symbolizer: new pm.LineSymbolizer({
          color: function (z, f) { return colour(f, BLUE); }, width: function (z, f) { return chosen(f.props.code) ? 3 : 1.5; } }) },
        { dataLayer: "collectives", symbolizer: new pm.PolygonSymbolizer({
          fill: function (z, f) { return outline(f); }, opacity: opts.certification ? 0.55 : 0.15 }) },
        { dataLayer: "collectives", symbolizer: new pm.LineSymbolizer({
          color: function (z, f) { return opts.certification ? outline(f) : BLUE; }, width: opts.certification ? 4 : 2 }) }
      ],
      labelRules: [
        // the tiles' label points (one per parcel): protomaps would put a polygon's label on its first vertex
        { dataLayer: "labels", minzoom: 17, symbolizer: new pm.CenteredTextSymbolizer({
          labelProps: ["name", "code"], fill: "#102a43", font: "12px sans-serif", stroke: "white", width: 2 }) },
        { dataLayer: "collectives", symbolizer: new pm.CenteredTextSymbolizer({
          labelProps: ["name"], fill: "#102a43", font: "14px sans-serif", stroke: "white", width: 2 }) }
      ]
    });
    l.addTo(map);
    function picked(latlng, name) {
      var found = null;
      l.queryTileFeaturesDebug(latlng.lng, latlng.lat, 4).forEach(function (hits) {
        hits.forEach(function (p) { if (!found && p.layerName === name) found = p.feature.props; });
      });
      return found;
    }
    l.pick = function (latlng) { return picked(latlng, "parcels"); };
    l.pickCollective = function (latlng) { return picked(latlng, "collectives"); };
    l.redraw = function () { l.rerenderTiles(); };
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

  return { layer: layer, item: item, card: card, shareColour: shareColour };
})();
