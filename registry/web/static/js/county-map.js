// The reviewer's county map: collective outlines coloured by certification progress (应发尽发) when zoomed out,
// the parcels from zoom 13, both from the vector tiles; a click shows the card, the search flies to a parcel.
(function () {
  var el = document.getElementById("map");
  if (!el) return;
  var T = RegistryMap.text("map-text");
  var map = RegistryMap.make(el);
  var card = document.getElementById("parcel-card");
  var opts = { certification: true, selected: null };
  var parcels = RegistryTiles.layer(map, el.dataset.tiles, opts);

  function showParcel(code, contract) {
    opts.selected = code;
    parcels.redraw();
    RegistryTiles.item(el.dataset.item.replace("CODE", code)).then(function (f) {
      if (!f) return;
      var p = f.properties, b = p.boundaries || {};
      RegistryTiles.card(card, p.code, [
        [T.collective, p.collective_code], [T.name, p.name],
        [T.category, T.categories[p.category] || p.category], [T.land_class, T.land_classes[p.land_class] || p.land_class],
        [T.area, p.area_m2.toFixed(2) + " m² · " + p.area_mu.toFixed(2) + " " + T.mu],
        [T.basic_farmland, p.basic_farmland ? T.yes : T.no], [T.contract, contract || T.free],
        [T.east, b.east], [T.south, b.south], [T.west, b.west], [T.north, b.north]]);
    });
  }

  map.on("click", function (e) {
    var props = parcels.pick(e.latlng);
    if (props) { showParcel(props.code, props.contract); return; }
    var c = parcels.pickCollective(e.latlng);
    if (!c) return;
    var share = c.certified_share;
    RegistryTiles.card(card, c.name, [[T.collective, c.collective_code], [T.parcels, c.parcels],
      [T.certified, share === undefined || share === null ? T.no_rights : (100 * share).toFixed(0) + " %"]]);
  });

  var search = document.getElementById("parcel-search");
  RegistrySearch({ root: search, url: search.dataset.url, onPick: function (item) {
    RegistrySearch.flyTo(map, item.bbox);
    showParcel(item.code, item.contract);
  } });
})();
