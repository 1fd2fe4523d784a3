// atomics-tidy's HTML report, the index: the filter box, sorting by column
// and the keys. html_report.py inlines this file; the index works without
// it (every finding is listed and every link works).
"use strict";
(function () {
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }

  // Filter words: check:NAME, file:TEXT, function:NAME, is:new,
  // is:baseline; any other word must occur in the row's text.
  function parse(q) {
    var terms = [];
    q.trim().split(/\s+/).forEach(function (w) {
      if (!w) return;
      var m = /^(check|file|function|is):(.*)$/i.exec(w);
      terms.push(m ? {key: m[1].toLowerCase(), value: m[2].toLowerCase()}
                   : {key: "", value: w.toLowerCase()});
    });
    return terms;
  }

  function index() {
    var table = document.getElementById("findings");
    var box = document.getElementById("filter");
    var status = document.getElementById("shown");
    if (!table || !box || !status) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var data = rows.map(function (r) {
      return {row: r, check: r.dataset.check.toLowerCase(), file: r.dataset.file.toLowerCase(),
              fn: (r.dataset.function || "").toLowerCase(), state: r.dataset.state,
              text: r.textContent.toLowerCase()};
    });
    function matches(d, t) {
      switch (t.key) {
        case "check": return d.check.indexOf(t.value) >= 0;
        case "file": return d.file.indexOf(t.value) >= 0;
        case "function": return d.fn === t.value || (t.value && d.fn.indexOf(t.value) >= 0);
        case "is": return t.value === "new" ? d.state === "new"
                        : t.value === "baseline" ? d.state === "unchanged" : false;
        default: return d.text.indexOf(t.value) >= 0;
      }
    }
    function apply() {
      var terms = parse(box.value), n = 0;
      data.forEach(function (d) {
        var ok = terms.every(function (t) { return matches(d, t); });
        d.row.hidden = !ok;
        if (ok) n++;
      });
      status.textContent = n + " of " + data.length + " finding" +
        (data.length === 1 ? "" : "s") + " shown";
      // The filter in the address, so that a filtered view can be shared.
      var u = new URL(window.location.href);
      u.hash = box.value ? "q=" + encodeURIComponent(box.value) : "";
      history.replaceState(null, "", u.href);
    }
    box.addEventListener("input", apply);
    box.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { box.value = ""; apply(); }
      if (e.key === "ArrowDown") { e.preventDefault(); move(1, null); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("button.pick"), function (b) {
      b.addEventListener("click", function () {
        box.value = b.dataset.q;
        apply();
        box.focus();
        table.scrollIntoView();
      });
    });
    // Sorting by column: the rows carry their keys.
    Array.prototype.forEach.call(table.querySelectorAll("button.sort"), function (b) {
      b.addEventListener("click", function () {
        var key = b.dataset.key;
        Array.prototype.forEach.call(table.querySelectorAll("button.sort"), function (o) {
          o.removeAttribute("aria-sort");
          o.closest("th").removeAttribute("aria-sort");
        });
        b.setAttribute("aria-sort", "ascending");
        b.closest("th").setAttribute("aria-sort", "ascending");
        var sorted = data.slice().sort(function (x, y) {
          var a = x.row.dataset[key] || "", c = y.row.dataset[key] || "";
          if (key === "n") { a = +a; c = +c; }
          return a < c ? -1 : a > c ? 1 : (+x.row.dataset.n) - (+y.row.dataset.n);
        });
        var frag = document.createDocumentFragment();
        sorted.forEach(function (d) { frag.appendChild(d.row); });
        body.appendChild(frag);
      });
    });
    // j / k (or the arrow keys in the table) move between the shown findings.
    function move(step, from) {
      var links = rows.filter(function (r) { return !r.hidden; })
                      .map(function (r) { return r.querySelector("a.go"); });
      if (!links.length) return;
      var i = links.indexOf(from || document.activeElement);
      var next = i < 0 ? (step > 0 ? 0 : links.length - 1)
                       : Math.min(Math.max(i + step, 0), links.length - 1);
      links[next].focus();
    }
    document.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "/" && !typing(e)) { e.preventDefault(); box.focus(); box.select(); return; }
      if (typing(e)) return;
      var inTable = table.contains(document.activeElement);
      if (e.key === "j" || (inTable && e.key === "ArrowDown")) { e.preventDefault(); move(1); }
      if (e.key === "k" || (inTable && e.key === "ArrowUp")) { e.preventDefault(); move(-1); }
    });
    var m = /^#q=(.*)$/.exec(window.location.hash);
    if (m) box.value = decodeURIComponent(m[1]);
    apply();
  }

  index();
})();
