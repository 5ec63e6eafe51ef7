// Vào sổ đơn: keyboard shortcuts, petitioner rows, person lookup and the live duplicate panel (htmx).
(function () {
  "use strict";
  var form = document.getElementById("registration-form");
  if (!form) { return; }
  var prefix = "nguoi";
  var total = form.querySelector("#id_" + prefix + "-TOTAL_FORMS");
  var rows = document.getElementById("petitioner-rows");
  var template = document.getElementById("petitioner-template");
  var channel = form.querySelector("#id_channel");
  var kind = form.querySelector("#id_type");
  var subject = form.querySelector("#id_subject_field");
  var referral = document.getElementById("chuyen-den");
  var panel = document.getElementById("duplicate-panel");
  var lookupUrl = form.getAttribute("data-lookup-url");
  var timers = {};

  function debounce(key, ms, fn) {
    clearTimeout(timers[key]);
    timers[key] = setTimeout(fn, ms);
  }

  // Re-check duplicates when what identifies the letter changes (htmx debounces the request too).
  function recheck() {
    if (panel && window.htmx) { window.htmx.trigger(panel, "recheck"); }
  }

  function addRow() {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.querySelector('[data-row="' + index + '"] input[name$="-full_name"]');
    if (added) { added.focus(); }
  }

  function toggleReferral() {
    if (!referral || !channel) { return; }
    referral.classList.toggle("d-none", channel.value !== "transferred");
  }

  // Only the subject fields of the chosen type are offered.
  function filterSubjects() {
    if (!subject || !kind) { return; }
    var option = kind.options[kind.selectedIndex];
    var label = option && option.value ? option.text.replace(/^\d+\.\s*/, "") : "";
    Array.prototype.forEach.call(subject.querySelectorAll("optgroup"), function (group) {
      var off = label !== "" && group.label !== label;
      group.hidden = off;
      group.disabled = off;
    });
    var chosen = subject.options[subject.selectedIndex];
    if (chosen && chosen.parentElement && chosen.parentElement.disabled) { subject.value = ""; }
  }

  function rowOf(element) { return element.closest(".petitioner-row"); }

  function lookup(input) {
    var row = rowOf(input);
    if (!row || !window.htmx) { return; }
    var index = row.getAttribute("data-row");
    var q = input.value.trim();
    var target = document.getElementById("lookup-" + index);
    if (!target) { return; }
    var isNumber = /\d/.test(q);
    if ((isNumber && q.replace(/\D/g, "").length < 6) || (!isNumber && q.length < 3)) {
      target.innerHTML = "";
      return;
    }
    window.htmx.ajax("GET", lookupUrl + "?row=" + encodeURIComponent(index) + "&q=" + encodeURIComponent(q),
      { target: target, swap: "innerHTML" });
  }

  function choosePerson(button) {
    var row = form.querySelector('.petitioner-row[data-row="' + button.getAttribute("data-row") + '"]');
    if (!row) { return; }
    function set(suffix, value) {
      var input = row.querySelector('[name$="-' + suffix + '"]');
      if (input) { input.value = value || ""; }
    }
    set("person_id", button.getAttribute("data-person-id"));
    set("full_name", button.getAttribute("data-name"));
    set("id_number", button.getAttribute("data-id-number"));
    set("address", button.getAttribute("data-address"));
    set("phone", button.getAttribute("data-phone"));
    row.querySelector(".person-chosen").classList.remove("d-none");
    row.querySelector(".lookup-results").innerHTML = "";
    var next = row.querySelector('[name$="-is_representative"]');
    if (next) { next.focus(); }
    recheck();
  }

  form.addEventListener("input", function (event) {
    var target = event.target;
    var name = target.name || "";
    if (/-(full_name|id_number)$/.test(name)) {
      // Typing over a chosen person means a different person: forget the registry link.
      var row = rowOf(target);
      var personId = row && row.querySelector('[name$="-person_id"]');
      if (personId && personId.value) {
        personId.value = "";
        row.querySelector(".person-chosen").classList.add("d-none");
      }
      debounce("lookup-" + name, 350, function () { lookup(target); });
      recheck();
    } else if (name === "summary" || name === "content") {
      recheck();
    }
  });

  form.addEventListener("change", function (event) {
    var name = event.target.name || "";
    if (name === "channel") { toggleReferral(); }
    if (name === "type") { filterSubjects(); recheck(); }
    if (name === "unit") { recheck(); }
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-person-id]");
    if (button) { event.preventDefault(); choosePerson(button); }
  });

  document.getElementById("add-petitioner").addEventListener("click", addRow);

  function submitWith(next) {
    var after = form.querySelector('input[type="hidden"][name="after"]');
    if (next) {
      if (!after) {
        after = document.createElement("input");
        after.type = "hidden";
        after.name = "after";
        form.appendChild(after);
      }
      after.value = "new";
    }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  // Arrow keys move between a petitioner's name/ID field and the people found for it; Escape goes back.
  form.addEventListener("keydown", function (event) {
    var target = event.target;
    var row = rowOf(target);
    if (!row) { return; }
    var found = Array.prototype.slice.call(row.querySelectorAll(".lookup-results [data-person-id]"));
    if (/-(full_name|id_number)$/.test(target.name || "") && event.key === "ArrowDown" && found.length) {
      event.preventDefault();
      found[0].focus();
    } else if (target.hasAttribute("data-person-id")) {
      var at = found.indexOf(target);
      if (event.key === "ArrowDown" && at < found.length - 1) { event.preventDefault(); found[at + 1].focus(); }
      if (event.key === "ArrowUp") {
        event.preventDefault();
        if (at > 0) { found[at - 1].focus(); } else { row.querySelector('[name$="-id_number"]').focus(); }
      }
      if (event.key === "Escape") { event.preventDefault(); row.querySelector('[name$="-id_number"]').focus(); }
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submitWith(event.shiftKey);
    } else if (event.altKey && !event.ctrlKey && (event.key === "n" || event.key === "N")) {
      event.preventDefault();
      addRow();
    }
  });

  // A second submit (double click, Enter twice) is ignored here; the server's token guards the rest.
  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-sent")) { event.preventDefault(); return; }
    form.setAttribute("data-sent", "1");
  });

  toggleReferral();
  filterSubjects();
  var invalid = form.querySelector(".is-invalid");
  if (invalid) { invalid.focus(); }
  if (form.querySelector('[name="summary"]').value) { recheck(); }
})();
