// atomics-tidy's HTML report, a finding's page: n / p / u go to the next
// and previous finding and up to the index. html_report.py inlines this
// file; the page works without it (the same links are on it).
"use strict";
(function () {
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }

  function pageKeys() {
    document.addEventListener("keydown", function (e) {
      if (typing(e) || e.altKey || e.ctrlKey || e.metaKey) return;
      var rel = {n: "next", p: "prev", u: "index"}[e.key];
      if (!rel) return;
      var a = document.querySelector('a[rel="' + rel + '"]');
      if (a) { e.preventDefault(); window.location.href = a.href; }
    });
  }

  pageKeys();
})();
