// Progressive enhancement for the forum; every form works without it.
(function () {
  "use strict";

  // While the title of a new question is typed, show similar questions and practices.
  const title = document.querySelector("input[data-similar-url]");
  const box = document.getElementById("similar-results");
  if (title && box && window.fetch) {
    let timer = null;
    let last = "";
    const fill = function (list, items) {
      list.replaceChildren();
      items.forEach(function (item) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        a.target = "_blank";
        li.appendChild(a);
        list.appendChild(li);
      });
    };
    title.addEventListener("input", function () {
      clearTimeout(timer);
      const q = title.value.trim();
      if (q.length < 4 || q === last) return;
      timer = setTimeout(function () {
        last = q;
        fetch(title.dataset.similarUrl + "?title=" + encodeURIComponent(q), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (r) { return r.ok ? r.json() : { questions: [], practices: [] }; })
          .then(function (data) {
            const questions = data.questions || [];
            const practices = data.practices || [];
            fill(box.querySelector("[data-similar=questions]"), questions);
            fill(box.querySelector("[data-similar=practices]"), practices);
            box.hidden = questions.length + practices.length === 0;
          })
          .catch(function () {});
      }, 300);
    });
  }

  // Against double submission: a submit button is disabled once its form is sent.
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      const button = form.querySelector("button[data-once]");
      if (button) {
        setTimeout(function () { button.disabled = true; }, 0);
      }
    });
  });
})();
