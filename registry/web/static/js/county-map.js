// The reviewer's county map: parcels and collective outlines from the vector tiles; a click shows the card.
(function () {
  var el = document.getElementById("map");
  if (!el) return;
  var T = RegistryMap.text("map-text");
  var map = RegistryMap.make(el);
  map.setZoom(14);
  var card = document.getElementById("parcel-card");
  var parcels = RegistryTiles.layer(map, el.dataset.tiles, {});
  map.on("click", function (e) {
    var props = parcels.pick(e.latlng);
    if (!props) return;
    RegistryTiles.item(el.dataset.item.replace("CODE", props.code)).then(function (f) {
      if (!f) return;
      var p = f.properties, b = p.boundaries || {};
      RegistryTiles.card(card, p.code, [
        [T.collective, p.collective_code], [T.name, p.name],
        [T.category, T.categories[p.category] || p.category], [T.land_class, T.land_classes[p.land_class] || p.land_class],
        [T.area, p.area_m2.toFixed(2) + " m² · " + p.area_mu.toFixed(2) + " " + T.mu],
        [T.basic_farmland, p.basic_farmland ? T.yes : T.no], [T.contract, props.contract || T.free],
        [T.east, b.east], [T.south, b.south], [T.west, b.west], [T.north, b.north]]);
    });
  });
})();
