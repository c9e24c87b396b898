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

// Phone width: the header's menus fold behind one "Menu" button. Without this
// script (or on wide screens) every menu stays visible.
(function () {
  "use strict";
  const button = document.querySelector(".menu-toggle");
  const menu = document.getElementById("site-menu");
  if (!button || !menu || !window.matchMedia) return;
  const narrow = window.matchMedia("(max-width: 48rem)");
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("site-menu--closed", !open);
  }
  function apply() {
    button.hidden = !narrow.matches;
    setOpen(!narrow.matches);
  }
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  if (narrow.addEventListener) narrow.addEventListener("change", apply);
  apply();
})();
