// The parcel search beside a map (code, name or holder), paged by the server's `next` cursor. Results are built
// from text nodes only. opts: {root, url, free, onPick(item), row(item, li) to add controls to a row}.
window.RegistrySearch = function (opts) {
  var root = opts.root;
  var input = root.querySelector("input[type=search]");
  var list = root.querySelector("ol");
  var more = root.querySelector("button.more");
  var status = root.querySelector(".search-status");
  var next = null, seq = 0, timer = null;

  function label(item) {
    return [item.code, item.name || "", item.holder || ""].filter(Boolean).join(" · ");
  }

  function fetchPage(after, replace) {
    var mine = ++seq;
    var q = new URLSearchParams({ q: input.value.trim() });
    if (after) q.set("after", after);
    if (opts.free) q.set("free", "1");
    fetch(opts.url + "?" + q.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { items: [], next: null }; })
      .then(function (data) {
        if (mine !== seq) return;  // a newer search was sent meanwhile
        if (replace) list.replaceChildren();
        data.items.forEach(function (item) {
          var li = document.createElement("li");
          li.dataset.code = item.code;
          var b = document.createElement("button");
          b.type = "button";
          b.className = "link search-hit";
          b.textContent = label(item);
          b.addEventListener("click", function () { opts.onPick(item); });
          li.appendChild(b);
          var area = document.createElement("span");
          area.className = "muted small";
          area.textContent = " " + item.area_mu.toFixed(2) + " " + (status.dataset.mu || "");
          li.appendChild(area);
          if (opts.row) opts.row(item, li);
          list.appendChild(li);
        });
        next = data.next;
        more.hidden = !next;
        status.textContent = list.children.length ? "" : (status.dataset.none || "");
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { fetchPage(null, true); }, 250);
  });
  input.addEventListener("keydown", function (e) {  // Enter searches; it never submits the page's form
    if (e.key === "Enter") { e.preventDefault(); clearTimeout(timer); fetchPage(null, true); }
  });
  more.addEventListener("click", function () { fetchPage(next, false); });
  fetchPage(null, true);
  return { refresh: function () { fetchPage(null, true); }, list: list };
};

// Fly the map to a search hit's bbox [west, south, east, north].
window.RegistrySearch.flyTo = function (map, bbox) {
  map.flyToBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { maxZoom: 19, padding: [60, 60], duration: 0.6 });
};
