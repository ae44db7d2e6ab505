(function () {
  "use strict";
  var root = document.body;
  var boxes = document.querySelectorAll("input[data-layer]");
  function apply(box) {
    root.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
  }
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].addEventListener("change", function (ev) { apply(ev.target); });
    apply(boxes[i]);
  }
  // following a link to a mark or turn moves keyboard focus there too
  function focusTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el) {
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
      el.focus({ preventScroll: true });
    }
  }
  window.addEventListener("hashchange", focusTarget);
  if (location.hash) focusTarget();  // a link from another page lands on its target too
  // long analyses: say that something is happening, and send the form once
  var busy = document.querySelectorAll("form[data-busy]");
  for (var k = 0; k < busy.length; k++) {
    busy[k].addEventListener("submit", function (ev) {
      var form = ev.target;
      if (ev.defaultPrevented) return;
      if (form.getAttribute("data-sent")) { ev.preventDefault(); return; }
      form.setAttribute("data-sent", "1");
      form.setAttribute("aria-busy", "true");
      var status = form.querySelector(".busy");
      if (status) status.textContent = form.getAttribute("data-busy");
      var buttons = form.querySelectorAll("button[type=submit]");
      for (var b = 0; b < buttons.length; b++) buttons[b].disabled = true;
    });
  }
  // confirm destructive form posts
  var forms = document.querySelectorAll("form[data-confirm]");
  for (var j = 0; j < forms.length; j++) {
    forms[j].addEventListener("submit", function (ev) {
      if (!window.confirm(ev.target.getAttribute("data-confirm"))) ev.preventDefault();
    });
  }
})();
