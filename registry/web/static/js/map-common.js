// Shared map helpers: Leaflet opened on the collective's contract land, over the base layer when there is one.
window.RegistryMap = (function () {
  function make(el) {
    var center = (el.dataset.center || "34.70,113.90").split(",").map(Number);
    var map = L.map(el, { zoomControl: true, attributionControl: false, maxZoom: 22 });
    // The collective's contract land (the server's robust extent), else the page's centre.
    var ext = (el.dataset.extent || "").split(",").map(Number);
    if (ext.length === 4 && ext.every(isFinite)) {
      map.fitBounds([[ext[1], ext[0]], [ext[3], ext[2]]], { padding: [20, 20], maxZoom: 18 });
    } else {
      map.setView(center, parseInt(el.dataset.zoom || "16", 10));
    }
    if (el.dataset.basemap) {  // the orthophoto (or the configured online layer) under the parcels
      L.tileLayer(el.dataset.basemap, { maxZoom: 22, maxNativeZoom: parseInt(el.dataset.basemapZoom || "18", 10),
        zIndex: 0, className: "basemap" }).addTo(map);
    }
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

  function text(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : {};
  }

  function csrf() { return document.querySelector('meta[name="csrf-token"]').content; }

  return { make: make, text: text, csrf: csrf };
})();
