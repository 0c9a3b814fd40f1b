// Evidence upload: drag and drop, camera, and one request per file with its own progress bar.
// Without JavaScript the form still posts all chosen files at once.
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

  function size(n) {
    if (n >= 1048576) return (n / 1048576).toFixed(1).replace(".", ",") + " MB";
    return Math.max(1, Math.round(n / 1024)) + " KB";
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      var item = document.createElement("li");
      item.className = "mb-2";
      var name = document.createElement("div");
      name.textContent = file.name + " (" + size(file.size) + ")";
      var bar = document.createElement("div");
      bar.className = "progress";
      bar.setAttribute("role", "progressbar");
      bar.setAttribute("aria-label", "Kemajuan unggah " + file.name);
      bar.setAttribute("aria-valuemin", "0");
      bar.setAttribute("aria-valuemax", "100");
      var fill = document.createElement("div");
      fill.className = "progress-bar";
      fill.style.width = "0%";
      bar.appendChild(fill);
      var note = document.createElement("div");
      note.className = "pesan";
      item.appendChild(name);
      item.appendChild(bar);
      item.appendChild(note);
      list.appendChild(item);
      var entry = { file: file, bar: bar, fill: fill, note: note, done: false };
      if (file.size > maxBytes) {
        entry.done = true;
        fail(entry, "Lebih besar dari " + size(maxBytes) + "; tidak dikirim.");
      }
      queue.push(entry);
    });
  }

  function fail(entry, text) {
    entry.fill.classList.add("bg-danger");
    entry.fill.style.width = "100%";
    entry.note.className = "pesan text-danger";
    entry.note.textContent = text;
  }

  function send(entry) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      data.append("tanggal_dokumen", form.querySelector("[name=tanggal_dokumen]").value);
      data.append("catatan", form.querySelector("[name=catatan]").value);
      data.append("berkas", entry.file, entry.file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (event) {
        if (!event.lengthComputable) return;
        var percent = Math.round((event.loaded / event.total) * 100);
        entry.fill.style.width = percent + "%";
        entry.bar.setAttribute("aria-valuenow", String(percent));
      };
      xhr.onload = function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = {}; }
        entry.done = true;
        if (xhr.status === 201) {
          entry.fill.classList.add("bg-success");
          entry.fill.style.width = "100%";
          entry.note.className = "pesan text-success";
          entry.note.textContent = answer.pesan || "Tersimpan.";
          resolve(true);
        } else {
          fail(entry, answer.pesan || "Gagal (kode " + xhr.status + "). Tidak ada yang disimpan.");
          resolve(false);
        }
      };
      xhr.onerror = function () {
        entry.done = true;
        fail(entry, "Sambungan terputus; berkas ini belum tersimpan. Coba lagi.");
        resolve(false);
      };
      xhr.send(data);
    });
  }

  picker.addEventListener("change", function () { add(picker.files); picker.value = ""; });
  camera.addEventListener("change", function () { add(camera.files); camera.value = ""; });
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
  zone.addEventListener("drop", function (event) { add(event.dataTransfer.files); });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var waiting = queue.filter(function (entry) { return !entry.done; });
    if (!waiting.length) {
      result.className = "small mt-2 text-danger";
      result.textContent = "Pilih sedikitnya satu berkas.";
      return;
    }
    if (!form.querySelector("[name=tanggal_dokumen]").value) {
      result.className = "small mt-2 text-danger";
      result.textContent = "Isi tanggal dokumen.";
      return;
    }
    button.disabled = true;
    result.className = "small mt-2";
    result.textContent = "Mengunggah " + waiting.length + " berkas…";
    // One after another: a phone on a weak connection finishes each file instead of all late.
    waiting.reduce(function (chain, entry) {
      return chain.then(function (okSoFar) {
        return send(entry).then(function (ok) { return okSoFar && ok; });
      });
    }, Promise.resolve(true)).then(function (allOk) {
      button.disabled = false;
      if (allOk) {
        result.className = "small mt-2 text-success";
        result.textContent = "Semua berkas tersimpan. Memuat ulang…";
        window.location.reload();
      } else {
        result.className = "small mt-2 text-danger";
        result.innerHTML = "";
        result.appendChild(document.createTextNode("Sebagian berkas ditolak (lihat di atas). "));
        var link = document.createElement("a");
        link.href = window.location.pathname;
        link.textContent = "Muat ulang untuk melihat yang tersimpan";
        result.appendChild(link);
      }
    });
  });
})();
