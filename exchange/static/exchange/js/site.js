// Progressive enhancement only: every page works without this script.
// Search suggestions for the header search box (fills its <datalist>).
(function () {
  "use strict";
  const input = document.getElementById("site-search-q");
  const list = document.getElementById("site-search-suggestions");
  if (!input || !list || !window.fetch) return;
  let timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      const url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(q) +
        "&lang=" + encodeURIComponent(document.documentElement.lang);
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          list.replaceChildren();
          (data.suggestions || []).slice(0, 8).forEach(function (s) {
            const option = document.createElement("option");
            option.value = s.title || s;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
