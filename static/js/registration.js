// Progressive enhancement of the registration forms; they work without it.
(function () {
  "use strict";

  // Show only the list (State or organisation) that the chosen kind needs.
  document.querySelectorAll("[data-identity]").forEach(function (fieldset) {
    var radios = fieldset.querySelectorAll("input[name$='kind']");
    function sync() {
      var chosen = fieldset.querySelector("input[name$='kind']:checked");
      fieldset.querySelectorAll("[data-kind]").forEach(function (group) {
        var hide = chosen !== null && group.dataset.kind !== chosen.value;
        group.hidden = hide;
        // A hidden list sends nothing, so it cannot cause an error nobody can see.
        group.querySelectorAll("select").forEach(function (select) { select.disabled = hide; });
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  });

  // Add and remove members of a delegation without reloading the page.
  document.querySelectorAll("[data-members]").forEach(function (list) {
    var form = list.closest("form");
    var prefix = list.dataset.prefix;
    var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var max = parseInt(form.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']").value, 10);
    var template = form.querySelector("template[data-member-template]");
    var addButton = form.querySelector("[data-add-member]");

    function number() {
      var n = 0;
      list.querySelectorAll("[data-member]").forEach(function (row) {
        if (row.hidden) { return; }
        n += 1;
        row.querySelector(".member-heading").textContent =
          row.querySelector(".member-heading").dataset.label + " " + n;
      });
    }

    function enhance(row) {
      var heading = row.querySelector(".member-heading");
      heading.dataset.label = heading.dataset.label || heading.textContent;
      var deleteBox = row.querySelector("input[name$='-DELETE']");
      if (!deleteBox) { return; }
      row.querySelector(".member-delete").hidden = true;
      // A row removed before a validation error stays removed when the page comes back.
      if (deleteBox.checked) { row.hidden = true; }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-outline-danger btn-sm";
      remove.textContent = list.dataset.removeLabel || "Remove this member";
      remove.addEventListener("click", function () {
        deleteBox.checked = true;
        row.hidden = true;
        number();
        addButton.focus();
      });
      row.querySelector(".card-body").appendChild(remove);
    }

    list.querySelectorAll("[data-member]").forEach(enhance);
    number();
    addButton.hidden = false;
    addButton.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (index >= max) { return; }
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      list.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var row = list.lastElementChild;
      enhance(row);
      number();
      row.querySelector("input[name$='given_name']").focus();
    });
  });
})();
