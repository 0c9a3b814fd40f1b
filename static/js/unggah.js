// Evidence upload: drag and drop, camera, and each chosen file sent on its own resumable
// upload (tus, through the vendored tus-js-client): a dropped connection or a reload resumes
// from the last byte the server holds, and each file becomes a version once complete and
// accepted. Without tus support the chosen files go together in one request, as the form does
// without JavaScript: if the server refuses one of them, none is kept.
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
  var keepOriginal = document.getElementById("foto-asli");
  var queue = [];
  // Photos larger than this on their longer side are scaled down before they are sent, unless
  // the user asks for the original.
  var MAX_PX = 2000;
  var canScale = !!(window.createImageBitmap && window.HTMLCanvasElement);
  if (canScale) document.getElementById("pilihan-foto").hidden = false;

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
      var entry = {
        file: file, item: item, bar: bar, fill: fill, note: note, drop: drop, name: name
      };
      drop.addEventListener("click", function () { remove(entry); });
      if (file.size > maxBytes) {
        entry.tooLarge = true;
        mark(entry, "danger", "Berukuran " + size(file.size) + ", lebih besar dari batas " +
          size(maxBytes) + " per berkas. Hapus dari daftar untuk mengunggah yang lain.");
      }
      queue.push(entry);
    });
  }

  // The file to send: the chosen one, or a JPEG of it at most MAX_PX on its longer side.
  function prepared(entry) {
    var file = entry.file;
    var photo = /^image\/(jpeg|png|webp)$/.test(file.type);
    if (!canScale || !photo || keepOriginal.checked) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = MAX_PX / Math.max(bitmap.width, bitmap.height);
      if (scale >= 1) {
        bitmap.close();
        return file;
      }
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      var from = bitmap.width + " × " + bitmap.height;
      bitmap.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) return resolve(file);
          var smaller = new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg",
            { type: "image/jpeg", lastModified: file.lastModified });
          entry.name.textContent = smaller.name + " (" + size(smaller.size) + ", diperkecil " +
            "dari " + from + " ke " + canvas.width + " × " + canvas.height + " piksel)";
          resolve(smaller);
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
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
    var body = queue.reduce(function (sum, e) { return sum + e.sent.size; }, 0) || 1;
    var scale = total / body;
    var start = 0;
    queue.forEach(function (entry) {
      var own = entry.sent.size * scale;
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
      data.append("berkas", entry.sent, entry.sent.name);
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

  // Resumable uploads: 2 MB a request, retried with growing pauses while the link is poor;
  // while the device is offline it waits for the connection and then goes on by itself.
  var CHUNK = 2 * 1024 * 1024;
  var RETRY = [0, 1000, 2000, 3000, 5000, 5000, 10000, 10000, 20000, 30000, 30000, 60000];
  var resumable = !!(window.tus && window.tus.isSupported && form.dataset.tus);

  function note(entry, text) {
    entry.note.className = "pesan text-body-secondary";
    entry.note.textContent = text;
    entry.resumed = false;
  }

  function sendResumable() {
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var common = {
      bukti: form.dataset.bukti,
      periode: form.dataset.periode,
      tanggal_dokumen: form.querySelector("[name=tanggal_dokumen]").value,
      catatan: form.querySelector("[name=catatan]").value
    };
    var left = queue.length;
    var refused = 0;
    var entries = queue.slice();

    // One file at a time: a weak link is not split between them, and versions are numbered
    // in the order chosen.
    function next() {
      var following = entries[entries.length - left];
      if (following) begin(following);
    }

    function settled() {
      left -= 1;
      if (left) return next();
      if (!refused) {
        say("Semua berkas tersimpan. Memuat ulang…", "success");
        window.location.reload();
        return;
      }
      say(refused + " dari " + entries.length + " berkas tidak tersimpan (alasannya di " +
        "bawah namanya); yang lain tersimpan. Muat ulang halaman untuk melihat versinya.",
        "danger");
      finish();
    }

    entries.forEach(function (entry) {
      entry.drop.hidden = true;
      note(entry, "Menunggu giliran…");
    });
    next();

    function begin(entry) {
      var file = entry.sent;
      var upload = new window.tus.Upload(file, {
        endpoint: form.dataset.tus,
        chunkSize: CHUNK,
        retryDelays: RETRY,
        headers: { "X-CSRFToken": token },
        metadata: Object.assign({ filename: file.name }, common),
        // The same file for another slot is another upload.
        fingerprint: function () {
          return Promise.resolve(["zi", common.bukti, common.periode, file.name, file.type,
            file.size, file.lastModified].join("|"));
        },
        removeFingerprintOnSuccess: true,
        onShouldRetry: function (error) {
          var status = error.originalResponse ? error.originalResponse.getStatus() : 0;
          if (status >= 400 && status < 500 && status !== 409 && status !== 423) return false;
          if (navigator.onLine === false) {
            entry.offline = true;
            return false;
          }
          note(entry, "Sambungan terputus; mencoba lagi…");
          return true;
        },
        onProgress: function (sent, total) {
          var percent = Math.floor((sent / (total || 1)) * 100);
          entry.fill.style.width = percent + "%";
          entry.bar.setAttribute("aria-valuenow", String(percent));
          // A passing note goes once bytes flow again; "continuing the cut upload" stays, so
          // the user sees why the bar did not start at zero.
          if (entry.note.textContent && !entry.offline && !entry.resumed) {
            entry.note.textContent = "";
          }
        },
        onSuccess: function (payload) {
          var response = payload && payload.lastResponse;
          var versi = response && response.getHeader("ZI-Versi");
          mark(entry, "success", versi ? "Tersimpan sebagai versi " + versi + "." : "Tersimpan.");
          settled();
        },
        onError: function (error) {
          if (entry.offline) {
            note(entry, "Tidak ada sambungan. Unggahan berlanjut sendiri begitu tersambung " +
              "lagi; bagian yang sudah terkirim tidak hilang.");
            return;
          }
          var response = error.originalResponse;
          var text = response && response.getBody();
          if (!response || !response.getStatus()) {
            text = "Sambungan terputus. Pilih berkas yang sama lagi untuk melanjutkan dari " +
              "bagian yang sudah terkirim.";
          }
          refused += 1;
          mark(entry, "danger", text || "Tidak tersimpan.");
          settled();
        }
      });
      entry.upload = upload;
      upload.findPreviousUploads().then(function (previous) {
        if (previous.length) {
          upload.resumeFromPreviousUpload(previous[0]);
          note(entry, "Melanjutkan unggahan yang terputus sebelumnya…");
          entry.resumed = true;
        }
        upload.start();
      });
    }
  }

  // Back online: the "online" event, or (where it does not come) a look every two seconds.
  function reconnect() {
    if (navigator.onLine === false) return;
    queue.forEach(function (entry) {
      if (!entry.offline || !entry.upload) return;
      entry.offline = false;
      note(entry, "Tersambung lagi; melanjutkan…");
      entry.upload.start();
    });
  }
  window.addEventListener("online", reconnect);
  window.setInterval(function () {
    if (queue.some(function (entry) { return entry.offline; })) reconnect();
  }, 2000);

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
  // On a slow link the form can be used before this script arrives: what was chosen then is
  // queued now rather than lost. The mark tells a reader (and the tests) the queue is live.
  [picker, camera].forEach(function (input) {
    if (input.files && input.files.length) { choose(input.files); input.value = ""; }
  });
  form.dataset.siap = "1";

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
    Promise.all(queue.map(prepared)).then(function (files) {
      queue.forEach(function (entry, i) { entry.sent = files[i]; });
      if (resumable) {
        say("Mengunggah " + queue.length + " berkas; tiap berkas tersimpan begitu selesai.");
        sendResumable();
        return;
      }
      say("Mengunggah " + queue.length + " berkas bersama-sama…");
      send();
    });
  });
})();
