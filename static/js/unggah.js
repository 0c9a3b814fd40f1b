// Evidence upload: drag and drop, camera, and the chosen files sent together in one request,
// as the form does without JavaScript: if the server refuses one of them, none is kept.
// Each file shows its own progress, read from how far the shared request has gone.
(function () {
  "use strict";
  var form = document.getElementById("form-unggah");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;

  var picker = document.getElementById("berkas");
  var camera = document.getElementById("kamera");
  var zone = document.getElementById("dropzone");
  var list = document.getElementById("antrian");
  var result = document.getElementById("hasil-unggah");
  var button = document.getElementById("tombol-unggah");
  var maxBytes = parseInt(form.dataset.max, 10);
  var queue = [];

  // The same wording as the server (rencana_aksi.tampil.ukuran_berkas): "32 byte", "1,5 KB".
  function size(n) {
    if (n < 1024) return n + " byte";
    var units = ["KB", "MB", "GB"];
    var value = n / 1024;
    var i = 0;
    while (value >= 1024 && i < units.length - 1) { value /= 1024; i += 1; }
    return value.toFixed(1).replace(/\.0$/, "").replace(".", ",") + " " + units[i];
  }

  function say(text, kind) {
    result.className = "small mt-2" + (kind ? " text-" + kind : "");
    result.textContent = text;
  }

  function remove(entry) {
    queue = queue.filter(function (other) { return other !== entry; });
    list.removeChild(entry.item);
    if (!queue.some(function (e) { return e.tooLarge; })) say("");
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      var item = document.createElement("li");
      item.className = "mb-2";
      var head = document.createElement("div");
      head.className = "d-flex gap-2 align-items-center";
      var name = document.createElement("span");
      name.className = "me-auto text-break";
      name.textContent = file.name + " (" + size(file.size) + ")";
      var drop = document.createElement("button");
      drop.type = "button";
      drop.className = "btn btn-link btn-sm p-0";
      drop.textContent = "Hapus";
      drop.setAttribute("aria-label", "Hapus " + file.name + " dari daftar");
      head.appendChild(name);
      head.appendChild(drop);
      var bar = document.createElement("div");
      bar.className = "progress";
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-label", "Kemajuan unggah " + file.name);
      bar.setAttribute("aria-valuemin", "0");
      bar.setAttribute("aria-valuemax", "100");
      bar.setAttribute("aria-valuenow", "0");
      var fill = document.createElement("div");
      fill.className = "progress-bar";
      fill.style.width = "0%";
      bar.appendChild(fill);
      var note = document.createElement("div");
      note.className = "pesan";
      item.appendChild(head);
      item.appendChild(bar);
      item.appendChild(note);
      list.appendChild(item);
      var entry = { file: file, item: item, bar: bar, fill: fill, note: note, drop: drop };
      drop.addEventListener("click", function () { remove(entry); });
      if (file.size > maxBytes) {
        entry.tooLarge = true;
        mark(entry, "danger", "Berukuran " + size(file.size) + ", lebih besar dari batas " +
          size(maxBytes) + " per berkas. Hapus dari daftar untuk mengunggah yang lain.");
      }
      queue.push(entry);
    });
  }

  function mark(entry, kind, text) {
    entry.fill.classList.add("bg-" + kind);
    entry.fill.style.width = "100%";
    entry.bar.setAttribute("aria-valuenow", "100");
    entry.note.className = "pesan text-" + kind;
    entry.note.textContent = text;
  }

  function progress(loaded, total) {
    // The files lie one after the other in the body: each is as far as its share of it.
    var body = queue.reduce(function (sum, e) { return sum + e.file.size; }, 0) || 1;
    var scale = total / body;
    var start = 0;
    queue.forEach(function (entry) {
      var own = entry.file.size * scale;
      var done = Math.max(0, Math.min(1, (loaded - start) / (own || 1)));
      var percent = Math.round(done * 100);
      entry.fill.style.width = percent + "%";
      entry.bar.setAttribute("aria-valuenow", String(percent));
      start += own;
    });
  }

  function send() {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("tanggal_dokumen", form.querySelector("[name=tanggal_dokumen]").value);
    data.append("catatan", form.querySelector("[name=catatan]").value);
    queue.forEach(function (entry) {
      entry.drop.hidden = true;
      data.append("berkas", entry.file, entry.file.name);
    });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) progress(event.loaded, event.total);
    };
    xhr.onload = function () {
      var answer = {};
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
      if (xhr.status === 201) {
        queue.forEach(function (entry) { mark(entry, "success", "Tersimpan."); });
        say((answer.pesan || "Semua berkas tersimpan.") + " Memuat ulang…", "success");
        window.location.reload();
        return;
      }
      var text = answer.pesan ||
        "Tidak ada yang tersimpan: server menjawab dengan kode " + xhr.status + ".";
      queue.forEach(function (entry) { mark(entry, "danger", "Tidak tersimpan."); });
      say(text, "danger");
      finish();
    };
    xhr.onerror = function () {
      queue.forEach(function (entry) { mark(entry, "danger", "Tidak tersimpan."); });
      say("Sambungan terputus sebelum selesai; tidak ada yang tersimpan. Coba lagi.", "danger");
      finish();
    };
    xhr.send(data);
  }

  function finish() {
    button.disabled = false;
    // What was refused stays listed for reading; the next choice starts a fresh list.
    queue = [];
  }

  function choose(files) {
    if (!queue.length) list.innerHTML = "";
    add(files);
  }

  picker.addEventListener("change", function () { choose(picker.files); picker.value = ""; });
  camera.addEventListener("change", function () { choose(camera.files); camera.value = ""; });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("aktif");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.remove("aktif");
    });
  });
  zone.addEventListener("drop", function (event) { choose(event.dataTransfer.files); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!queue.length) return say("Pilih sedikitnya satu berkas.", "danger");
    if (queue.some(function (e) { return e.tooLarge; })) {
      return say("Tidak ada yang dikirim: hapus dulu berkas yang melebihi batas dari daftar.",
        "danger");
    }
    if (!form.querySelector("[name=tanggal_dokumen]").value) {
      return say("Isi tanggal dokumen.", "danger");
    }
    button.disabled = true;
    say("Mengunggah " + queue.length + " berkas bersama-sama…");
    send();
  });
})();
