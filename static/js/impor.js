// Upload of a Lampiran with a progress bar, then the preview page; without JavaScript the
// form posts as usual.
(function () {
  const form = document.getElementById("form-impor");
  if (!form || !window.XMLHttpRequest) return;
  const bar = document.getElementById("impor-kemajuan");
  const status = document.getElementById("impor-status");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    bar.classList.remove("d-none");
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      const pct = Math.round((e.loaded / e.total) * 100);
      bar.firstElementChild.style.width = pct + "%";
      bar.setAttribute("aria-valuenow", pct);
      status.textContent = pct < 100 ? "Mengunggah… " + pct + "%" : "Membaca berkas dan menyusun pratinjau…";
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.location.href = xhr.responseURL;
      } else {
        document.open();
        document.write(xhr.responseText);
        document.close();
      }
    });
    xhr.addEventListener("error", function () {
      status.textContent = "Sambungan terputus; tidak ada yang ditulis. Coba lagi.";
      bar.classList.add("d-none");
    });
    form.querySelector("button[type=submit]").disabled = true;
    xhr.send(new FormData(form));
  });
})();
